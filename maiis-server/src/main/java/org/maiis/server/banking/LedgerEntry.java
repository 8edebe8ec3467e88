package org.maiis.server.banking;

import java.math.BigDecimal;

/**
 * One account's side of a movement.
 *
 * @param accountId the account
 * @param amount signed: positive credits, negative debits
 * @param balanceAfter the account's balance right after
 */
public record LedgerEntry(String accountId, BigDecimal amount, BigDecimal balanceAfter) {}
