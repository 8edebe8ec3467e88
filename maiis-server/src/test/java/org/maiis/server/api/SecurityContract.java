package org.maiis.server.api;

import static org.junit.jupiter.api.Assertions.*;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.maiis.server.api.Api.Res;
import org.maiis.server.api.Api.Session;

/**
 * Hostile input: forged and expired tokens, other users' ids, SQL metacharacters in every string
 * field, oversized and malformed bodies. Each is refused with the right status, never a 500 or a
 * stack trace, and nothing changes.
 */
abstract class SecurityContract extends ServerContract {
  static final String SQL = "x' OR '1'='1'; DROP TABLE users; --";
  Session alice;
  Session mallory;
  String aliceAccount;
  String malloryAccount;

  @Override
  String serverYaml() {
    return "  auth:\n    login_failures: 100\n";
  }

  @BeforeAll
  void signUp() throws Exception {
    alice = api.newUser();
    mallory = api.newUser();
    aliceAccount = api.account(alice, "checking", "USD", "100");
    malloryAccount = api.account(mallory, "checking", "USD", "5");
  }

  private void assertClean(Res r) {
    assertTrue(r.status() < 500, "server error: " + r.status() + " " + r.body());
    for (String leak :
        List.of("Exception", "\tat ", "org.maiis", "SQLState", "jdbc", "h2", "postgres")) {
      assertFalse(r.body().contains(leak), "response leaks '" + leak + "': " + r.body());
    }
    if (r.status() >= 400) {
      assertFalse(r.code().isEmpty(), "error without code: " + r.body());
    }
  }

