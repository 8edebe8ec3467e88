package org.maiis.server.banking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.maiis.config.ServerConfig;
import org.maiis.server.db.Transactions;
import org.maiis.server.failure.Failure;

/**
 * Deposits, withdrawals and transfers. Each runs in one database transaction that locks the
 * accounts it touches ({@code SELECT ... FOR UPDATE}, always in id order so two opposite transfers
 * cannot deadlock), checks ownership, state, currency, funds and limits, then writes the balances,
 * the transaction and its ledger entries, and the idempotency record together.
 */
public final class MoneyMovements {
  /**
   * A deposit or withdrawal result.
   *
   * @param transaction the movement
   * @param accountId the account
   * @param balance its balance after
   */
  public record SingleResult(Transaction transaction, String accountId, BigDecimal balance) {}

  /**
   * A transfer result.
   *
   * @param transaction the movement
   * @param fromAccountId debited account
   * @param toAccountId credited account
   * @param fromBalance debited account's balance after (only shown to its owner: the caller)
   * @param toBalance credited account's balance after, when the caller owns it too
   * @param entries the debit and credit ledger entries
   */
  public record TransferResult(
      Transaction transaction,
      String fromAccountId,
      String toAccountId,
      BigDecimal fromBalance,
      BigDecimal toBalance,
      List<LedgerEntry> entries) {}

  /**
   * A response ready to send (fresh or replayed).
   *
   * @param status HTTP status
   * @param body JSON
   * @param replayed whether it came from an earlier request with the same Idempotency-Key
   */
  public record Response(int status, String body, boolean replayed) {}

  /**
   * Who asks, under which key.
   *
   * @param userId caller
   * @param key Idempotency-Key, if any
   * @param requestHash hash of route and body
   */
  public record Caller(String userId, Optional<String> key, String requestHash) {}

  private final Transactions tx;
  private final Accounts accounts;
  private final Ledger ledger;
  private final Idempotency idempotency;
  private final ObjectMapper mapper;
  private final ServerConfig.Banking limits;
  private final Clock clock;

  /** Movements over the given collaborators. */
  public MoneyMovements(
      Transactions tx,
      Accounts accounts,
      Ledger ledger,
      Idempotency idempotency,
      ObjectMapper mapper,
      ServerConfig.Banking limits,
      Clock clock) {
    this.tx = tx;
    this.accounts = accounts;
    this.ledger = ledger;
    this.idempotency = idempotency;
    this.mapper = mapper;
    this.limits = limits;
    this.clock = clock;
  }

  /** Deposits {@code amount} into the caller's account. */
  public Response deposit(
      Caller caller, String accountId, BigDecimal amount, String description, String reference) {
    return single(caller, accountId, amount, true, description, reference);
  }

  /** Withdraws {@code amount} from the caller's account. */
  public Response withdraw(
      Caller caller, String accountId, BigDecimal amount, String description, String reference) {
    return single(caller, accountId, amount, false, description, reference);
  }

  /**
   * A deposit into or a withdrawal from one of the caller's accounts: its balance moves by {@code
   * amount}, recorded as one transaction with one ledger entry.
   */
  private Response single(
      Caller caller,
      String accountId,
      BigDecimal amount,
      boolean deposit,
      String description,
      String reference) {
    checkLimit(amount);
    return once(
        caller,
        201,
        (c, now) -> {
          Account a = owned(c, caller, accountId, "account_id");
          BigDecimal after = deposit ? credit(a, amount) : debit(c, a, amount, now);
          // Money comes from outside into the account, or leaves it.
          String from = deposit ? null : a.id();
          String to = deposit ? a.id() : null;
          Transaction t =
              transaction(
                  deposit ? "deposit" : "withdrawal",
                  amount,
                  a.currency(),
                  from,
                  to,
                  description,
                  reference,
                  now);
          accounts.setBalance(c, a, after, now);
          BigDecimal change = deposit ? amount : amount.negate();
          ledger.record(c, t, caller.userId(), List.of(new LedgerEntry(a.id(), change, after)));
          return new SingleResult(t, a.id(), after);
        });
  }

  /** {@code a}'s balance after receiving {@code amount}; 422 past the largest balance. */
  private static BigDecimal credit(Account a, BigDecimal amount) {
    BigDecimal after = a.balance().add(amount);
    if (after.compareTo(Money.MAX) > 0) {
      throw Failure.ruleBroken("invalid_amount", "the balance would be too large");
    }
    return after;
  }

