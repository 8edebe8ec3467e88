package org.maiis.server.banking;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * A money movement as the API shows it.
 *
 * @param id random UUID
 * @param transactionType deposit, withdrawal or transfer
 * @param amount positive amount
 * @param currency ISO 4217 code
 * @param status completed
 * @param fromAccountId debited account or null
 * @param toAccountId credited account or null
 * @param description free text or null
 * @param reference unique reference
 * @param createdAt creation time
 * @param completedAt completion time
 */
public record Transaction(
    String id,
    String transactionType,
    BigDecimal amount,
    String currency,
    String status,
    String fromAccountId,
    String toAccountId,
    String description,
    String reference,
    OffsetDateTime createdAt,
    OffsetDateTime completedAt) {}
