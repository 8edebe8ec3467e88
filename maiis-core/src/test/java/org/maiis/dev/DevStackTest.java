package org.maiis.dev;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.acme.CertificateStore;
import org.maiis.config.ConfigLoader;
import org.maiis.config.MaiisConfig;

class DevStackTest {
  private static final String YAML =
      """
      version: 1
      site: {name: shop, domain: shop.localhost, alt_names: [localhost], environment: dev}
      nginx:
        listen: {http: 18080, https: 18443, status: 18081, addresses: [127.0.0.1]}
        upstreams: [{server: 127.0.0.1:18000}]
      monitoring:
        jobs:
          prometheus: {targets: ["127.0.0.1:19090"]}
          alertmanager: {targets: ["127.0.0.1:19093"]}
          backend: {targets: ["127.0.0.1:18000"]}
          blackbox: {enabled: false, targets: ["127.0.0.1:19115"]}
      server: {listen: 127.0.0.1:18000}
      """;
  private static final List<String> MAIIS = List.of("/opt/java/bin/java", "-jar", "/opt/maiis.jar");

  private static MaiisConfig config() {
    return new ConfigLoader(k -> null).parse("dev.yaml", YAML);
  }

  private static Map<String, DevComponent> plan(Path state, List<String> installed) {
    DevStack stack = new DevStack(config(), Path.of("/etc/dev.yaml"), state, MAIIS);
    return stack
        .plan(p -> installed.contains(p) ? Optional.of(Path.of("/usr/bin", p)) : Optional.empty())
        .stream()
        .collect(
            Collectors.toMap(
                DevComponent::name, c -> c, (a, b) -> a, java.util.LinkedHashMap::new));
  }

  @Test
  void commandLinesAndPortsComeFromTheConfig(@TempDir Path dir) {
    Path s = dir.resolve("state");
    Map<String, DevComponent> plan =
        plan(
            s,
            List.of(
                "nginx", "prometheus", "prometheus-alertmanager", "prometheus-blackbox-exporter"));
    assertEquals(
        List.of("api", "nginx", "prometheus", "alertmanager", "blackbox"),
        List.copyOf(plan.keySet()));

    DevComponent api = plan.get("api");
    assertEquals(
        List.of(
            "/opt/java/bin/java",
            "-jar",
            "/opt/maiis.jar",
            "serve",
            "-c",
            "/etc/dev.yaml",
            "--data-dir",
            s + "/data",
            "--cert-dir",
            s + "/certs"),
        api.command().orElseThrow());
    assertEquals(Optional.of("http://127.0.0.1:18000/health"), api.healthUrl());
    assertEquals("http://127.0.0.1:18000/api/docs", api.url());
    assertEquals("[127.0.0.1:18000 (server.listen)]", api.binds().toString());

    DevComponent nginx = plan.get("nginx");
    assertEquals(
        List.of(
            "/usr/bin/nginx",
            "-p",
            s + "/rendered/nginx/",
            "-e",
            "error.log",
            "-c",
            "nginx.conf",
            "-g",
            "daemon off;"),
        nginx.command().orElseThrow());
    assertEquals("https://shop.localhost:18443/api/docs", nginx.url());
    assertEquals(
        "[127.0.0.1:18080 (nginx.listen.http), 127.0.0.1:18443 (nginx.listen.https),"
            + " 127.0.0.1:18081 (nginx.listen.status)]",
        nginx.binds().toString());
    assertEquals(Optional.of("http://127.0.0.1:18081/stub_status"), nginx.healthUrl());

    assertEquals(
        List.of(
            "/usr/bin/prometheus",
            "--config.file=" + s + "/rendered/prometheus/prometheus.yml",
            "--storage.tsdb.path=" + s + "/prometheus",
            "--web.listen-address=127.0.0.1:19090"),
        plan.get("prometheus").command().orElseThrow());
    assertEquals(Optional.of("http://127.0.0.1:19090/-/ready"), plan.get("prometheus").healthUrl());
    assertEquals(
        "[127.0.0.1:19090 (monitoring.jobs.prometheus.targets)]",
        plan.get("prometheus").binds().toString());

    assertEquals(
        List.of(
            "/usr/bin/prometheus-alertmanager",
            "--config.file=" + s + "/rendered/alertmanager/alertmanager.yml",
            "--storage.path=" + s + "/alertmanager",
            "--web.listen-address=127.0.0.1:19093",
            "--cluster.listen-address="),
        plan.get("alertmanager").command().orElseThrow());

    assertEquals(
        List.of(
            "/usr/bin/prometheus-blackbox-exporter",
            "--config.file=" + s + "/rendered/blackbox/blackbox.yml",
            "--web.listen-address=127.0.0.1:19115"),
        plan.get("blackbox").command().orElseThrow());
  }

