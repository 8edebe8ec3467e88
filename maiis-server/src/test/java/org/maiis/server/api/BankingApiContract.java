package org.maiis.server.api;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.maiis.server.api.Api.Res;
import org.maiis.server.api.Api.Session;

/** The /api/banking routes and health, success and failure, against a real server. */
abstract class BankingApiContract extends ServerContract {
  Session alice;
  Session bob;

  @Override
  String serverYaml() {
    return "  banking:\n    max_transaction: 300\n    daily_limit: 500\n"
        + "  auth:\n    login_failures: 100\n";
  }

  @BeforeAll
  void signUp() throws Exception {
    alice = api.newUser();
    bob = api.newUser();
  }

  private static BigDecimal d(String s) {
    return new BigDecimal(s);
  }

  private Res deposit(Session s, String account, String amount, String... headers) {
    return api.post(
        "/api/banking/deposit",
        s.access(),
        Map.of("account_id", account, "amount", d(amount)),
        headers);
  }

  private Res withdraw(Session s, String account, String amount) {
    return api.post(
        "/api/banking/withdraw", s.access(), Map.of("account_id", account, "amount", d(amount)));
  }

  private Res transfer(Session s, String from, String to, String amount, String... headers) {
    return api.post(
        "/api/banking/transfer",
        s.access(),
        Map.of("from_account_id", from, "to_account_id", to, "amount", d(amount)),
        headers);
  }

  @Test
  void createsListsAndReadsAccounts() {
    Session u = api.newUser();
    Res r =
        api.post(
            "/api/banking/accounts",
            u.access(),
            Map.of("account_type", "savings", "currency", "eur", "initial_balance", d("12.30")));
    assertEquals(201, r.status(), r.body());
    JsonNode a = r.json();
    assertEquals("savings", a.path("account_type").asText());
    assertEquals("EUR", a.path("currency").asText());
    assertEquals(0, d("12.30").compareTo(a.path("balance").decimalValue()));
    assertEquals(20, a.path("account_number").asText().length());
    assertTrue(a.path("account_number").asText().matches("\\d{20}"));
    assertTrue(a.path("is_active").asBoolean());
    assertFalse(a.has("user_id"));
    String second = api.account(u, "checking", "USD", "0");
    Res list = api.get("/api/banking/accounts", u.access());
    assertEquals(200, list.status());
    assertEquals(2, list.json().size());
    assertEquals(a.path("id").asText(), list.json().get(0).path("id").asText());
    assertEquals(second, list.json().get(1).path("id").asText());
    assertEquals(200, api.get("/api/banking/accounts/" + second, u.access()).status());
    Res missing = api.get("/api/banking/accounts/" + UUID.randomUUID(), u.access());
    assertEquals(404, missing.status());
    assertEquals("account_not_found", missing.code());
    assertEquals(401, api.get("/api/banking/accounts", null).status());
  }

  @Test
  void refusesInvalidAccounts() {
    Object[][] cases = {
      {Map.of("account_type", "crypto"), 400},
      {Map.of("account_type", "savings", "currency", "XYZ1"), 400},
      {Map.of("account_type", "savings", "currency", "QQQ"), 400},
      {Map.of("account_type", "savings", "initial_balance", d("-1")), 422},
      {Map.of("account_type", "savings", "initial_balance", d("1.001")), 400},
      {Map.of("account_type", "savings", "initial_balance", d("300.01")), 422},
      {Map.of("account_type", "savings", "initial_balance", "ten"), 400},
    };
    for (Object[] c : cases) {
      Res r = api.post("/api/banking/accounts", alice.access(), c[0]);
      assertEquals(c[1], r.status(), c[0] + " -> " + r.body());
    }
  }

  @Test
  void depositsAndWithdrawsExactly() {
    String acc = api.account(alice, "checking", "USD", "0.10");
    Res dep = deposit(alice, acc, "0.20");
    assertEquals(201, dep.status(), dep.body());
    assertEquals(0, d("0.30").compareTo(dep.json().path("balance").decimalValue()));
    assertEquals("deposit", dep.json().path("transaction").path("transaction_type").asText());
    Res wd = withdraw(alice, acc, "0.30");
    assertEquals(201, wd.status(), wd.body());
    assertEquals(0, BigDecimal.ZERO.compareTo(wd.json().path("balance").decimalValue()));
    Res broke = withdraw(alice, acc, "0.01");
    assertEquals(422, broke.status());
    assertEquals("insufficient_funds", broke.code());
    assertEquals(422, deposit(alice, acc, "0").status());
    assertEquals("invalid_amount", deposit(alice, acc, "-5").code());
    Res over = deposit(alice, acc, "300.01");
    assertEquals(422, over.status());
    assertEquals("limit_exceeded", over.code());
    assertEquals(400, deposit(alice, acc, "1.234").status());
    assertEquals(0, BigDecimal.ZERO.compareTo(api.balance(alice, acc)));
  }

