package org.maiis.server.auth;

import io.javalin.config.RoutesConfig;
import java.io.IOException;
import org.maiis.config.ServerConfig;
import org.maiis.server.http.WebSocketMetrics;
import org.maiis.server.platform.Platform;
import org.maiis.server.platform.ServerModule;

/**
 * Sign-up, login, tokens and sessions; gives the other areas the {@link Authenticator} and the
 * WebSocket handshake.
 */
public final class AuthModule implements ServerModule {
  private final Authenticator authenticator;
  private final WebSocketAuth webSockets;
  private final AuthController controller;

  /**
   * Builds the area on {@code p}.
   *
   * @throws IOException when the generated signing key cannot be written
   */
  public AuthModule(Platform p) throws IOException {
    ServerConfig.Auth cfg = p.config().auth();
    byte[] key = JwtSecret.load(p.config().jwtSecret(), p.dataDir(), p.env());
    CheckedTokens checked = new CheckedTokens(cfg.recheckAfter(), System::nanoTime);
    Sessions sessions = new Sessions(p.state(), cfg.refreshTokenTtl(), checked);
    AccessTokens tokens = new AccessTokens(key, cfg.accessTokenTtl(), p.clock());
    UserRepository users = new UserRepository(p.tx());
    AuthMetrics metrics = AuthMetrics.from(p.catalog());
    this.authenticator = new Authenticator(tokens, sessions, users, metrics, checked);
    this.webSockets =
        new WebSocketAuth(
            authenticator,
            p.timer(),
            WebSocketAuth.AUTH_WINDOW,
            WebSocketMetrics.from(p.catalog()));
    AuthService auth =
        new AuthService(
            users,
            new Passwords(10),
            tokens,
            sessions,
            new LoginThrottle(p.state(), cfg.loginFailures(), cfg.loginWindow()),
            p.clock(),
            metrics);
    this.controller = new AuthController(auth, authenticator, p.bodies());
  }

  /** Turns a request's bearer token into a principal, or 401. */
  public Authenticator authenticator() {
    return authenticator;
  }

  /** The authentication step of every WebSocket. */
  public WebSocketAuth webSockets() {
    return webSockets;
  }

  @Override
  public void routes(RoutesConfig routes) {
    controller.register(routes);
  }
}
