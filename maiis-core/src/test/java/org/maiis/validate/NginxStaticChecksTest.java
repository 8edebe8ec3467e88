package org.maiis.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.maiis.config.ConfigLoader;
import org.maiis.config.MaiisConfig;
import org.maiis.render.nginx.NginxArtifact;
import org.maiis.render.nginx.NginxRuntime;
import org.maiis.render.output.RenderedTree;
import org.maiis.render.output.Templates;

class NginxStaticChecksTest {
  private static final MaiisConfig DEFAULTS =
      new ConfigLoader(Map.<String, String>of()::get).defaults();

  private static RenderedTree rendered() {
    return new NginxArtifact(NginxRuntime.SYSTEM).render(DEFAULTS, Templates.builtIn());
  }

  /** The rendered default tree with one file replaced. */
  private static RenderedTree replacing(String path, String from, String to) {
    RenderedTree original = rendered();
    String text = original.text(path);
    assertTrue(text.contains(from), "fixture: " + from);
    RenderedTree tree = RenderedTree.empty();
    for (String p : original.paths()) {
      tree = tree.with(p, p.equals(path) ? text.replace(from, to) : original.text(p));
    }
    return tree;
  }

  private static List<String> problems(RenderedTree tree) {
    return NginxStaticChecks.check(tree, DEFAULTS).stream().map(ValidationProblem::format).toList();
  }

  private static void assertOneProblem(RenderedTree tree, String regex) {
    List<String> found = problems(tree);
    assertEquals(1, found.size(), found.toString());
    assertTrue(found.get(0).matches(regex), found.get(0));
  }

  /** Problems found, each matching {@code regex} (one per block that shows the defect). */
  private static void assertProblems(RenderedTree tree, String regex) {
    List<String> found = problems(tree);
    assertTrue(!found.isEmpty(), "nothing found");
    for (String f : found) {
      assertTrue(f.matches(regex), f);
    }
  }

  @Test
  void theRenderedDefaultHasNoProblem() {
    assertEquals(List.of(), problems(rendered()));
  }

  @Test
  void findsTheHttp2DirectiveOnAnOldTarget() {
    assertOneProblem(
        replacing(
            "nginx/nginx.conf",
            "        server_name localhost;\n\n        include snippets/tls",
            "        server_name localhost;\n        http2 on;\n\n        include snippets/tls"),
        "nginx/nginx\\.conf:\\d+: 'http2 on' needs nginx 1\\.25\\.1; tls\\.target\\.nginx is 1\\.22\\.1");
  }

  @Test
  void findsPostQuantumGroupsOnOpenssl30() {
    assertOneProblem(
        replacing(
            "nginx/snippets/tls.conf",
            "ssl_ecdh_curve X25519:",
            "ssl_ecdh_curve X25519MLKEM768:X25519:"),
        "nginx/snippets/tls\\.conf:\\d+: ML-KEM groups need OpenSSL 3\\.5.*");
  }

  @Test
  void findsAProxyPassThatStripsTheApiPrefix() {
    assertProblems(
        replacing(
            "nginx/nginx.conf",
            "proxy_set_header Connection \"\";\n            proxy_pass http://backend;",
            "proxy_set_header Connection \"\";\n            proxy_pass http://backend/;"),
        "nginx/nginx\\.conf:\\d+: proxy_pass with a URI part replaces the location prefix; drop '/'");
  }

  @Test
  void findsRateLimitsThatWouldAnswer503() {
    assertOneProblem(
        replacing("nginx/nginx.conf", "    limit_req_status 429;\n", ""),
        "nginx/nginx\\.conf: rate limits without 'limit_req_status 429'.*");
  }

  @Test
  void findsDheSuitesWithoutTheGroup() {
    assertOneProblem(
        replacing(
            "nginx/snippets/tls.conf",
            "CHACHA20-POLY1305;",
            "CHACHA20-POLY1305:DHE-RSA-AES128-GCM-SHA256;"),
        "nginx/nginx\\.conf: DHE suites are listed but no ssl_dhparam");
  }

  @Test
  void findsOcspStapling() {
    assertOneProblem(
        replacing(
            "nginx/snippets/tls.conf",
            "ssl_prefer_server_ciphers off;",
            "ssl_prefer_server_ciphers off;\nssl_stapling on;"),
        "nginx/snippets/tls\\.conf:\\d+: OCSP stapling is on.*");
  }

  @Test
  void findsDuplicateHeaders() {
    assertProblems(
        replacing(
            "nginx/snippets/security-headers.conf",
            "add_header X-XSS-Protection \"0\" always;",
            "add_header X-XSS-Protection \"0\" always;\nadd_header x-content-type-options nosniff;"),
        "nginx/nginx\\.conf:\\d+: header x-content-type-options is added twice in this"
            + " (server|location)");
  }

  @Test
  void findsIncludesThatWereNotRendered() {
    assertOneProblem(
        replacing(
            "nginx/nginx.conf", "include snippets/tls.conf;", "include snippets/tls-missing.conf;"),
        "nginx/nginx\\.conf:\\d+: include snippets/tls-missing\\.conf: not rendered");
  }

  @Test
  void findsSyntaxErrors() {
    RenderedTree unclosed =
        replacing(
            "nginx/nginx.conf",
            "            return 404;\n        }\n    }\n}\n",
            "            return 404;\n        }\n    }\n");
    assertTrue(
        problems(unclosed).stream()
            .anyMatch(
                p -> p.matches("nginx/nginx\\.conf:\\d+: unexpected end of file, expecting '}'")),
        problems(unclosed).toString());
    RenderedTree stray =
        replacing(
            "nginx/snippets/proxy.conf", "proxy_http_version 1.1;", "proxy_http_version 1.1;;");
    assertEquals(List.of("nginx/snippets/proxy.conf:3: unexpected ';'"), problems(stray));
  }
}