  @Test
  void enforcesTheDailyLimitOnMoneyLeaving() {
    String acc = api.account(alice, "checking", "USD", "300");
    assertEquals(201, deposit(alice, acc, "300").status());
    assertEquals(201, withdraw(alice, acc, "250").status());
    String other = api.account(alice, "savings", "USD", "0");
    assertEquals(201, transfer(alice, acc, other, "250").status());
    Res blocked = withdraw(alice, acc, "0.01");
    assertEquals(422, blocked.status());
    assertEquals("daily_limit_exceeded", blocked.code());
    assertEquals(0, d("100.00").compareTo(api.balance(alice, acc)));
  }

  @Test
  void transfersBetweenOwnAndOtherUsersAccounts() {
    String a1 = api.account(alice, "checking", "USD", "100");
    String a2 = api.account(alice, "savings", "USD", "0");
    String b1 = api.account(bob, "checking", "USD", "0");
    Res own = transfer(alice, a1, a2, "40.50");
    assertEquals(201, own.status(), own.body());
    assertEquals(0, d("59.50").compareTo(own.json().path("from_balance").decimalValue()));
    assertEquals(0, d("40.50").compareTo(own.json().path("to_balance").decimalValue()));
    assertEquals(2, own.json().path("entries").size());
    Res toBob = transfer(alice, a1, b1, "9.50");
    assertEquals(201, toBob.status(), toBob.body());
    assertTrue(toBob.json().path("to_balance").isNull(), "another user's balance must not leak");
    assertEquals(1, toBob.json().path("entries").size());
    assertEquals(0, d("9.50").compareTo(api.balance(bob, b1)));
    assertEquals(0, d("50.00").compareTo(api.balance(alice, a1)));

    assertEquals("same_account", transfer(alice, a1, a1, "1").code());
    String eur = api.account(alice, "checking", "EUR", "10");
    assertEquals("currency_mismatch", transfer(alice, a1, eur, "1").code());
    Res steal = transfer(alice, b1, a1, "1");
    // Another user's account looks exactly like a missing one: its existence does not leak.
    assertEquals(404, steal.status());
    assertEquals("account_not_found", steal.code());
    assertEquals(transfer(alice, UUID.randomUUID().toString(), a1, "1").body(), steal.body());
    assertEquals(404, transfer(alice, a1, UUID.randomUUID().toString(), "1").status());
    assertEquals(422, transfer(alice, a1, a2, "50.01").status());
    assertEquals(0, d("9.50").compareTo(api.balance(bob, b1)));
    assertEquals(0, d("50.00").compareTo(api.balance(alice, a1)));
  }

  @Test
  void referencesAreUniquePerUserOnly() {
    String acc = api.account(alice, "checking", "USD", "0");
    String bobAcc = api.account(bob, "checking", "USD", "0");
    String ref = "INV-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, Object> body = Map.of("account_id", acc, "amount", d("5"), "reference", ref);
    assertEquals(201, api.post("/api/banking/deposit", alice.access(), body).status());
    Res twice = api.post("/api/banking/deposit", alice.access(), body);
    assertEquals(409, twice.status(), twice.body());
    assertEquals("duplicate_reference", twice.code());
    // Another customer's reference neither blocks nor reveals anything.
    Res bobs =
        api.post(
            "/api/banking/deposit",
            bob.access(),
            Map.of("account_id", bobAcc, "amount", d("5"), "reference", ref));
    assertEquals(201, bobs.status(), bobs.body());
    assertEquals(ref, bobs.json().path("transaction").path("reference").asText());
    assertEquals(0, d("5.00").compareTo(api.balance(alice, acc)));
  }

  @Test
  void idempotencyKeysReplayAndNeverApplyTwice() {
    String acc = api.account(alice, "checking", "USD", "0");
    String key = "dep-" + UUID.randomUUID();
    Res first = deposit(alice, acc, "25", "Idempotency-Key", key);
    Res again = deposit(alice, acc, "25", "Idempotency-Key", key);
    assertEquals(201, first.status());
    assertEquals(201, again.status());
    assertEquals("true", again.header("Idempotent-Replayed"));
    assertNull(first.header("Idempotent-Replayed"));
    assertEquals(first.json(), again.json());
    assertEquals(0, d("25.00").compareTo(api.balance(alice, acc)));
    Res different = deposit(alice, acc, "26", "Idempotency-Key", key);
    assertEquals(409, different.status());
    assertEquals("idempotency_key_reused", different.code());
    assertEquals(400, deposit(alice, acc, "1", "Idempotency-Key", "bad key with spaces").status());
    // Keys are per user: bob's identical key is his own.
    String bobAcc = api.account(bob, "checking", "USD", "0");
    assertEquals(201, deposit(bob, bobAcc, "25", "Idempotency-Key", key).status());
    assertEquals(0, d("25.00").compareTo(api.balance(alice, acc)));
  }

