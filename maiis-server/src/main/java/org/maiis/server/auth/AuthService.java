package org.maiis.server.auth;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.maiis.server.failure.Failure;
import org.maiis.server.http.Fields;

/** Sign-up, login, token refresh, logout, profile and password changes. */
public final class AuthService {
  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,63}");
  private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()-]{5,32}");

  private final UserRepository users;
  private final Passwords passwords;
  private final AccessTokens tokens;
  private final Sessions sessions;
  private final LoginThrottle throttle;
  private final Clock clock;
  private final AuthMetrics metrics;

  /** The service over its collaborators. */
  public AuthService(
      UserRepository users,
      Passwords passwords,
      AccessTokens tokens,
      Sessions sessions,
      LoginThrottle throttle,
      Clock clock,
      AuthMetrics metrics) {
    this.metrics = metrics;
    this.users = users;
    this.passwords = passwords;
    this.tokens = tokens;
    this.sessions = sessions;
    this.throttle = throttle;
    this.clock = clock;
  }

  /**
   * A login result.
   *
   * @param user the user
   * @param accessToken JWT
   * @param refreshToken opaque rotating token
   * @param tokenType always "bearer"
   * @param expiresIn access token lifetime in seconds
   */
  public record TokenPair(
      User.View user, String accessToken, String refreshToken, String tokenType, long expiresIn) {}

  /** Creates a user with role user. */
  public User signup(String email, String password, String fullName, String phone) {
    String normalized = email(email);
    passwords.checkPolicy("password", password);
    String name = Fields.required("full_name", fullName, 200);
    Optional<String> ph = phone(phone);
    OffsetDateTime now = now();
    User u =
        new User(
            UUID.randomUUID().toString(),
            normalized,
            passwords.hash(password),
            name,
            ph,
            Role.USER,
            true,
            false,
            now,
            Optional.empty());
    users.insert(u);
    return u;
  }

  /** Checks credentials (throttled) and starts a session. */
  public TokenPair login(String email, String password, String address) {
    return recorded("password", () -> checkLogin(email, password, address));
  }

  private TokenPair recorded(String method, java.util.function.Supplier<TokenPair> attempt) {
    try {
      TokenPair pair = attempt.get();
      metrics.authAttempt(true, method);
      return pair;
    } catch (Failure e) {
      if (e.kind() == Failure.Kind.UNAUTHENTICATED
          || e.kind() == Failure.Kind.FORBIDDEN
          || e.kind() == Failure.Kind.THROTTLED) {
        AuthFailures.record(metrics, method, e);
      }
      throw e;
    }
  }

  private TokenPair checkLogin(String email, String password, String address) {
    String normalized = Fields.required("email", email, 254).toLowerCase(Locale.ROOT);
    if (password == null || password.isEmpty()) {
      throw Failure.invalid("invalid_field", "password is required");
    }
    throttle.attempt(normalized, address);
    Optional<User> found = users.byEmail(normalized);
    if (!passwords.matches(password, found.map(User::passwordHash).orElse(null))) {
      throw Failure.unauthenticated("invalid_credentials", "wrong e-mail or password");
    }
    throttle.succeeded(normalized, address);
    User u = found.get();
    if (!u.active()) {
      throw Failure.forbidden("user_inactive", "this user is deactivated");
    }
    OffsetDateTime now = now();
    users.touchLogin(u.id(), now);
    User logged =
        new User(
            u.id(),
            u.email(),
            u.passwordHash(),
            u.fullName(),
            u.phone(),
            u.role(),
            u.active(),
            u.verified(),
            u.createdAt(),
            Optional.of(now));
    return pair(logged, sessions.start(u.id()));
  }

  /** Rotates {@code refreshToken}: the old one is spent, a new pair is returned. */
  public TokenPair refresh(String refreshToken) {
    return recorded("refresh_token", () -> rotate(refreshToken));
  }

  private TokenPair rotate(String refreshToken) {
    String token = Fields.required("refresh_token", refreshToken, 200);
    Sessions.Refresh r = sessions.consume(token);
    User u =
        users
            .byId(r.userId())
            .filter(User::active)
            .orElseThrow(
                () ->
                    Failure.unauthenticated(
                        "invalid_refresh_token", "the refresh token is not valid"));
    return pair(u, sessions.rotate(r));
  }

  /** Ends the caller's session: the access token and, when given, its refresh family. */
  public void logout(Principal p, String refreshToken) {
    sessions.denyAccessToken(p.tokenId(), p.expiresAt());
    if (refreshToken != null && !refreshToken.isBlank()) {
      sessions
          .peek(refreshToken.strip())
          .filter(r -> r.userId().equals(p.userId()))
          .ifPresent(r -> sessions.revokeFamily(r.family()));
    }
  }

  /** The caller's user. */
  public User me(Principal p) {
    return users
        .byId(p.userId())
        .orElseThrow(() -> Failure.unauthenticated("invalid_token", "the user no longer exists"));
  }

  /** Updates the caller's profile (full_name, phone); absent fields stay as they are. */
  public User updateMe(Principal p, String fullName, String phone) {
    User u = me(p);
    String name = fullName == null ? u.fullName() : Fields.required("full_name", fullName, 200);
    Optional<String> ph = phone == null ? u.phone() : phone(phone);
    users.updateProfile(u.id(), name, ph, now());
    return me(p);
  }

  /**
   * Changes the password after checking the current one; revokes every refresh token and every
   * access token issued so far.
   */
  public void changePassword(Principal p, String current, String next) {
    User u = me(p);
    if (current == null || !passwords.matches(current, u.passwordHash())) {
      throw Failure.unauthenticated("invalid_credentials", "current_password is wrong");
    }
    passwords.checkPolicy("new_password", next);
    users.updatePassword(u.id(), passwords.hash(next), now());
    sessions.revokeUser(u.id());
    sessions.bumpVersion(u.id());
  }

  private TokenPair pair(User u, String refresh) {
    String access = tokens.issue(u, sessions.version(u.id()));
    return new TokenPair(u.view(), access, refresh, "bearer", tokens.ttlSeconds());
  }

  private static String email(String email) {
    String e = Fields.required("email", email, 254);
    if (!EMAIL.matcher(e).matches()) {
      throw Failure.invalid("invalid_field", "email is not an e-mail address");
    }
    return e.toLowerCase(Locale.ROOT);
  }

  private static Optional<String> phone(String phone) {
    Optional<String> ph = Fields.optional("phone", phone, 32);
    if (ph.isPresent() && !PHONE.matcher(ph.get()).matches()) {
      throw Failure.invalid("invalid_field", "phone is not a phone number");
    }
    return ph;
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }
}
