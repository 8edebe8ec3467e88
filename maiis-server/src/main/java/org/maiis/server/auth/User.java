package org.maiis.server.auth;

import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * A user row.
 *
 * @param id random UUID
 * @param email lower-cased, unique
 * @param passwordHash bcrypt hash
 * @param fullName display name
 * @param phone optional phone number
 * @param role admin, manager or user
 * @param active whether the user may sign in
 * @param verified whether the e-mail address was verified
 * @param createdAt creation time
 * @param lastLogin last successful login
 */
public record User(
    String id,
    String email,
    String passwordHash,
    String fullName,
    Optional<String> phone,
    Role role,
    boolean active,
    boolean verified,
    OffsetDateTime createdAt,
    Optional<OffsetDateTime> lastLogin) {

  /** The user as the API shows it: never the hash. */
  public View view() {
    return new View(
        id,
        email,
        fullName,
        phone.orElse(null),
        role.word(),
        active,
        verified,
        createdAt,
        lastLogin.orElse(null));
  }

  /**
   * The API representation.
   *
   * @param id user id
   * @param email e-mail address
   * @param fullName display name
   * @param phone phone number or null
   * @param role role word
   * @param isActive active flag
   * @param isVerified verified flag
   * @param createdAt creation time
   * @param lastLogin last login or null
   */
  public record View(
      String id,
      String email,
      String fullName,
      String phone,
      String role,
      boolean isActive,
      boolean isVerified,
      OffsetDateTime createdAt,
      OffsetDateTime lastLogin) {}
}