  @Test
  void pagesOfOneAccountWalkItsWholeLedgerNewestFirstBesideAnother() {
    String acc = api.account(alice, "checking", "USD", "100");
    String other = api.account(alice, "savings", "USD", "100");
    // Entries of the two accounts interleave in the ledger; each page holds one account's only.
    List<String> expected = new java.util.ArrayList<>(List.of("100.00"));
    BigDecimal balance = d("100.00");
    for (int i = 1; i <= 7; i++) {
      if (i % 3 == 0) {
        assertEquals(201, transfer(alice, acc, other, "2").status());
        balance = balance.subtract(d("2"));
      } else {
        assertEquals(201, deposit(alice, other, "1").status());
        assertEquals(201, deposit(alice, acc, Integer.toString(i)).status());
        balance = balance.add(d(Integer.toString(i)));
      }
      expected.add(0, balance.setScale(2).toPlainString());
    }
    List<String> seen = new java.util.ArrayList<>();
    for (int offset = 0; ; offset += 3) {
      Res page =
          api.get(
              "/api/banking/transactions?account_id=" + acc + "&limit=3&offset=" + offset,
              alice.access());
      assertEquals(200, page.status(), page.body());
      assertEquals(8, page.json().path("total").asInt());
      if (page.json().path("transactions").isEmpty()) {
        break;
      }
      for (JsonNode line : page.json().path("transactions")) {
        assertEquals(acc, line.path("account_id").asText());
        seen.add(line.path("balance_after").decimalValue().setScale(2).toPlainString());
      }
    }
    assertEquals(expected, seen);
    Res transfers =
        api.get(
            "/api/banking/transactions?account_id=" + acc + "&transaction_type=transfer&limit=1",
            alice.access());
    assertEquals(2, transfers.json().path("total").asInt());
    assertEquals(1, transfers.json().path("transactions").size());
  }

  @Test
  void pagesOfAllAccountsMergeTheirLedgersNewestFirst() {
    Session carol = api.newUser();
    String acc = api.account(carol, "checking", "USD", "100");
    String other = api.account(carol, "savings", "USD", "100");
    // Newest first over both accounts: (account, amount) of every entry, written in this order.
    List<String> written = new java.util.ArrayList<>(List.of(acc + " 100.00", other + " 100.00"));
    for (int i = 1; i <= 5; i++) {
      assertEquals(201, deposit(carol, other, Integer.toString(i)).status());
      written.add(other + " " + i + ".00");
      assertEquals(201, transfer(carol, acc, other, "2").status());
      written.add(acc + " -2.00");
      written.add(other + " 2.00");
    }
    java.util.Collections.reverse(written);
    for (int limit : new int[] {1, 4, 100}) {
      List<String> seen = new java.util.ArrayList<>();
      for (int offset = 0; offset < written.size(); offset += limit) {
        Res page =
            api.get(
                "/api/banking/transactions?limit=" + limit + "&offset=" + offset, carol.access());
        assertEquals(200, page.status(), page.body());
        assertEquals(written.size(), page.json().path("total").asInt());
        for (JsonNode line : page.json().path("transactions")) {
          seen.add(
              line.path("account_id").asText()
                  + " "
                  + line.path("entry_amount").decimalValue().setScale(2).toPlainString());
        }
      }
      assertEquals(written, seen, "pages of " + limit);
    }
  }

