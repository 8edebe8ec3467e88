package org.maiis.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.acme.CertificateStore;
import org.maiis.config.ConfigLoader;
import org.maiis.config.MaiisConfig;
import org.maiis.config.TlsConfig.KeyType;
import org.maiis.tls.Certificates;
import org.maiis.tls.KeyPairs;

/**
 * maiis serve exports the expiry of the certificates in tls.cert_dir: the alerts' second source.
 */
class CertificateMetricsTest {
  @TempDir Path dir;

  @Test
  void metricsCarryTheExpiryOfEachLineage() throws Exception {
    Path certs = dir.resolve("certs");
    CertificateStore store = new CertificateStore(certs);
    store.createLayout();
    KeyPair key = KeyPairs.generate(KeyType.EC256);
    Instant now = Instant.now();
    store.install(
        "bank",
        key,
        List.of(
            Certificates.selfSigned(key, List.of("bank.test"), now, now.plusSeconds(86400 * 30))));
    Path yaml = dir.resolve("maiis.yaml");
    Files.writeString(
        yaml,
        "tls:\n  cert_dir: "
            + certs
            + "\nserver:\n  listen: 127.0.0.1:0\n  data_dir: "
            + dir.resolve("data")
            + "\n");
    MaiisConfig config = new ConfigLoader(k -> null).load(yaml);
    try (MaiisServer server = MaiisServer.start(config, k -> null)) {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertTrue(
          r.body().contains("maiis_ssl_certificate_expiry_timestamp_seconds{lineage=\"bank\"}"),
          r.body());
    }
  }
}
