package org.maiis.server.auth;

import io.javalin.http.Context;
import org.maiis.server.http.ApiException;

/** Turns the {@code Authorization: Bearer} header into a {@link Principal}, or 401. */
public final class Authenticator {
  private static final String ATTRIBUTE = "maiis.principal";
  private final AccessTokens tokens;
  private final Sessions sessions;

  /** Verifies with {@code tokens}; checks revocations in {@code sessions}. */
  public Authenticator(AccessTokens tokens, Sessions sessions) {
    this.tokens = tokens;
    this.sessions = sessions;
  }

  /** The caller; 401 without a valid, unrevoked access token. */
  public Principal require(Context ctx) {
    Principal cached = ctx.attribute(ATTRIBUTE);
    if (cached != null) {
      return cached;
    }
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw ApiException.unauthorized("unauthorized", "a Bearer access token is required");
    }
    AccessTokens.Verified v = tokens.verify(header.substring(7).strip());
    Principal p = v.principal();
    if (sessions.denied(p.tokenId()) || v.version() != sessions.version(p.userId())) {
      throw ApiException.unauthorized("token_revoked", "the access token was revoked");
    }
    ctx.attribute(ATTRIBUTE, p);
    return p;
  }
}