  @Test
  void listsTransactionsWithPaginationAndFilters() {
    String acc = api.account(alice, "checking", "USD", "10");
    for (int i = 1; i <= 4; i++) {
      assertEquals(201, deposit(alice, acc, Integer.toString(i)).status());
    }
    assertEquals(201, withdraw(alice, acc, "5").status());
    Res page =
        api.get(
            "/api/banking/transactions?account_id=" + acc + "&limit=2&offset=1", alice.access());
    assertEquals(200, page.status(), page.body());
    assertEquals(6, page.json().path("total").asInt());
    assertEquals(2, page.json().path("transactions").size());
    JsonNode newestButOne = page.json().path("transactions").get(0);
    assertEquals("deposit", newestButOne.path("transaction").path("transaction_type").asText());
    assertEquals(0, d("20.00").compareTo(newestButOne.path("balance_after").decimalValue()));
    Res withdrawals =
        api.get(
            "/api/banking/transactions?account_id=" + acc + "&transaction_type=withdrawal",
            alice.access());
    assertEquals(1, withdrawals.json().path("total").asInt());
    assertEquals(
        0,
        d("-5.00")
            .compareTo(
                withdrawals
                    .json()
                    .path("transactions")
                    .get(0)
                    .path("entry_amount")
                    .decimalValue()));
    assertEquals(400, api.get("/api/banking/transactions?limit=101", alice.access()).status());
    assertEquals(400, api.get("/api/banking/transactions?limit=0", alice.access()).status());
    assertEquals(400, api.get("/api/banking/transactions?offset=-1", alice.access()).status());
    assertEquals(400, api.get("/api/banking/transactions?limit=ten", alice.access()).status());
    Res hugeOffset = api.get("/api/banking/transactions?offset=99999999999999", alice.access());
    assertEquals(400, hugeOffset.status());
    assertEquals(
        "offset must be at most 2147483647",
        hugeOffset.json().path("error").path("message").asText());
    assertEquals(
        400, api.get("/api/banking/transactions?transaction_type=refund", alice.access()).status());
    String bobAcc = api.account(bob, "checking", "USD", "0");
    assertEquals(
        404, api.get("/api/banking/transactions?account_id=" + bobAcc, alice.access()).status());
    Res all = api.get("/api/banking/transactions?limit=100", bob.access());
    assertEquals(200, all.status());
    for (JsonNode line : all.json().path("transactions")) {
      assertNotEquals(acc, line.path("account_id").asText(), "bob must not see alice's lines");
    }
  }

  @Test
  void summarisesAndClosesAccounts() {
    String acc = api.account(alice, "checking", "USD", "10");
    String other = api.account(alice, "savings", "USD", "0");
    deposit(alice, acc, "5");
    withdraw(alice, acc, "3");
    transfer(alice, acc, other, "2");
    transfer(alice, other, acc, "1");
    Res s = api.get("/api/banking/accounts/" + acc + "/summary", alice.access());
    assertEquals(200, s.status(), s.body());
    assertEquals(0, d("15.00").compareTo(s.json().path("total_deposits").decimalValue()));
    assertEquals(0, d("3.00").compareTo(s.json().path("total_withdrawals").decimalValue()));
    assertEquals(0, d("1.00").compareTo(s.json().path("total_transfers_in").decimalValue()));
    assertEquals(0, d("2.00").compareTo(s.json().path("total_transfers_out").decimalValue()));
    assertEquals(5, s.json().path("transaction_count").asInt());
    assertEquals(0, d("11.00").compareTo(s.json().path("account").path("balance").decimalValue()));

    Res notEmpty = api.delete("/api/banking/accounts/" + acc, alice.access());
    assertEquals(409, notEmpty.status());
    assertEquals("account_not_empty", notEmpty.code());
    withdraw(alice, acc, "11");
    Res closed = api.delete("/api/banking/accounts/" + acc, alice.access());
    assertEquals(200, closed.status(), closed.body());
    assertFalse(closed.json().path("is_active").asBoolean());
    assertEquals(
        "account_closed", api.delete("/api/banking/accounts/" + acc, alice.access()).code());
    assertEquals("account_closed", deposit(alice, acc, "1").code());
    assertEquals("account_closed", transfer(alice, other, acc, "0.5").code());
    Res bal = api.get("/api/banking/balance/" + acc, alice.access());
    assertEquals(200, bal.status());
    assertEquals(0, BigDecimal.ZERO.compareTo(bal.json().path("balance").decimalValue()));
  }

  @Test
  void healthReportsEveryDependency() {
    Res live = api.get("/health", null);
    assertEquals(200, live.status());
    assertEquals("ok", live.json().path("status").asText());
    Res ready = api.get("/health/ready", null);
    assertEquals(200, ready.status(), ready.body());
    for (String dep : new String[] {"database", "cache", "storage"}) {
      JsonNode c = ready.json().path("checks").path(dep);
      assertEquals("up", c.path("status").asText(), dep);
      assertTrue(c.path("latency_ms").isNumber(), dep);
    }
    assertEquals(
        backend().name().equals("h2") ? "h2" : "postgresql",
        ready.json().path("checks").path("database").path("kind").asText());
  }

  @Test
  void unknownRoutesAndMethodsGetTheErrorShape() {
    Res nf = api.get("/api/nothing-here", null);
    assertEquals(404, nf.status());
    assertEquals("not_found", nf.code());
    assertFalse(nf.json().path("error").path("message").asText().isEmpty());
  }
}
