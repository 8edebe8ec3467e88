package org.maiis.render.nginx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.maiis.config.ConfigLoader;
import org.maiis.config.MaiisConfig;

class NginxViewTest {
  private static NginxView view(String yaml) {
    MaiisConfig c = new ConfigLoader(Map.<String, String>of()::get).parse("t.yaml", yaml);
    return NginxView.of(c, NginxRuntime.SYSTEM);
  }

  @ParameterizedTest
  @CsvSource({
    "1.22.1, 3.0, true, false, 'X25519:prime256v1:secp384r1'",
    "1.23.2, 3.0, false, false, 'X25519:prime256v1:secp384r1'",
    "1.25.0, 3.4, false, false, 'X25519:prime256v1:secp384r1'",
    "1.25.1, 3.5, false, true, 'X25519MLKEM768:X25519:prime256v1:secp384r1'",
    "1.29.3, 3.6.1, false, true, 'X25519MLKEM768:X25519:prime256v1:secp384r1'"
  })
  void branchesOnTheTargetVersions(
      String nginx, String openssl, boolean ticketsOff, boolean http2On, String curves) {
    NginxView v =
        view("version: 1\ntls: {target: {nginx: " + nginx + ", openssl: \"" + openssl + "\"}}\n");
    assertEquals(ticketsOff, v.tls().sessionTicketsOff());
    assertEquals(http2On, v.http2Directive());
    assertEquals(List.of(http2On ? "0.0.0.0:443 ssl" : "0.0.0.0:443 ssl http2"), v.httpsListens());
    assertEquals(curves, v.tls().curves());
  }

  @Test
  void listsDheSuitesAndTheGroupOnlyForRsaIntermediate() {
    NginxView ec = view("version: 1\n");
    assertFalse(ec.tls().dhparam());
    assertFalse(ec.tls().ciphers().contains(":DHE-"));
    NginxView rsa = view("version: 1\ntls: {key_type: rsa3072}\n");
    assertTrue(rsa.tls().dhparam());
    assertTrue(rsa.tls().ciphers().endsWith(":DHE-RSA-CHACHA20-POLY1305"));
    NginxView modern = view("version: 1\ntls: {profile: modern}\n");
    assertEquals("TLSv1.3", modern.tls().protocols());
    assertFalse(modern.tls().hasCiphers());
    assertFalse(modern.tls().dhparam());
  }

  @Test
  void takesCertificatePathsFromTheLineage() {
    NginxView v = view("version: 1\nsite: {name: bank}\ntls: {cert_dir: /srv/certs}\n");
    assertEquals("/srv/certs/live/bank/fullchain.pem", v.tls().certificate());
    assertEquals("/srv/certs/live/bank/privkey.pem", v.tls().certificateKey());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "default-src 'self'; frame-ancestors 'none'|true|DENY",
        "default-src 'self'; frame-ancestors 'self'|true|SAMEORIGIN",
        "default-src 'self'|true|DENY",
        "default-src 'self'; frame-ancestors https://partner.example|false|''"
      })
  void derivesXFrameOptionsFromTheCsp(String csp, boolean has, String value) {
    NginxView v = view("version: 1\nnginx: {csp: \"" + csp + "\"}\n");
    assertEquals(has, v.headers().hasFrameOptions());
    assertEquals(value, v.headers().frameOptions());
  }

  @Test
  void redirectsToTheHttpsPort() {
    assertEquals("https://$redirect_host$request_uri", view("version: 1\n").redirectTarget());
    assertEquals(
        "https://$redirect_host:8443$request_uri",
        view("version: 1\nnginx: {listen: {https: 8443}}\n").redirectTarget());
  }

  @ParameterizedTest
  @CsvSource({"PT30S, 30s", "PT60S, 1m", "PT90S, 90s", "PT2H, 2h", "P1D, 1d", "PT1.5S, 1500ms"})
  void formatsDurationsInTheLargestExactUnit(Duration d, String expected) {
    assertEquals(expected, NginxTime.format(d));
  }

  @Test
  void comparesVersionsNumerically() {
    assertTrue(Version.parse("1.25.10").atLeast(Version.parse("1.25.9")));
    assertTrue(Version.parse("3.0.22 25 Aug 2026").atLeast(Version.parse("3.0")));
    assertFalse(Version.parse("3.0.22").atLeast(Version.OPENSSL_MLKEM));
    assertEquals(new Version(1, 22, 0), Version.parse("1.22"));
  }

  @Test
  void readTimeoutOutlastsTheApisOwnLimits() {
    // Defaults: OCR 120 s is the longest (LLM 60 s, speech 30 s x 3 attempts).
    assertEquals("130s", view("version: 1\n").proxyReadTimeout());
    assertEquals("310s", view("version: 1\nserver: {llm: {timeout: 5m}}\n").proxyReadTimeout());
    assertEquals(
        "190s",
        view("version: 1\nserver: {speech: {remote_timeout: 45s, remote_retries: 3}}\n")
            .proxyReadTimeout());
  }
}
