package org.maiis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {
  private final ConfigLoader loader = new ConfigLoader(Map.of("DOMAIN", "bank.example.com")::get);

  @Test
  void defaultsAreTheSeedsNumbers() {
    MaiisConfig c = loader.defaults();
    assertEquals("localhost", c.site().domain());
    assertEquals(TlsConfig.MozillaProfile.INTERMEDIATE, c.tls().profile());
    assertEquals("10r/s", c.nginx().rateLimits().general().rate().nginx());
    assertEquals("20r/s", c.nginx().rateLimits().api().rate().nginx());
    assertEquals("5r/s", c.nginx().rateLimits().upload().rate().nginx());
    assertEquals("5r/m", c.nginx().rateLimits().auth().rate().nginx());
    assertEquals(10, c.nginx().connectionsPerIp());
    assertEquals(0.8, c.monitoring().alerts().get("HighCPUUsage").threshold().getAsDouble());
    assertEquals(Duration.ofMinutes(2), c.monitoring().alerts().get("ServiceDown").forDuration());
    assertTrue(c.sentry().dsn().isEmpty());
    assertEquals("127.0.0.1:8000", c.nginx().upstreams().get(0).address());
    assertEquals(8000, c.server().port());
    assertEquals("max-age=63072000; includeSubDomains", c.nginx().hsts().headerValue());
  }

  @Test
  void valuesOverrideDefaultsAndVariablesAreInterpolated() {
    MaiisConfig c =
        loader.parse(
            "t.yaml",
            """
            site:
              domain: ${DOMAIN}
              alt_names: ["www.${DOMAIN}", "*.api.${DOMAIN}"]
              environment: ${ENVIRONMENT:-staging}
            nginx:
              upstreams:
                - {server: "10.0.0.1:8000", weight: 3, max_fails: 2, fail_timeout: 1m30s}
                - server: "[::1]:8001"
            monitoring:
              alerts:
                HighCPUUsage: {threshold: 0.9}
                ServiceDown: {for: 5m}
            """);
    assertEquals("bank.example.com", c.site().domain());
    assertEquals(
        List.of("bank.example.com", "www.bank.example.com", "*.api.bank.example.com"),
        c.site().allDomains());
    assertEquals("staging", c.site().environment());
    assertEquals("staging", c.sentry().environment(), "Sentry inherits the site environment");
    NginxConfig.Upstream first = c.nginx().upstreams().get(0);
    assertEquals(3, first.weight());
    assertEquals(Duration.ofSeconds(90), first.failTimeout());
    assertEquals("[::1]:8001", c.nginx().upstreams().get(1).address());
    assertEquals(0.9, c.monitoring().alerts().get("HighCPUUsage").threshold().getAsDouble());
    assertEquals(
        Duration.ofMinutes(5),
        c.monitoring().alerts().get("HighCPUUsage").forDuration(),
        "an override of threshold keeps the default 'for'");
    assertEquals(Duration.ofMinutes(5), c.monitoring().alerts().get("ServiceDown").forDuration());
  }

  @Test
  void secretsStayReferencesUntilUsed(@TempDir Path dir) throws IOException {
    Path secretFile = dir.resolve("dsn");
    Files.writeString(secretFile, "http://key@127.0.0.1:9/1\n");
    MaiisConfig c =
        loader.parse(
            "t.yaml",
            "sentry:\n  dsn: ${file:" + secretFile + "}\nserver:\n  jwt_secret: ${MAIIS_JWT}\n");
    Secret dsn = c.sentry().dsn().orElseThrow();
    assertEquals("${file:" + secretFile + "}", dsn.toString());
    assertEquals("http://key@127.0.0.1:9/1", dsn.resolve(k -> null));
    Secret jwt = c.server().jwtSecret().orElseThrow();
    assertEquals("abc", jwt.resolve(Map.of("MAIIS_JWT", "abc")::get));
    IllegalStateException unset =
        assertThrows(IllegalStateException.class, () -> jwt.resolve(k -> null));
    assertEquals("environment variable MAIIS_JWT is not set", unset.getMessage());
  }

  @Test
  void tildeAndNullMeanNoValueLikeAnEmptyOne() {
    MaiisConfig c =
        loader.parse(
            "nulls.yaml",
            "site:\n  name: ~\nnginx: ~\nmonitoring:\n  alerts:\n    HighCPUUsage: NULL\n"
                + "sentry: null\n");
    MaiisConfig d = loader.defaults();
    assertEquals(d.site(), c.site());
    assertEquals(d.nginx(), c.nginx());
    assertEquals(d.monitoring().alerts(), c.monitoring().alerts());
    ConfigException quoted =
        assertThrows(ConfigException.class, () -> loader.parse("q.yaml", "site:\n  name: \"~\"\n"));
    assertEquals(
        "q.yaml:2:9: site.name: '~' is not a valid name (lower-case letters, digits, '.', '_' or"
            + " '-', up to 63 characters)",
        quoted.problems().get(0).format());
  }

  @Test
  void emptyFileMeansDefaults() {
    assertEquals(loader.defaults().nginx(), loader.parse("empty.yaml", "# nothing\n").nginx());
  }

  @Test
  void unreadableFilesAreOneLine(@TempDir Path dir) throws IOException {
    ConfigException missing =
        assertThrows(ConfigException.class, () -> loader.load(dir.resolve("nope.yaml")));
    assertEquals(dir.resolve("nope.yaml") + ": no such file", missing.problems().get(0).format());

    Path binary = dir.resolve("bin.yaml");
    Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, 0x41});
    ConfigException notText = assertThrows(ConfigException.class, () -> loader.load(binary));
    assertEquals(binary + ": not UTF-8 text", notText.problems().get(0).format());
  }

  @Test
  void anUnreadablePathSaysWhyWithoutRepeatingItself(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("file.yaml");
    Files.writeString(file, "version: 1\n");
    Path underAFile = file.resolve("maiis.yaml");
    ConfigException e = assertThrows(ConfigException.class, () -> loader.load(underAFile));
    assertEquals(underAFile + ": cannot read: Not a directory", e.problems().get(0).format());
  }

  @Test
  void aliasBombsAreRefused() {
    StringBuilder yaml = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
    for (char c = 'b'; c <= 'k'; c++) {
      char prev = (char) (c - 1);
      yaml.append(c).append(": &").append(c).append(" [");
      yaml.append(String.join(", ", java.util.Collections.nCopies(9, "*" + prev)));
      yaml.append("]\n");
    }
    ConfigException e =
        assertThrows(ConfigException.class, () -> loader.parse("bomb.yaml", yaml.toString()));
    assertTrue(e.problems().get(0).format().startsWith("bomb.yaml"), e.getMessage());
  }

  static Stream<Path> shippedConfigs() throws IOException {
    return Stream.concat(
        Stream.of(Path.of("../templates/config/maiis.yaml")),
        Files.list(Path.of("../examples")).filter(p -> p.toString().endsWith(".yaml")).sorted());
  }

  /**
   * The key that {@code yaml} sets (with {@code %d} for the value) is read by {@code read}: it
   * defaults to {@code byDefault}, takes {@code set}, and refuses 0.
   */
  private void assertPositiveKey(
      String yaml, ToIntFunction<MaiisConfig> read, int byDefault, int set) {
    assertEquals(byDefault, read.applyAsInt(loader.defaults()));
    assertEquals(
        set, read.applyAsInt(loader.parse("t.yaml", yaml.replace("%d", Integer.toString(set)))));
    assertThrows(ConfigException.class, () -> loader.parse("t.yaml", yaml.replace("%d", "0")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shippedConfigs")
  void shippedConfigsAreValid(Path file) {
    MaiisConfig c = new ConfigLoader(k -> null).load(file);
    assertFalse(c.site().domain().isEmpty());
  }

  @Test
  void theHnswThresholdIsAConfigKeyWithTheFormerFixedDefault() {
    assertPositiveKey(
        "server:\n  vector_store:\n    hnsw_threshold: %d\n",
        c -> c.server().vectorStore().hnswThreshold(), 20_000, 5_000);
  }

  @Test
  void theEmbeddingModelUsesOneOnnxThreadUnlessConfigured() {
    assertPositiveKey(
        "server:\n  llm:\n    embedding_threads: %d\n",
        c -> c.server().llm().embeddingThreads(), 1, 2);
  }

  @Test
  void theFleetRenewalConcurrencyIsAConfigKey() {
    assertPositiveKey(
        "tls:\n  renewal:\n    concurrency: %d\n", c -> c.tls().renewal().concurrency(), 8, 32);
  }

  @Test
  void theRequestsHandledAtOnceAreAConfigKeyWhereZeroMeansPerCore() {
    assertEquals(0, loader.defaults().server().maxInFlight());
    assertEquals(
        12, loader.parse("t.yaml", "server:\n  max_in_flight: 12\n").server().maxInFlight());
    ConfigException negative =
        assertThrows(
            ConfigException.class, () -> loader.parse("t.yaml", "server:\n  max_in_flight: -1\n"));
    assertTrue(negative.getMessage().contains("max_in_flight"), negative.getMessage());
  }

  @Test
  void theCommentedTemplateSpellsOutTheDefaults() {
    MaiisConfig template =
        new ConfigLoader(k -> null).load(Path.of("../templates/config/maiis.yaml"));
    MaiisConfig defaults = new ConfigLoader(k -> null).defaults();
    assertEquals(defaults.nginx(), template.nginx());
    assertEquals(defaults.monitoring(), template.monitoring());
    assertEquals(defaults.server(), template.server());
    assertEquals(defaults.site(), template.site());
  }
}
