package org.maiis.server.banking;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.maiis.config.ServerConfig;
import org.maiis.server.db.Sql;
import org.maiis.server.db.Transactions;
import org.maiis.server.failure.Failure;

/** Opening, reading and closing accounts, and reading their ledger. Owner-only throughout. */
public final class AccountService {
  private static final Set<String> TYPES = Set.of("savings", "checking", "fixed_deposit");
  private static final Set<String> TX_TYPES = Set.of("deposit", "withdrawal", "transfer");

  /**
   * An account's summary.
   *
   * @param account the account
   * @param totalDeposits sum of deposits
   * @param totalWithdrawals sum of withdrawals
   * @param totalTransfersIn sum of incoming transfers
   * @param totalTransfersOut sum of outgoing transfers
   * @param transactionCount number of ledger entries
   * @param lastTransactionAt latest entry time or null
   */
  public record Summary(
      Account account,
      BigDecimal totalDeposits,
      BigDecimal totalWithdrawals,
      BigDecimal totalTransfersIn,
      BigDecimal totalTransfersOut,
      long transactionCount,
      OffsetDateTime lastTransactionAt) {}

  /**
   * A balance.
   *
   * @param accountId account
   * @param accountNumber its number
   * @param balance exact balance
   * @param currency ISO code
   */
  public record Balance(
      String accountId, String accountNumber, BigDecimal balance, String currency) {}

  /**
   * One page of ledger lines.
   *
   * @param transactions the lines, newest first
   * @param total lines matching the filters
   * @param limit page size
   * @param offset lines skipped
   */
  public record Page(List<TransactionLine> transactions, long total, int limit, int offset) {}

  /**
   * A transaction seen from one account.
   *
   * @param accountId the account this line belongs to
   * @param entryAmount signed amount for that account
   * @param balanceAfter its balance right after
   * @param transaction the movement
   */
  public record TransactionLine(
      String accountId, BigDecimal entryAmount, BigDecimal balanceAfter, Transaction transaction) {}

  private final Transactions tx;
  private final Accounts accounts;
  private final Ledger ledger;
  private final ServerConfig.Banking limits;
  private final Clock clock;

  /** The service over its collaborators. */
  public AccountService(
      Transactions tx, Accounts accounts, Ledger ledger, ServerConfig.Banking limits, Clock clock) {
    this.tx = tx;
    this.accounts = accounts;
    this.ledger = ledger;
    this.limits = limits;
    this.clock = clock;
  }

  /** Opens an account; a positive initial balance is recorded as its first deposit. */
  public Account create(String userId, String type, String currency, BigDecimal initial) {
    String t = type == null ? "" : type.strip().toLowerCase(Locale.ROOT);
    if (!TYPES.contains(t)) {
      throw Failure.invalid(
          "invalid_field", "account_type must be one of savings, checking, fixed_deposit");
    }
    String cur = Money.currency(currency);
    BigDecimal opening =
        Money.nonNegative("initial_balance", initial == null ? BigDecimal.ZERO : initial);
    if (opening.compareTo(limits.maxTransaction()) > 0) {
      throw Failure.ruleBroken(
          "limit_exceeded", "initial_balance is above the per-transaction limit");
    }
    return tx.inTransaction(
        "accounts",
        c -> {
          OffsetDateTime now = now();
          Account a =
              new Account(
                  UUID.randomUUID().toString(),
                  uniqueNumber(c),
                  userId,
                  t,
                  opening,
                  cur,
                  true,
                  now,
                  null);
          accounts.insert(c, a);
          if (opening.signum() > 0) {
            Transaction dep =
                new Transaction(
                    UUID.randomUUID().toString(),
                    "deposit",
                    opening,
                    cur,
                    "completed",
                    null,
                    a.id(),
                    "initial balance",
                    "OPEN-" + a.id(),
                    now,
                    now);
            ledger.record(c, dep, userId, List.of(new LedgerEntry(a.id(), opening, opening)));
          }
          return a;
        });
  }

  /** The caller's accounts. */
  public List<Account> list(String userId) {
    return tx.run("select", "accounts", c -> accounts.ofUser(c, userId));
  }

  /** One of the caller's accounts; 404 when absent, 403 when another user's. */
  public Account get(String userId, String id) {
    return tx.run("select", "accounts", c -> owned(c, userId, id));
  }

  /** Closes an account whose balance is exactly zero. */
  public Account close(String userId, String id) {
    return tx.inTransaction(
        "accounts",
        c -> {
          Account a = owned(c, userId, id);
          a = accounts.lock(c, a.id()).orElseThrow();
          if (!a.isActive()) {
            throw Failure.conflict("account_closed", "the account is already closed");
          }
          if (a.balance().signum() != 0) {
            throw Failure.conflict(
                "account_not_empty", "only an account with balance 0 can be closed");
          }
          OffsetDateTime now = now();
          accounts.close(c, a.id(), now);
          return a.closedOn(now);
        });
  }

  /** Totals over the account's ledger. */
  public Summary summary(String userId, String id) {
    return tx.run(
        "select",
        "ledger_entries",
        c -> {
          Account a = owned(c, userId, id);
          AccountTotals.Totals t = AccountTotals.of(c, a.id());
          return new Summary(
              a,
              t.deposits(),
              t.withdrawals(),
              t.transfersIn(),
              t.transfersOut(),
              t.count(),
              t.lastActivity());
        });
  }

  /** The account's balance. */
  public Balance balance(String userId, String id) {
    Account a = get(userId, id);
    return new Balance(a.id(), a.accountNumber(), a.balance(), a.currency());
  }

  /** A page of the ledger of one account, or of all the caller's accounts. */
  public Page transactions(
      String userId, Optional<String> accountId, Optional<String> type, int limit, int offset) {
    if (limit < 1 || limit > 100) {
      throw Failure.invalid("invalid_field", "limit must be between 1 and 100");
    }
    if (offset < 0) {
      throw Failure.invalid("invalid_field", "offset must not be negative");
    }
    Optional<String> t = type.map(s -> s.strip().toLowerCase(Locale.ROOT));
    if (t.isPresent() && !TX_TYPES.contains(t.get())) {
      throw Failure.invalid(
          "invalid_field", "transaction_type must be one of deposit, withdrawal, transfer");
    }
    return tx.run(
        "select",
        "ledger_entries",
        c -> {
          List<String> ids =
              accountId.isPresent()
                  ? List.of(owned(c, userId, accountId.get()).id())
                  : accounts.ofUser(c, userId).stream().map(Account::id).toList();
          List<TransactionLine> lines =
              ledger.lines(c, ids, t, limit, offset).stream()
                  .map(
                      l ->
                          new TransactionLine(
                              l.accountId(), l.entryAmount(), l.balanceAfter(), l.transaction()))
                  .toList();
          return new Page(lines, ledger.count(c, ids, t), limit, offset);
        });
  }

  private Account owned(Connection c, String userId, String id) throws SQLException {
    // Another user's account answers exactly like a missing one, so ids cannot be probed.
    return accounts
        .find(c, id)
        .filter(a -> a.userId().equals(userId))
        .orElseThrow(() -> Failure.notFound("account_not_found", "no such account"));
  }

  private String uniqueNumber(Connection c) throws SQLException {
    for (int i = 0; i < 5; i++) {
      String n = accounts.newNumber();
      if (Sql.first(c, "SELECT 1 FROM accounts WHERE account_number = ?", rs -> 1, n).isEmpty()) {
        return n;
      }
    }
    throw new IllegalStateException("could not draw a free account number");
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }
}
