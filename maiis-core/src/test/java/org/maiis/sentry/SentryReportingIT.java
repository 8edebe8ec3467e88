package org.maiis.sentry;

import static org.junit.jupiter.api.Assertions.*;

import io.sentry.Breadcrumb;
import io.sentry.CustomSamplingContext;
import io.sentry.ITransaction;
import io.sentry.Sentry;
import io.sentry.TransactionContext;
import io.sentry.TransactionOptions;
import io.sentry.protocol.Request;
import io.sentry.protocol.User;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The real Sentry SDK posting to a local sink: what leaves the process, and what never does. */
class SentryReportingIT {

  @Test
  void sendsScrubbedEventsAndOnlyTheTransactionsThatMayBeTraced() throws Exception {
    List<String> info = new ArrayList<>();
    try (SentrySink sink = new SentrySink()) {
      SentrySettings settings =
          new SentrySettings(Optional.of(sink.dsn()), "test", Optional.of("maiis@0.1.0"), 1.0, 1.0);
      try (SentryReporting reporting = SentryReporting.start(settings, info::add)) {
        assertTrue(reporting.enabled());
        User user = new User();
        user.setId("alice@example.com");
        user.setEmail("alice@example.com");
        user.setUsername("alice");
        user.setIpAddress("203.0.113.9");
        Sentry.setUser(user);
        Sentry.addBreadcrumb(new Breadcrumb("refreshed with refresh_token=rt-31337"));

        Request request = new Request();
        request.setMethod("POST");
        request.setUrl("/api/banking/transfer");
        request.setQueryString("api_key=qk-777&page=2");
        request.setHeaders(
            Map.of(
                "Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl",
                "Cookie", "session=s-8080",
                "X-Api-Key", "k-123",
                "User-Agent", "maiis-test"));
        request.setCookies("session=s-8080");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", "dave@example.com");
        body.put("password", "hunter2");
        body.put("profile", Map.of("refresh_token", "r-999", "city", "Lyon"));
        request.setData(body);
        Sentry.captureException(
            new IllegalStateException(
                "transfer failed for bob@example.com with card 4111 1111 1111 1111 to"
                    + " DE89370400440532013000"),
            scope -> {
              scope.setRequest(request);
              scope.setExtra("api_key", "xk-555");
              scope.setExtra("amount", "12.50");
              scope.setTransaction("POST /api/banking/transfer");
            });
        Sentry.captureMessage("login failed for carol@example.com with password=Sup3rS3cret!");

        trace("GET /health", "/health");
        trace("GET /metrics", "/metrics");
        trace("GET /api/banking/accounts/{id}", "/api/banking/accounts/4242");
        reporting.flush(10_000);
      }
      String sent = sink.all();
      assertTrue(sent.contains("IllegalStateException"), sent);
      assertTrue(
          sent.contains("transfer failed for [email] with card [number] to [account]"), sent);
      assertTrue(sent.contains("login failed for [email] with password=[Filtered]"), sent);
      assertTrue(sent.contains("\"transaction\":\"POST /api/banking/transfer\""), sent);
      assertTrue(sent.contains("GET /api/banking/accounts/{id}"), sent);
      assertTrue(sent.contains("\"environment\":\"test\""), sent);
      assertTrue(sent.contains("\"release\":\"maiis@0.1.0\""), sent);
      assertTrue(sent.contains("\"amount\":\"12.50\""), sent);
      assertTrue(sent.contains("maiis-test"), "harmless headers stay: " + sent);
      assertTrue(sent.contains("\"id\":\"sha256:"), "the user is an opaque id: " + sent);
      for (String never :
          List.of(
              "hunter2",
              "Sup3rS3cret",
              "bob@example.com",
              "carol@example.com",
              "alice",
              "dave@example.com",
              "203.0.113.9",
              "4111",
              "DE89370400440532013000",
              "eyJhbGci",
              "s-8080",
              "k-123",
              "qk-777",
              "xk-555",
              "r-999",
              "rt-31337",
              "GET /health",
              "GET /metrics",
              "/accounts/4242")) {
        assertFalse(sent.contains(never), never + " left the process: " + sent);
      }
    }
    assertEquals(1, info.size());
    assertTrue(info.get(0).startsWith("sentry: reporting to 127.0.0.1"), info.get(0));
    assertFalse(info.get(0).contains("publickey"), "the DSN key is never printed");
  }

  private static void trace(String name, String path) {
    CustomSamplingContext sampling = new CustomSamplingContext();
    sampling.set(NeverTraced.PATH, path);
    TransactionOptions options = new TransactionOptions();
    options.setCustomSamplingContext(sampling);
    ITransaction t = Sentry.startTransaction(new TransactionContext(name, "http.server"), options);
    t.finish();
  }

  @Test
  void withoutADsnReportingIsOffWithOneInfoLine() {
    List<String> info = new ArrayList<>();
    try (SentryReporting r =
        SentryReporting.start(
            new SentrySettings(Optional.empty(), "test", Optional.empty(), 1.0, 0.1), info::add)) {
      assertFalse(r.enabled());
    }
    assertEquals(
        List.of("sentry: no DSN (sentry.dsn unset, or its variable empty), error reporting is off"),
        info);
  }
}