  /** Moves {@code amount} from the caller's account to any active account in the same currency. */
  public Response transfer(
      Caller caller,
      String fromId,
      String toId,
      BigDecimal amount,
      String description,
      String reference) {
    if (fromId.equals(toId)) {
      throw Failure.ruleBroken("same_account", "from_account_id and to_account_id are equal");
    }
    checkLimit(amount);
    return once(
        caller,
        201,
        (c, now) -> {
          // Lock order: by id, whichever direction the money goes.
          boolean fromFirst = fromId.compareTo(toId) < 0;
          Optional<Account> first = accounts.lock(c, fromFirst ? fromId : toId);
          Optional<Account> second = accounts.lock(c, fromFirst ? toId : fromId);
          Optional<Account> fromRow = fromFirst ? first : second;
          Optional<Account> toRow = fromFirst ? second : first;
          Account from = ownedRow(fromRow, caller, "from_account_id");
          Account to =
              toRow.orElseThrow(
                  () -> Failure.notFound("account_not_found", "to_account_id does not exist"));
          if (!to.isActive()) {
            throw Failure.conflict("account_closed", "to_account_id is closed");
          }
          if (!to.currency().equals(from.currency())) {
            throw Failure.ruleBroken("currency_mismatch", "the accounts hold different currencies");
          }
          BigDecimal fromAfter = debit(c, from, amount, now);
          BigDecimal toAfter = credit(to, amount);
          Transaction t =
              transaction(
                  "transfer",
                  amount,
                  from.currency(),
                  from.id(),
                  to.id(),
                  description,
                  reference,
                  now);
          accounts.setBalance(c, from, fromAfter, now);
          accounts.setBalance(c, to, toAfter, now);
          LedgerEntry debit = new LedgerEntry(from.id(), amount.negate(), fromAfter);
          LedgerEntry credit = new LedgerEntry(to.id(), amount, toAfter);
          ledger.record(c, t, caller.userId(), List.of(debit, credit));
          boolean ownsTo = to.userId().equals(caller.userId());
          // Another user's balance is theirs alone: the caller sees it only for own accounts.
          return new TransferResult(
              t,
              from.id(),
              to.id(),
              fromAfter,
              ownsTo ? toAfter : null,
              ownsTo ? List.of(debit, credit) : List.of(debit));
        });
  }

  @FunctionalInterface
  private interface Movement {
    Object apply(Connection c, OffsetDateTime now) throws SQLException;
  }

  private Response once(Caller caller, int status, Movement movement) {
    return tx.inTransaction(
        "accounts",
        c -> {
          OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
          if (caller.key().isPresent()) {
            Optional<Idempotency.Stored> stored =
                idempotency.claim(
                    c, caller.userId(), caller.key().get(), caller.requestHash(), now);
            if (stored.isPresent()) {
              return new Response(stored.get().status(), stored.get().body(), true);
            }
          }
          String body = json(movement.apply(c, now));
          if (caller.key().isPresent()) {
            idempotency.complete(c, caller.userId(), caller.key().get(), status, body);
          }
          return new Response(status, body, false);
        });
  }

  private Account owned(Connection c, Caller caller, String id, String field) throws SQLException {
    return ownedRow(accounts.lock(c, id), caller, field);
  }

  private static Account ownedRow(Optional<Account> row, Caller caller, String field) {
    // Another user's account answers exactly like a missing one, so ids cannot be probed.
    Account a =
        row.filter(r -> r.userId().equals(caller.userId()))
            .orElseThrow(() -> Failure.notFound("account_not_found", field + " does not exist"));
    if (!a.isActive()) {
      throw Failure.conflict("account_closed", field + " is closed");
    }
    return a;
  }

  private BigDecimal debit(Connection c, Account a, BigDecimal amount, OffsetDateTime now)
      throws SQLException {
    if (a.balance().compareTo(amount) < 0) {
      throw Failure.ruleBroken("insufficient_funds", "the balance does not cover the amount");
    }
    java.time.LocalDate day = now.toLocalDate();
    BigDecimal today = ledger.outgoingOn(c, a.id(), day);
    if (today.add(amount).compareTo(limits.dailyLimit()) > 0) {
      throw Failure.ruleBroken(
          "daily_limit_exceeded",
          "the daily limit of " + limits.dailyLimit().toPlainString() + " would be exceeded");
    }
    ledger.addOutgoing(c, a.id(), day, amount);
    return a.balance().subtract(amount);
  }

  private void checkLimit(BigDecimal amount) {
    if (amount.compareTo(limits.maxTransaction()) > 0) {
      throw Failure.ruleBroken(
          "limit_exceeded",
          "amount is above the per-transaction limit of "
              + limits.maxTransaction().toPlainString());
    }
  }

  private static Transaction transaction(
      String type,
      BigDecimal amount,
      String currency,
      String from,
      String to,
      String description,
      String reference,
      OffsetDateTime now) {
    String ref =
        reference != null
            ? reference
            : "TXN-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong())
                + HexFormat.of().toHexDigits(System.nanoTime());
    return new Transaction(
        UUID.randomUUID().toString(),
        type,
        amount,
        currency,
        "completed",
        from,
        to,
        description,
        ref,
        now,
        now);
  }

  private String json(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise response", e);
    }
  }
}
