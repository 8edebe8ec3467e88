package org.maiis.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.maiis.server.failure.Failure;

/**
 * Access tokens: HS256 JWTs. Verification accepts only HS256 signed with our key, so {@code
 * alg:none}, other algorithms, tampered payloads and expired tokens are all refused.
 */
public final class AccessTokens {
  private static final String ISSUER = "maiis";
  private final MACSigner signer;
  private final MACVerifier verifier;
  private final Duration ttl;
  private final Clock clock;

  /** Tokens signed with {@code key} (32+ bytes) that live for {@code ttl}. */
  public AccessTokens(byte[] key, Duration ttl, Clock clock) {
    try {
      this.signer = new MACSigner(key);
      this.verifier = new MACVerifier(key);
    } catch (JOSEException e) {
      throw new IllegalStateException("JWT key rejected: " + e.getMessage(), e);
    }
    this.ttl = ttl;
    this.clock = clock;
  }

  /**
   * A verified token's contents.
   *
   * @param principal who
   * @param version the user's token version when issued (bumped on password change)
   */
  public record Verified(Principal principal, long version) {}

  /** Issues a token for {@code user} at token version {@code version}. */
  public String issue(User user, long version) {
    Instant now = clock.instant();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .subject(user.id())
            .jwtID(UUID.randomUUID().toString())
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(ttl)))
            .claim("role", user.role().word())
            .claim("ver", version)
            .claim("typ", "access")
            .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign token", e);
    }
    return jwt.serialize();
  }

  /** Seconds an issued token lives. */
  public long ttlSeconds() {
    return ttl.toSeconds();
  }

  /** Verifies {@code token}; 401 {@code invalid_token} or {@code token_expired} otherwise. */
  public Verified verify(String token) {
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
        throw invalid();
      }
      JWTClaimsSet c = jwt.getJWTClaimsSet();
      if (!ISSUER.equals(c.getIssuer())
          || !"access".equals(c.getStringClaim("typ"))
          || c.getSubject() == null
          || c.getJWTID() == null
          || c.getExpirationTime() == null) {
        throw invalid();
      }
      Instant exp = c.getExpirationTime().toInstant();
      if (!exp.isAfter(clock.instant())) {
        throw Failure.unauthenticated("token_expired", "the access token has expired");
      }
      Long version = c.getLongClaim("ver");
      return new Verified(
          new Principal(c.getSubject(), Role.of(c.getStringClaim("role")), c.getJWTID(), exp),
          version == null ? 0 : version);
    } catch (ParseException | JOSEException | IllegalArgumentException | NullPointerException e) {
      throw invalid();
    }
  }

  private static Failure invalid() {
    return Failure.unauthenticated("invalid_token", "the access token is not valid");
  }
}