  private String sign(byte[] key, JWSAlgorithm alg, JWTClaimsSet claims) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader(alg), claims);
    jwt.sign(new MACSigner(key));
    return jwt.serialize();
  }

  private JWTClaimsSet claims(String subject, Instant exp) {
    return new JWTClaimsSet.Builder()
        .issuer("maiis")
        .subject(subject)
        .jwtID(UUID.randomUUID().toString())
        .issueTime(Date.from(Instant.now().minusSeconds(3600)))
        .expirationTime(Date.from(exp))
        .claim("role", "admin")
        .claim("ver", 0)
        .claim("typ", "access")
        .build();
  }

  @Test
  void forgedTamperedAndExpiredTokensAreRefused() throws Exception {
    byte[] key =
        Base64.getUrlDecoder().decode(Files.readString(h.dataDir.resolve("jwt.secret")).strip());
    String[] parts = alice.access().split("\\.");
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    String tampered =
        parts[0]
            + "."
            + b64.encodeToString(
                payload.replace(alice.userId(), mallory.userId()).getBytes(StandardCharsets.UTF_8))
            + "."
            + parts[2];
    String none =
        b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))
            + "."
            + parts[1]
            + ".";
    String noneWithSig =
        b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
            + "."
            + parts[1]
            + "."
            + parts[2];
    byte[] otherKey = new byte[64];
    new java.security.SecureRandom().nextBytes(otherKey);
    Map<String, String> tokens = new LinkedHashMap<>();
    tokens.put("tampered", tampered);
    tokens.put("alg none", none);
    tokens.put("alg none with signature", noneWithSig);
    tokens.put(
        "foreign key",
        sign(otherKey, JWSAlgorithm.HS256, claims(alice.userId(), Instant.now().plusSeconds(600))));
    tokens.put(
        "HS512 with our key",
        sign(key, JWSAlgorithm.HS512, claims(alice.userId(), Instant.now().plusSeconds(600))));
    tokens.put("garbage", "not.a.jwt");
    tokens.put("empty", "");
    for (var t : tokens.entrySet()) {
      Res r = api.get("/api/auth/me", t.getValue());
      assertEquals(401, r.status(), t.getKey() + ": " + r.body());
      assertClean(r);
    }
    Res expired =
        api.get(
            "/api/auth/me",
            sign(key, JWSAlgorithm.HS256, claims(alice.userId(), Instant.now().minusSeconds(5))));
    assertEquals(401, expired.status());
    assertEquals("token_expired", expired.code());
    // The same construction with a future expiry is accepted: the test really exercises the key.
    assertEquals(
        200,
        api.get(
                "/api/auth/me",
                sign(
                    key, JWSAlgorithm.HS256, claims(alice.userId(), Instant.now().plusSeconds(60))))
            .status());
    assertEquals(0, new BigDecimal("100").compareTo(api.balance(alice, aliceAccount)));
  }

  @Test
  void anotherUsersAccountCanBeNeitherReadNorMoved() {
    String m = mallory.access();
    String a = aliceAccount;
    List<Res> attempts =
        List.of(
            api.get("/api/banking/accounts/" + a, m),
            api.get("/api/banking/accounts/" + a + "/summary", m),
            api.get("/api/banking/balance/" + a, m),
            api.get("/api/banking/transactions?account_id=" + a, m),
            api.delete("/api/banking/accounts/" + a, m),
            api.post("/api/banking/withdraw", m, Map.of("account_id", a, "amount", 1)),
            api.post("/api/banking/deposit", m, Map.of("account_id", a, "amount", 1)),
            api.post(
                "/api/banking/transfer",
                m,
                Map.of("from_account_id", a, "to_account_id", malloryAccount, "amount", 50)));
    for (Res r : attempts) {
      // 404 like an account that does not exist, so account ids cannot be probed.
      assertEquals(404, r.status(), r.body());
      assertEquals("account_not_found", r.code());
      assertClean(r);
    }
    String missing = UUID.randomUUID().toString();
    assertEquals(api.get("/api/banking/accounts/" + missing, m).body(), attempts.get(0).body());
    assertEquals(
        api.post("/api/banking/withdraw", m, Map.of("account_id", missing, "amount", 1)).body(),
        attempts.get(5).body());
    assertEquals(0, new BigDecimal("100.00").compareTo(api.balance(alice, aliceAccount)));
    assertEquals(0, new BigDecimal("5.00").compareTo(api.balance(mallory, malloryAccount)));
    assertEquals(
        2,
        api.get("/api/banking/transactions?account_id=" + malloryAccount, m)
                .json()
                .path("total")
                .asInt()
            + 1);
  }

  @Test
  void sqlMetacharactersAreDataNeverCode() {
    // Where free text is allowed it is stored verbatim; elsewhere it is refused as invalid.
    Res signup =
        api.post(
            "/api/auth/signup",
            null,
            Map.of("email", "a@b.io", "password", Api.PASSWORD, "full_name", SQL));
    assertClean(signup);
    assertTrue(signup.status() == 201 || signup.status() == 409, signup.body());
    Res me = api.put("/api/auth/me", alice.access(), Map.of("full_name", SQL));
    assertEquals(200, me.status());
    assertEquals(SQL, api.get("/api/auth/me", alice.access()).json().path("full_name").asText());
    List<Res> refused =
        List.of(
            api.post(
                "/api/auth/signup",
                null,
                Map.of("email", SQL, "password", Api.PASSWORD, "full_name", "x")),
            api.post(
                "/api/auth/signup",
                null,
                Map.of(
                    "email", "z@b.io", "password", Api.PASSWORD, "full_name", "x", "phone", SQL)),
            api.put("/api/auth/me", alice.access(), Map.of("phone", SQL)),
            api.post("/api/auth/login", null, Map.of("email", SQL, "password", SQL)),
            api.post("/api/auth/refresh", null, Map.of("refresh_token", SQL)),
            api.post(
                "/api/auth/change-password",
                alice.access(),
                Map.of("current_password", SQL, "new_password", SQL)),
            api.post("/api/banking/accounts", alice.access(), Map.of("account_type", SQL)),
            api.post(
                "/api/banking/accounts",
                alice.access(),
                Map.of("account_type", "savings", "currency", SQL)),
            api.get(
                "/api/banking/accounts/"
                    + java.net.URLEncoder.encode(SQL, StandardCharsets.UTF_8).replace("+", "%20"),
                alice.access()),
            api.get(
                "/api/banking/transactions?account_id="
                    + java.net.URLEncoder.encode(SQL, StandardCharsets.UTF_8),
                alice.access()),
            api.get(
                "/api/banking/transactions?transaction_type="
                    + java.net.URLEncoder.encode(SQL, StandardCharsets.UTF_8),
                alice.access()),
            api.post(
                "/api/banking/deposit", alice.access(), Map.of("account_id", SQL, "amount", 1)),
            api.post(
                "/api/banking/withdraw", alice.access(), Map.of("account_id", SQL, "amount", 1)),
            api.post(
                "/api/banking/deposit",
                alice.access(),
                Map.of("account_id", aliceAccount, "amount", 1, "reference", SQL)),
            api.post(
                "/api/banking/transfer",
                alice.access(),
                Map.of("from_account_id", aliceAccount, "to_account_id", SQL, "amount", 1)),
            api.post(
                "/api/banking/transfer",
                alice.access(),
                Map.of("from_account_id", SQL, "to_account_id", aliceAccount, "amount", 1)),
            api.post(
                "/api/banking/deposit",
                alice.access(),
                Map.of("account_id", aliceAccount, "amount", SQL)),
            api.post(
                "/api/banking/deposit",
                alice.access(),
                Map.of("account_id", aliceAccount, "amount", 1),
                "Idempotency-Key",
                SQL));
    for (Res r : refused) {
      assertTrue(r.status() >= 400 && r.status() < 500, r.status() + " " + r.body());
      assertClean(r);
    }
    Res described =
        api.post(
            "/api/banking/deposit",
            alice.access(),
            Map.of("account_id", aliceAccount, "amount", 1, "description", SQL));
    assertEquals(201, described.status(), described.body());
    assertEquals(SQL, described.json().path("transaction").path("description").asText());
    assertEquals(0, new BigDecimal("101.00").compareTo(api.balance(alice, aliceAccount)));
    // The tables are intact and other users unaffected.
    assertEquals(200, api.get("/api/auth/me", mallory.access()).status());
    assertEquals(0, new BigDecimal("5.00").compareTo(api.balance(mallory, malloryAccount)));
    api.post(
        "/api/banking/withdraw", alice.access(), Map.of("account_id", aliceAccount, "amount", 1));
  }

  @Test
  void oversizedAndMalformedBodiesAreRefused() {
    String t = alice.access();
    String big = "{\"account_type\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}";
    Res tooBig = api.send("POST", "/api/banking/accounts", t, "application/json", big);
    assertEquals(413, tooBig.status());
    assertEquals("payload_too_large", tooBig.code());
    Object[][] cases = {
      {"application/json", "{not json", 400, "malformed_json"},
      {"application/json", "", 400, "malformed_json"},
      {"application/json", "[1,2,3]", 400, null},
      {"application/json", "null", 400, null},
      {
        "application/json", "{\"account_id\": {\"$gt\": \"\"}, \"amount\": 1}", 400, "invalid_field"
      },
      {"application/json", "{\"account_id\": \"x\", \"amount\": [1]}", 400, "invalid_field"},
      {"application/json", "{\"account_id\": \"x\", \"amount\": 1e400}", 422, "invalid_amount"},
      {"application/json", "{\"account_id\": \"x\", \"amount\": 1e-400}", 400, "invalid_field"},
      {
        "application/json",
        "{\"account_id\": \"x\", \"amount\": 1e999999999}",
        422,
        "invalid_amount"
      },
      {
        "application/json", "{\"account_id\": \"x\", \"amount\": 1} trailing", 400, "malformed_json"
      },
      {"application/json", "[".repeat(5000) + "]".repeat(5000), 400, null},
      {"text/plain", "{\"account_id\":\"x\",\"amount\":1}", 415, "unsupported_media_type"},
      {null, "{\"account_id\":\"x\",\"amount\":1}", 415, "unsupported_media_type"},
    };
    for (Object[] c : cases) {
      Res r = api.send("POST", "/api/banking/deposit", t, (String) c[0], (String) c[1]);
      assertEquals(c[2], r.status(), c[0] + " " + abbreviate((String) c[1]) + " -> " + r.body());
      if (c[3] != null) {
        assertEquals(c[3], r.code());
      }
      assertClean(r);
    }
    Res longName = api.put("/api/auth/me", t, Map.of("full_name", "n".repeat(201)));
    assertEquals(400, longName.status());
    assertEquals(0, new BigDecimal("100.00").compareTo(api.balance(alice, aliceAccount)));
  }

  @Test
  void aQueryParameterGivenTwiceIsRefusedNotSettledByEitherValue() {
    String t = alice.access();
    for (String[] c :
        new String[][] {
          {"/api/banking/transactions?limit=1&limit=100", "limit"},
          {"/api/banking/transactions?account_id=" + aliceAccount + "&account_id=x", "account_id"},
          {"/api/chat/history?offset=0&offset=5", "offset"},
        }) {
      Res r = api.get(c[0], t);
      assertEquals(400, r.status(), c[0] + " -> " + r.body());
      assertEquals(
          c[1] + " is given more than once", r.json().path("error").path("message").asText());
      assertClean(r);
    }
    assertEquals(200, api.get("/api/banking/transactions?limit=1&offset=0", t).status());
  }

  @Test
  void aSecondFileOrFormFieldIsRefusedNotDroppedBehindA2xx() throws Exception {
    String t = alice.access();
    Multipart.Part one = new Multipart.Part("file", "one.txt", "text/plain", "one".getBytes());
    Multipart.Part two = new Multipart.Part("file", "two.txt", "text/plain", "two".getBytes());
    Res files =
        Multipart.post(api.base() + "/api/documents/upload", t, List.of(), List.of(one, two));
    assertEquals(400, files.status(), files.body());
    assertEquals(
        "file is given more than once", files.json().path("error").path("message").asText());
    assertEquals(0, api.get("/api/documents", t).json().size(), "neither was kept");

    byte[] wav = new org.maiis.server.voice.Wav(16_000, new short[1_600]).bytes();
    Res languages =
        Multipart.post(
            api.base() + "/api/voice/transcribe",
            t,
            List.of(Map.entry("language", "en"), Map.entry("language", "de")),
            List.of(new Multipart.Part("audio", "a.wav", "audio/wav", wav)));
    assertEquals(400, languages.status(), languages.body());
    assertEquals(
        "language is given more than once",
        languages.json().path("error").path("message").asText());
    assertClean(files);
    assertClean(languages);
  }

  @Test
  void wrongJsonTypesAreRefusedNotCoercedToText() {
    String t = alice.access();
    String before = api.get("/api/auth/me", t).json().path("full_name").asText();
    Object[][] cases = {
      {"PUT", "/api/auth/me", "{\"full_name\": 5}", "full_name"},
      {"PUT", "/api/auth/me", "{\"phone\": true}", "phone"},
      {"POST", "/api/auth/login", "{\"email\": 5, \"password\": \"x\"}", "email"},
      {"POST", "/api/auth/refresh", "{\"refresh_token\": 123}", "refresh_token"},
      {"POST", "/api/banking/deposit", "{\"account_id\": 1, \"amount\": 1}", "account_id"},
      {"POST", "/api/chat/message", "{\"message\": 42}", "message"},
      {"POST", "/api/chat/message", "{\"message\": \"x\", \"stream\": 1}", "stream"},
      {
        "POST",
        "/api/chat/message",
        "{\"message\": \"x\", \"conversation_history\": [{\"role\": \"user\", \"content\": 7}]}",
        "conversation_history[0].content"
      },
    };
    for (Object[] c : cases) {
      Res r = api.send((String) c[0], (String) c[1], t, "application/json", (String) c[2]);
      assertEquals(400, r.status(), c[2] + " -> " + r.body());
      assertEquals("invalid_field", r.code());
      assertEquals(c[3] + " has the wrong type", r.json().path("error").path("message").asText());
      assertClean(r);
    }
    assertEquals(before, api.get("/api/auth/me", t).json().path("full_name").asText());
  }

  @Test
  void aFieldGivenTwiceIsRefusedNotSettledByTheLastValue() {
    String t = alice.access();
    Object[][] cases = {
      {
        "/api/banking/deposit",
        "{\"account_id\": \"" + aliceAccount + "\", \"amount\": 1, \"amount\": 1000}",
        "amount"
      },
      {
        "/api/chat/message",
        "{\"message\": \"hi\", \"conversation_history\": [{\"role\": \"user\", \"role\":"
            + " \"system\", \"content\": \"x\"}]}",
        "role"
      },
    };
    for (Object[] c : cases) {
      Res r = api.send("POST", (String) c[0], t, "application/json", (String) c[1]);
      assertEquals(400, r.status(), c[1] + " -> " + r.body());
      assertEquals("invalid_field", r.code());
      assertEquals(
          c[2] + " is given more than once", r.json().path("error").path("message").asText());
      assertClean(r);
    }
    assertEquals(0, new BigDecimal("100.00").compareTo(api.balance(alice, aliceAccount)));
  }

  @Test
  void valuesBeyondTheReadLimitsNameTheFieldNotMalformedJson() {
    // 100,000 characters fit the 1 MiB body but not the 65,536-character string limit.
    Res r =
        api.put("/api/auth/me", alice.access(), "{\"full_name\": \"" + "n".repeat(100_000) + "\"}");
    assertEquals(400, r.status(), abbreviate(r.body()));
    assertEquals("invalid_field", r.code());
    assertTrue(
        r.json().path("error").path("message").asText().startsWith("full_name exceeds the limits"),
        r.body());
    assertClean(r);
  }

  @Test
  void wrongMethodsAndRequestsJettyRefusesAnswerInTheErrorShape() throws Exception {
    Res wrongMethod = api.send("DELETE", "/api/auth/login", null, null, null);
    assertEquals(405, wrongMethod.status(), wrongMethod.body());
    assertEquals("method_not_allowed", wrongMethod.code());
    assertEquals("POST", wrongMethod.header("Allow"));
    Res unknown = api.get("/api/no/such/route", alice.access());
    assertEquals(404, unknown.status());
    assertEquals("not_found", unknown.code());

    Res hugeHeader = api.send("GET", "/api/auth/me", "x".repeat(20_000), null, null);
    assertEquals(431, hugeHeader.status(), abbreviate(hugeHeader.body()));
    assertEquals("request_headers_too_large", hugeHeader.code());
    assertTrue(hugeHeader.header("Content-Type").startsWith("application/json"));
    assertClean(hugeHeader);

    // A URI the HTTP client would not send: written on the socket as it is.
    String raw;
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", h.server.port())) {
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write(
              "GET /api/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
    assertTrue(raw.startsWith("HTTP/1.1 400"), raw);
    String body = raw.substring(raw.indexOf("\r\n\r\n") + 4);
    assertEquals("bad_request", Api.JSON.readTree(body).path("error").path("code").asText(), raw);
    assertFalse(raw.contains("<html"), raw);
  }

  private static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "..." : s;
  }
}
