package org.maiis.render.nginx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.config.MaiisConfig;
import org.maiis.testing.ExternalTools;
import org.maiis.testing.LoopbackPorts;
import org.maiis.testing.RawHttps;
import org.maiis.testing.TestConfigs;

/**
 * The strict rate tiers hold for every spelling of a route that reaches its handler, through a real
 * nginx. Each spelling gets a burst from its own loopback address (nginx keys the zones on the
 * client address), so one spelling's burst cannot use up another's.
 *
 * <p>Which spellings reach a handler was measured against {@code maiis serve} (Javalin 7 with its
 * default router): the exact path, one trailing slash and any query reach it; other spellings
 * ({@code //}, {@code /./}, {@code ..}, {@code %69}, {@code ;x}, upper case) are answered 404
 * there, because nginx passes the request target upstream unchanged. nginx chooses the location
 * from the normalised path, though, so every one of them must land in the strict tier anyway: the
 * limit then does not depend on how the API (or a later version of it) routes.
 */
class NginxRateTierSpellingsIT {
  private static final int BURST = 10;

  @TempDir static Path tmp;
  @AutoClose static EchoFront front;

  /** Each burst comes from its own 127.0.0.N. */
  static RawHttps client;

  @BeforeAll
  static void start() throws Exception {
    int httpsPort = LoopbackPorts.free();
    front =
        EchoFront.start(
            tmp,
            TestConfigs.loopbackListen(httpsPort),
            httpsPort,
            "  rate_limits:",
            "    general: {rate: 1000r/s, burst: 1000}",
            "    api: {rate: 1000r/s, burst: 1000}",
            "    upload: {rate: 1r/m, burst: 3}",
            "    auth: {rate: 5r/m, burst: 5}");
    client = new RawHttps(front.trust(), httpsPort, 10);
  }

  @Test
  void everySpellingOfAnAuthRouteGets429PastTheAuthTier() throws Exception {
    List<String> bypassed = new ArrayList<>();
    for (String target : RawHttps.AUTH_SPELLINGS) {
      List<Integer> statuses = burst(target);
      long ok = statuses.stream().filter(s -> s == 200).count();
      long limited = statuses.stream().filter(s -> s == 429).count();
      // 5r/m with burst 5 and nodelay admits 6 at once, then 429.
      if (ok > 6 || ok + limited != BURST || statuses.get(0) != 200) {
        bypassed.add(target + " " + statuses);
      }
    }
    assertEquals(List.of(), bypassed, "spellings not held to the auth tier");
  }

  @Test
  void everySpellingOfAnUploadRouteGets429PastTheUploadTier() throws Exception {
    for (String target :
        List.of(
            "/api/documents/upload",
            "/api/documents/upload/",
            "/api//documents/upload",
            "/api/voice/transcribe/",
            "/api/documents/upload;x=1")) {
      List<Integer> statuses = burst(target);
      // 1r/m with burst 3: 4 admitted, then 429.
      assertEquals(4, statuses.stream().filter(s -> s == 200).count(), target + " " + statuses);
      assertEquals(
          BURST - 4, statuses.stream().filter(s -> s == 429).count(), target + " " + statuses);
    }
  }

  @Test
  void otherApiRoutesKeepTheLooserApiTier() throws Exception {
    // The control: the tiers above are not simply applied to everything under /api/.
    for (String target :
        List.of("/api/auth/me", "/api/auth/logins", "/api/accounts/", "/api/auth/login-help")) {
      assertEquals(
          List.of(200, 200, 200, 200, 200, 200, 200, 200, 200, 200), burst(target), target);
    }
  }

  @Test
  void answersJson502WithRetryAfterWhenNoInstanceAnswers() throws Exception {
    // A second nginx whose only upstream is a port nothing listens on.
    Path dir = Files.createDirectories(tmp.resolve("down"));
    RunningNginx.readable(dir);
    int port = LoopbackPorts.free();
    MaiisConfig config =
        EchoFront.config(tmp, TestConfigs.loopbackListen(port), LoopbackPorts.free());
    try (RunningNginx down =
        RunningNginx.start(ExternalTools.SYSTEM.require("nginx", "nginx"), config, dir, port)) {
      java.net.http.HttpResponse<String> r =
          java.net.http.HttpClient.newBuilder()
              .sslContext(front.trust())
              .build()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create("https://127.0.0.1:" + port + "/api/accounts"))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString());
      assertEquals(502, r.statusCode(), r.body());
      assertEquals(List.of("application/json"), r.headers().allValues("content-type"));
      assertEquals(List.of("5"), r.headers().allValues("retry-after"));
      assertEquals(
          "bad_gateway",
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readTree(r.body())
              .get("error")
              .get("code")
              .asText());
      assertTrue(r.headers().firstValue("strict-transport-security").isPresent());
    }
  }

  /** {@link #BURST} POSTs of {@code target}, sent as-is, from a fresh client address. */
  private static List<Integer> burst(String target) throws IOException {
    return client.burst(target, BURST);
  }
}
