package org.maiis.validate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.maiis.config.MaiisConfig;
import org.maiis.render.nginx.Version;
import org.maiis.render.output.RenderedTree;

/**
 * Checks of a rendered nginx tree that need no nginx: syntax, includes that resolve, headers that
 * are neither lost through add_header inheritance nor sent twice, directives that the target
 * nginx/OpenSSL versions accept, 429 for rate limits, no API prefix stripping, no OCSP stapling.
 * They matter most for templates overridden with --templates.
 */
public final class NginxStaticChecks {
  private static final String DIR = "nginx/";
  private static final String MAIN = DIR + "nginx.conf";
  private static final String HEADERS = "snippets/security-headers.conf";

  private final RenderedTree tree;
  private final MaiisConfig config;
  private final List<ValidationProblem> problems = new ArrayList<>();
  private final Map<String, List<NginxDirective>> parsed = new HashMap<>();

  private NginxStaticChecks(RenderedTree tree, MaiisConfig config) {
    this.tree = tree;
    this.config = config;
  }

  /** Every problem in the nginx part of {@code tree}, rendered from {@code config}. */
  public static List<ValidationProblem> check(RenderedTree tree, MaiisConfig config) {
    NginxStaticChecks c = new NginxStaticChecks(tree, config);
    if (!tree.has(MAIN)) {
      return List.of();
    }
    c.run();
    return List.copyOf(c.problems);
  }

  private void run() {
    List<NginxDirective> main = file(MAIN);
    Version nginx = Version.parse(config.tls().target().nginx());
    Version openssl = Version.parse(config.tls().target().openssl());
    Set<String> securityHeaders = headerNames(expand(file(DIR + HEADERS)));
    boolean limitReq = false;
    boolean limitReqStatus = false;
    boolean limitConnStatus = false;
    boolean dheSuites = false;
    boolean dhparam = false;
    for (NginxDirective d : walk(expand(main))) {
      String value = String.join(" ", d.args());
      switch (d.name()) {
        case "include" -> {
          /* resolved by expand() */
        }
        case "limit_req" -> limitReq = true;
        case "limit_req_status" -> limitReqStatus = d.arg(0).equals("429");
        case "limit_conn_status" -> limitConnStatus = d.arg(0).equals("429");
        case "http2" -> {
          if (!nginx.atLeast(Version.NGINX_HTTP2_DIRECTIVE)) {
            problem(d, "'http2 on' needs nginx 1.25.1; tls.target.nginx is " + nginx);
          }
        }
        case "listen" -> {
          if (d.args().contains("http2") && nginx.atLeast(Version.NGINX_HTTP2_DIRECTIVE)) {
            problem(d, "'listen ... http2' is deprecated from nginx 1.25.1; use 'http2 on'");
          }
        }
        case "ssl_ecdh_curve" -> {
          if (value.contains("MLKEM") && !openssl.atLeast(Version.OPENSSL_MLKEM)) {
            problem(d, "ML-KEM groups need OpenSSL 3.5; tls.target.openssl is " + openssl);
          }
        }
        case "ssl_ciphers" -> dheSuites = value.contains("DHE-") && hasPlainDhe(value);
        case "ssl_dhparam" -> {
          dhparam = true;
          if (!d.arg(0).startsWith("/") && !tree.has(DIR + d.arg(0))) {
            problem(d, "ssl_dhparam names " + d.arg(0) + ", which was not rendered");
          }
        }
        case "ssl_stapling" -> {
          if (d.arg(0).equals("on")) {
            problem(d, "OCSP stapling is on, but Let's Encrypt certificates have no OCSP URL");
          }
        }
        case "proxy_pass" -> {
          String target = d.arg(0);
          int slash = target.indexOf('/', target.indexOf("://") + 3);
          if (target.contains("://") && slash > 0) {
            problem(
                d,
                "proxy_pass with a URI part replaces the location prefix; drop '"
                    + target.substring(slash)
                    + "'");
          }
        }
        default -> {
          /* nothing to check */
        }
      }
    }
    if (limitReq && (!limitReqStatus || !limitConnStatus)) {
      problems.add(
          new ValidationProblem(
              MAIN,
              0,
              "rate limits without 'limit_req_status 429' and 'limit_conn_status 429'"
                  + " answer 503"));
    }
    if (dheSuites && !dhparam) {
      problems.add(new ValidationProblem(MAIN, 0, "DHE suites are listed but no ssl_dhparam"));
    }
    for (NginxDirective server : servers(expand(main))) {
      if (isTls(server)) {
        checkHeaders(server, securityHeaders, true);
      }
    }
  }

