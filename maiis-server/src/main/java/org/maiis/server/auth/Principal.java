package org.maiis.server.auth;

import java.time.Instant;

/**
 * Who is calling, from a verified access token.
 *
 * @param userId the user
 * @param role the user's role when the token was issued
 * @param tokenId the token's jti, for revocation on logout
 * @param expiresAt when the token expires
 */
public record Principal(String userId, Role role, String tokenId, Instant expiresAt) {}