  @Test
  void aMissingProgramIsPlannedWithItsAptPackage(@TempDir Path dir) {
    Map<String, DevComponent> plan = plan(dir, List.of("nginx"));
    assertTrue(plan.get("api").installed());
    assertTrue(plan.get("nginx").installed());
    assertFalse(plan.get("prometheus").installed());
    assertEquals("prometheus", plan.get("prometheus").aptPackage());
    assertEquals("prometheus-alertmanager", plan.get("alertmanager").aptPackage());
    assertEquals("prometheus-blackbox-exporter", plan.get("blackbox").aptPackage());
    assertFalse(plan.get("blackbox").installed());
    assertEquals(
        "prometheus    not installed http://127.0.0.1:19090/  (apt-get install prometheus)",
        new ComponentState(
                "prometheus",
                "http://127.0.0.1:19090/",
                ComponentState.State.NOT_INSTALLED,
                "prometheus")
            .line());
  }

  @Test
  void rendersWithNginxServingTheStateCertificates(@TempDir Path dir) throws Exception {
    DevStack stack = new DevStack(config(), Path.of("/etc/dev.yaml"), dir.resolve("state"), MAIIS);
    stack.render();
    String tls = Files.readString(stack.renderedDir().resolve("nginx/snippets/tls.conf"));
    assertTrue(
        tls.contains("ssl_certificate " + stack.certDir() + "/live/shop/fullchain.pem;"), tls);
    String nginx = Files.readString(stack.renderedDir().resolve("nginx/nginx.conf"));
    assertTrue(nginx.contains("listen 127.0.0.1:18443 ssl"), nginx);
    assertTrue(nginx.contains("pid nginx.pid;"), nginx);
    String prom = Files.readString(stack.renderedDir().resolve("prometheus/prometheus.yml"));
    assertTrue(prom.contains("127.0.0.1:18000"), prom);
    assertTrue(Files.exists(stack.renderedDir().resolve("alertmanager/alertmanager.yml")));
    assertEquals(
        "rwxr-xr-x",
        java.nio.file.attribute.PosixFilePermissions.toString(
            Files.getPosixFilePermissions(stack.stateDir())));
  }

  @Test
  void makesTheCertificateOnceForTheSiteNames(@TempDir Path dir) throws Exception {
    DevStack stack = new DevStack(config(), Path.of("/etc/dev.yaml"), dir, MAIIS);
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    assertTrue(stack.ensureCertificate(now));
    assertFalse(stack.ensureCertificate(now.plusSeconds(3600)));
    CertificateStore store = new CertificateStore(stack.certDir());
    var cert = store.currentChain("shop").orElseThrow().get(0);
    assertTrue(Files.exists(store.liveDir("shop").resolve("privkey.pem")));
    List<String> sans =
        cert.getSubjectAlternativeNames().stream().map(n -> n.get(1).toString()).toList();
    assertEquals(List.of("shop.localhost", "localhost"), sans);
    // Close to expiry: a fresh one.
    assertTrue(stack.ensureCertificate(now.plus(DevStack.CERT_VALIDITY)));
    assertEquals(2, store.currentVersion("shop").getAsInt());
  }
}
