package org.maiis.server.banking;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * An account row; also its API representation (the owner id is not serialised).
 *
 * @param id random UUID
 * @param accountNumber 20-digit unique number
 * @param userId owner
 * @param accountType savings, checking or fixed_deposit
 * @param balance exact balance, never negative
 * @param currency ISO 4217 code
 * @param isActive false once closed
 * @param createdAt creation time
 * @param closedAt closing time or null
 */
public record Account(
    String id,
    String accountNumber,
    @com.fasterxml.jackson.annotation.JsonIgnore String userId,
    String accountType,
    BigDecimal balance,
    String currency,
    boolean isActive,
    OffsetDateTime createdAt,
    OffsetDateTime closedAt) {

  /** This account as closed at {@code when}: inactive, everything else kept. */
  public Account closedOn(OffsetDateTime when) {
    return new Account(
        id, accountNumber, userId, accountType, balance, currency, false, createdAt, when);
  }
}
