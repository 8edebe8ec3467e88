package org.maiis.server.banking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.maiis.server.auth.Authenticator;
import org.maiis.server.auth.Principal;
import org.maiis.server.failure.Failure;
import org.maiis.server.http.Bodies;
import org.maiis.server.http.ErrorResponses;
import org.maiis.server.http.Fields;

/**
 * The /api/banking routes.
 *
 * @param accounts the caller's accounts
 * @param movements deposits, withdrawals and transfers
 * @param authenticator who calls
 * @param bodies reads the request bodies
 * @param mapper serialises a request for its idempotency hash
 */
public record BankingController(
    AccountService accounts,
    MoneyMovements movements,
    Authenticator authenticator,
    Bodies bodies,
    ObjectMapper mapper) {
  private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

  /** Account opening body. */
  public record CreateAccountRequest(
      String accountType, String currency, BigDecimal initialBalance) {}

  /** Deposit and withdrawal body. */
  public record MovementRequest(
      String accountId, BigDecimal amount, String description, String reference) {}

  /** Transfer body. */
  public record TransferRequest(
      String fromAccountId,
      String toAccountId,
      BigDecimal amount,
      String description,
      String reference) {}

  /** Registers the routes. */
  public void register(RoutesConfig routes) {
    routes.post("/api/banking/accounts", ErrorResponses.handled(this::create));
    routes.get(
        "/api/banking/accounts",
        ErrorResponses.handled(ctx -> ctx.json(accounts.list(authenticator.userId(ctx)))));
    routes.get("/api/banking/accounts/{id}", onAccount(accounts::get));
    routes.delete("/api/banking/accounts/{id}", onAccount(accounts::close));
    routes.get("/api/banking/accounts/{id}/summary", onAccount(accounts::summary));
    routes.get("/api/banking/balance/{id}", onAccount(accounts::balance));
    routes.post("/api/banking/deposit", ErrorResponses.handled(ctx -> single(ctx, true)));
    routes.post("/api/banking/withdraw", ErrorResponses.handled(ctx -> single(ctx, false)));
    routes.post("/api/banking/transfer", ErrorResponses.handled(this::transfer));
    routes.get("/api/banking/transactions", ErrorResponses.handled(this::transactions));
  }

  /** A route answering {@code action(caller, {id})} as JSON: the caller's account {id}. */
  private Handler onAccount(BiFunction<String, String, Object> action) {
    return ErrorResponses.handled(
        ctx -> ctx.json(action.apply(authenticator.userId(ctx), ctx.pathParam("id"))));
  }

  private void create(Context ctx) {
    String user = authenticator.userId(ctx);
    CreateAccountRequest r = bodies.read(ctx, CreateAccountRequest.class);
    ctx.status(201).json(accounts.create(user, r.accountType(), r.currency(), r.initialBalance()));
  }

  private void single(Context ctx, boolean deposit) {
    Principal p = authenticator.require(ctx);
    MovementRequest r = bodies.read(ctx, MovementRequest.class);
    String account = Fields.required("account_id", r.accountId(), 64);
    BigDecimal amount = Money.positive("amount", r.amount());
    String description = Fields.optional("description", r.description(), 500).orElse(null);
    String reference = reference(r.reference());
    MoneyMovements.Caller caller = caller(ctx, p, r);
    send(
        ctx,
        deposit
            ? movements.deposit(caller, account, amount, description, reference)
            : movements.withdraw(caller, account, amount, description, reference));
  }

  private void transfer(Context ctx) {
    Principal p = authenticator.require(ctx);
    TransferRequest r = bodies.read(ctx, TransferRequest.class);
    String from = Fields.required("from_account_id", r.fromAccountId(), 64);
    String to = Fields.required("to_account_id", r.toAccountId(), 64);
    BigDecimal amount = Money.positive("amount", r.amount());
    String description = Fields.optional("description", r.description(), 500).orElse(null);
    String reference = reference(r.reference());
    send(ctx, movements.transfer(caller(ctx, p, r), from, to, amount, description, reference));
  }

  private void transactions(Context ctx) {
    String user = authenticator.userId(ctx);
    ctx.json(
        accounts.transactions(
            user,
            Optional.ofNullable(Fields.query(ctx, "account_id")).filter(s -> !s.isBlank()),
            Optional.ofNullable(Fields.query(ctx, "transaction_type")).filter(s -> !s.isBlank()),
            intParam(ctx, "limit", 50),
            intParam(ctx, "offset", 0)));
  }

  private MoneyMovements.Caller caller(Context ctx, Principal p, Object request) {
    Optional<String> key = Idempotency.key(ctx.header("Idempotency-Key"));
    try {
      return new MoneyMovements.Caller(
          p.userId(), key, Idempotency.hash(ctx.path(), mapper.writeValueAsString(request)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void send(Context ctx, MoneyMovements.Response r) {
    if (r.replayed()) {
      ctx.header("Idempotent-Replayed", "true");
    }
    ctx.status(r.status()).contentType("application/json").result(r.body());
  }

  private static String reference(String value) {
    Optional<String> ref = Fields.optional("reference", value, 64);
    if (ref.isPresent() && !REFERENCE.matcher(ref.get()).matches()) {
      throw Failure.invalid(
          "invalid_field", "reference must be 1-64 characters of [A-Za-z0-9_.:-]");
    }
    return ref.orElse(null);
  }

  private static int intParam(Context ctx, String name, int def) {
    String v = Fields.query(ctx, name);
    if (v == null || v.isBlank()) {
      return def;
    }
    try {
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      // Digits beyond int's range are an integer too: say what is wrong with them.
      String digits = v.strip();
      throw Failure.invalid(
          "invalid_field",
          !digits.matches("[+-]?\\d+")
              ? name + " must be an integer"
              : digits.startsWith("-")
                  ? name + " must not be negative"
                  : name + " must be at most " + Integer.MAX_VALUE);
    }
  }
}
