package org.maiis.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.maiis.server.cache.SharedState;
import org.maiis.server.failure.Failure;

/**
 * Refresh tokens and revocations in {@link SharedState}, so every instance agrees. Refresh tokens
 * are opaque random strings stored only as SHA-256 hashes; each use rotates the token within its
 * family, and presenting an already-used token revokes the whole family (a stolen token is then
 * useless to both holders).
 */
public final class Sessions {
  private final SharedState state;
  private final Duration refreshTtl;
  private final SecureRandom random = new SecureRandom();
  private final CheckedTokens checked;

  /**
   * Sessions in {@code state}; refresh tokens live {@code refreshTtl}; every access-token
   * revocation empties {@code checked}.
   */
  Sessions(SharedState state, Duration refreshTtl, CheckedTokens checked) {
    this.state = state;
    this.refreshTtl = refreshTtl;
    this.checked = checked;
  }

  /** A refresh token's owner and family. */
  public record Refresh(String userId, String family) {}

  /** Starts a new family for {@code userId} and returns its first refresh token. */
  public String start(String userId) {
    return issue(userId, UUID.randomUUID().toString());
  }

  /**
   * Consumes {@code token} and returns its owner and family; 401 when unknown, revoked, or reused
   * (which also revokes the family).
   */
  public Refresh consume(String token) {
    String hash = hash(token);
    Refresh r =
        state
            .get("rt:" + hash)
            .map(Sessions::parse)
            .orElseThrow(
                () ->
                    Failure.unauthenticated(
                        "invalid_refresh_token", "the refresh token is not valid"));
    if (state.get("rtrevoked:" + r.family()).isPresent()) {
      throw Failure.unauthenticated("invalid_refresh_token", "the refresh token is revoked");
    }
    if (!state.putIfAbsent("rtused:" + hash, "1", refreshTtl)) {
      revokeFamily(r.family());
      throw Failure.unauthenticated(
          "refresh_token_reused", "the refresh token was already used; the session is revoked");
    }
    return r;
  }

  /** Issues the next token in {@code r}'s family. */
  public String rotate(Refresh r) {
    return issue(r.userId(), r.family());
  }

  /** The owner and family of {@code token} without consuming it, when it is known. */
  public Optional<Refresh> peek(String token) {
    return state.get("rt:" + hash(token)).map(Sessions::parse);
  }

  /** Revokes every refresh token in {@code family}. */
  public void revokeFamily(String family) {
    state.put("rtrevoked:" + family, "1", refreshTtl);
  }

  /** Revokes every refresh token of {@code userId}. */
  public void revokeUser(String userId) {
    for (String family : state.members("rtfamilies:" + userId)) {
      revokeFamily(family);
    }
  }

  /** Refuses the access token {@code tokenId} until it would expire anyway. */
  public void denyAccessToken(String tokenId, Instant expiresAt) {
    Duration left = Duration.between(Instant.now(), expiresAt);
    if (!left.isNegative() && !left.isZero()) {
      state.put("denied:" + tokenId, "1", left);
    }
    // After the write: a check that starts from now on reads the revocation.
    checked.invalidate();
  }

  /** Whether the access token {@code tokenId} was revoked (logout). */
  public boolean denied(String tokenId) {
    return state.get("denied:" + tokenId).isPresent();
  }

  /** The user's current access-token version. */
  public long version(String userId) {
    return state.get("tokver:" + userId).map(Long::parseLong).orElse(0L);
  }

  /** Invalidates every access token of {@code userId} issued so far. */
  public long bumpVersion(String userId) {
    // Kept far longer than any access token lives; a lost counter only re-admits expired tokens.
    long version = state.increment("tokver:" + userId, Duration.ofDays(3650));
    checked.invalidate();
    return version;
  }

  private String issue(String userId, String family) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    state.put("rt:" + hash(token), userId + " " + family, refreshTtl);
    state.addToSet("rtfamilies:" + userId, family, refreshTtl);
    return token;
  }

  private static Refresh parse(String stored) {
    int sp = stored.indexOf(' ');
    return new Refresh(stored.substring(0, sp), stored.substring(sp + 1));
  }

  private static String hash(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