  private static boolean hasPlainDhe(String ciphers) {
    for (String suite : ciphers.split(":")) {
      if (suite.startsWith("DHE-")) {
        return true;
      }
    }
    return false;
  }

  /**
   * A block that sets any header of its own loses the inherited ones: it must set every security
   * header itself, and none twice.
   */
  private void checkHeaders(NginxDirective block, Set<String> security, boolean isServer) {
    List<String> names = new ArrayList<>();
    for (NginxDirective d : block.block()) {
      if (d.name().equals("add_header")) {
        names.add(d.arg(0).toLowerCase(Locale.ROOT));
      }
    }
    Set<String> seen = new LinkedHashSet<>();
    for (String n : names) {
      if (!seen.add(n) && !n.equals("vary")) {
        problem(block, "header " + n + " is added twice in this " + block.name());
      }
    }
    if (!names.isEmpty() || isServer) {
      List<String> missing = security.stream().filter(h -> !seen.contains(h)).toList();
      if (!missing.isEmpty()) {
        problem(
            block,
            (block.name() + " " + String.join(" ", block.args())).strip()
                + " does not send "
                + String.join(", ", missing)
                + " (a block with its own add_header drops inherited ones; include "
                + HEADERS
                + ")");
      }
    }
    for (NginxDirective d : block.block()) {
      if (d.isBlock() && (d.name().equals("location") || d.name().equals("if"))) {
        checkHeaders(d, security, false);
      }
    }
  }

  private static Set<String> headerNames(List<NginxDirective> directives) {
    Set<String> names = new LinkedHashSet<>();
    for (NginxDirective d : directives) {
      if (d.name().equals("add_header")) {
        names.add(d.arg(0).toLowerCase(Locale.ROOT));
      }
    }
    return names;
  }

  private static boolean isTls(NginxDirective server) {
    for (NginxDirective d : server.block()) {
      if (d.name().equals("listen") && d.args().contains("ssl")) {
        return true;
      }
    }
    return false;
  }

  private static List<NginxDirective> servers(List<NginxDirective> top) {
    List<NginxDirective> out = new ArrayList<>();
    for (NginxDirective d : walk(top)) {
      if (d.isBlock() && d.name().equals("server")) {
        out.add(d);
      }
    }
    return out;
  }

  private static List<NginxDirective> walk(List<NginxDirective> top) {
    List<NginxDirective> out = new ArrayList<>();
    for (NginxDirective d : top) {
      out.add(d);
      if (d.isBlock()) {
        out.addAll(walk(d.block()));
      }
    }
    return out;
  }

  /** The directives with every relative include replaced by the included file's directives. */
  private List<NginxDirective> expand(List<NginxDirective> directives) {
    List<NginxDirective> out = new ArrayList<>();
    for (NginxDirective d : directives) {
      if (d.name().equals("include") && !d.isBlock()) {
        String target = d.arg(0);
        if (target.startsWith("/")) {
          continue;
        }
        if (!tree.has(DIR + target)) {
          problem(d, "include " + target + ": not rendered");
          continue;
        }
        if (target.endsWith(".types")) {
          continue;
        }
        out.addAll(expand(file(DIR + target)));
      } else if (d.isBlock()) {
        out.add(new NginxDirective(d.file(), d.line(), d.name(), d.args(), expand(d.block())));
      } else {
        out.add(d);
      }
    }
    return out;
  }

  private List<NginxDirective> file(String path) {
    return parsed.computeIfAbsent(
        path, p -> tree.has(p) ? NginxParser.parse(p, tree.text(p), problems) : List.of());
  }

  private void problem(NginxDirective d, String message) {
    ValidationProblem p = new ValidationProblem(d.file(), d.line(), message);
    if (!problems.contains(p)) {
      problems.add(p);
    }
  }
}
