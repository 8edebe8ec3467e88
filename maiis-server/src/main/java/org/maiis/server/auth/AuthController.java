package org.maiis.server.auth;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import org.maiis.server.http.Bodies;
import org.maiis.server.http.ErrorResponses;

/**
 * The /api/auth routes.
 *
 * @param auth the accounts and sessions
 * @param authenticator who calls
 * @param bodies reads the request bodies
 */
public record AuthController(AuthService auth, Authenticator authenticator, Bodies bodies) {
  /** Sign-up body. */
  public record SignupRequest(String email, String password, String fullName, String phone) {}

  /** Login body. */
  public record LoginRequest(String email, String password) {}

  /** Refresh and logout body. */
  public record RefreshRequest(String refreshToken) {}

  /** Profile update body. */
  public record UpdateMeRequest(String fullName, String phone) {}

  /** Password change body. */
  public record ChangePasswordRequest(String currentPassword, String newPassword) {}

  /** Registers the routes. */
  public void register(RoutesConfig routes) {
    routes.post("/api/auth/signup", ErrorResponses.handled(this::signup));
    routes.post("/api/auth/login", ErrorResponses.handled(this::login));
    routes.post("/api/auth/refresh", ErrorResponses.handled(this::refresh));
    routes.post("/api/auth/logout", ErrorResponses.handled(this::logout));
    routes.get(
        "/api/auth/me",
        ErrorResponses.handled(ctx -> ctx.json(auth.me(authenticator.require(ctx)).view())));
    routes.put("/api/auth/me", ErrorResponses.handled(this::updateMe));
    routes.post("/api/auth/change-password", ErrorResponses.handled(this::changePassword));
  }

  private void signup(Context ctx) {
    SignupRequest r = bodies.read(ctx, SignupRequest.class);
    ctx.status(201).json(auth.signup(r.email(), r.password(), r.fullName(), r.phone()).view());
  }

  private void login(Context ctx) {
    LoginRequest r = bodies.read(ctx, LoginRequest.class);
    ctx.json(auth.login(r.email(), r.password(), ctx.ip()));
  }

  private void refresh(Context ctx) {
    ctx.json(auth.refresh(bodies.read(ctx, RefreshRequest.class).refreshToken()));
  }

  private void logout(Context ctx) {
    Principal p = authenticator.require(ctx);
    String refresh =
        ctx.bodyAsBytes().length == 0
            ? null
            : bodies.read(ctx, RefreshRequest.class).refreshToken();
    auth.logout(p, refresh);
    ctx.json(Map.of("message", "logged out"));
  }

  private void updateMe(Context ctx) {
    Principal p = authenticator.require(ctx);
    UpdateMeRequest r = bodies.read(ctx, UpdateMeRequest.class);
    ctx.json(auth.updateMe(p, r.fullName(), r.phone()).view());
  }

  private void changePassword(Context ctx) {
    Principal p = authenticator.require(ctx);
    ChangePasswordRequest r = bodies.read(ctx, ChangePasswordRequest.class);
    auth.changePassword(p, r.currentPassword(), r.newPassword());
    ctx.json(Map.of("message", "password changed; sign in again"));
  }
}
