package org.maiis.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The nginx front: listeners, upstream pool, rate limits and response headers.
 *
 * @param httpPort port of the plain-HTTP server (ACME challenges and the redirect)
 * @param httpsPort port of the TLS server
 * @param upstreams the API instances nginx balances over
 * @param rateLimits the four request-rate tiers
 * @param connectionsPerIp concurrent connections allowed per client address
 * @param bodyLimits request body limits
 * @param websocketPaths paths proxied as WebSockets
 * @param staticFiles static file serving and caching
 * @param csp the Content-Security-Policy header value
 * @param hsts Strict-Transport-Security settings
 * @param cors cross-origin allow-list
 * @param listenAddresses addresses the public servers listen on (0.0.0.0, [::], 127.0.0.1)
 * @param statusPort loopback port of the stub_status listener read by the nginx exporter
 */
public record NginxConfig(
    int httpPort,
    int httpsPort,
    List<Upstream> upstreams,
    RateLimits rateLimits,
    int connectionsPerIp,
    BodyLimits bodyLimits,
    List<String> websocketPaths,
    StaticFiles staticFiles,
    String csp,
    Hsts hsts,
    Cors cors,
    List<String> listenAddresses,
    int statusPort) {

  /** Default CSP: same-origin everything, no inline script, no eval. */
  public static final String DEFAULT_CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          + "connect-src 'self'; media-src 'self' blob:; object-src 'none'; base-uri 'self'; "
          + "form-action 'self'; frame-ancestors 'none'";

  /**
   * One upstream server.
   *
   * @param host host name or address
   * @param port port, always explicit
   * @param weight relative share of requests
   * @param maxFails failures within failTimeout that mark the server down
   * @param failTimeout the window for maxFails and how long the server stays down
   */
  public record Upstream(String host, int port, int weight, int maxFails, Duration failTimeout) {
    /** {@code host:port} as nginx's {@code server} directive takes it. */
    public String address() {
      return host + ":" + port;
    }
  }

  /**
   * One rate-limit tier.
   *
   * @param rate sustained rate
   * @param burst requests allowed above the rate before 429
   */
  public record RateLimit(RequestRate rate, int burst) {}

  /**
   * The four tiers: general pages, API, uploads, authentication.
   *
   * @param general everything not in another tier
   * @param api the /api routes
   * @param upload document and voice uploads
   * @param auth login, signup, refresh, change-password
   */
  public record RateLimits(RateLimit general, RateLimit api, RateLimit upload, RateLimit auth) {}

  /**
   * Request body limits.
   *
   * @param standard limit everywhere but uploads
   * @param upload limit on upload routes
   */
  public record BodyLimits(ByteSize standard, ByteSize upload) {}

  /**
   * Static files.
   *
   * @param root directory served for non-API paths, or empty to proxy everything
   * @param maxAge Cache-Control max-age for fingerprinted assets
   */
  public record StaticFiles(Optional<Path> root, Duration maxAge) {}

  /**
   * Strict-Transport-Security.
   *
   * @param maxAge how long browsers remember
   * @param includeSubdomains applies to every subdomain
   * @param preload asks for inclusion in browsers' preload lists (opt-in: hard to undo)
   */
  public record Hsts(Duration maxAge, boolean includeSubdomains, boolean preload) {
    /** The header value. */
    public String headerValue() {
      return "max-age="
          + maxAge.toSeconds()
          + (includeSubdomains ? "; includeSubDomains" : "")
          + (preload ? "; preload" : "");
    }
  }

  /**
   * Cross-origin requests.
   *
   * @param allowedOrigins exact origins allowed; empty allows none
   * @param allowCredentials whether cookies/Authorization may be sent cross-origin
   */
  public record Cors(List<String> allowedOrigins, boolean allowCredentials) {}

  private static final RateLimit GENERAL = new RateLimit(new RequestRate(10, false), 20);
  private static final RateLimit API = new RateLimit(new RequestRate(20, false), 40);
  private static final RateLimit UPLOAD = new RateLimit(new RequestRate(5, false), 10);
  private static final RateLimit AUTH = new RateLimit(new RequestRate(5, true), 5);

  static NginxConfig bind(Section s) {
    Section listen = s.section("listen");
    int http = listen.integer("http", 80, 1, 65535);
    int https = listen.integer("https", 443, 1, 65535);
    if (http == https && listen.has("https")) {
      listen.error("https", "the same port as listen.http", "two different ports");
    }
    List<String> addresses = listen.strings("addresses", List.of("0.0.0.0"), Check.HOST);
    if (addresses.isEmpty()) {
      listen.error("addresses", "no addresses", "at least one, such as 0.0.0.0 or [::]");
    }
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (String a : addresses) {
      if (!seen.add(a)) {
        // nginx refuses the whole file ("a duplicate listen") for a repeated address.
        listen.error("addresses", "lists " + a + " twice", "each address once");
      }
    }
    int status = listen.integer("status", 8081, 1, 65535);
    if (status == http || status == https) {
      listen.error("status", "the same port as a public listener", "a port of its own");
    }
    listen.done();

    List<Upstream> upstreams = new ArrayList<>();
    List<Section> ups = s.sections("upstreams");
    if (ups == null) {
      upstreams.add(new Upstream("127.0.0.1", 8000, 1, 3, Duration.ofSeconds(30)));
    } else {
      if (ups.isEmpty()) {
        s.error("upstreams", "no upstream servers", "at least one '- server: host:port'");
      }
      for (Section u : ups) {
        upstream(u).ifPresent(upstreams::add);
      }
    }

    RateLimits limits = s.section("rate_limits", NginxConfig::rateLimits);
    BodyLimits body = s.section("body_limits", NginxConfig::bodyLimits);
    StaticFiles staticFiles = s.section("static", NginxConfig::staticFiles);
    Hsts hsts = s.section("hsts", NginxConfig::hsts);
    Cors cors = s.section("cors", NginxConfig::cors);

    List<String> websocketPaths =
        s.strings("websocket_paths", List.of("/api/chat/ws", "/api/voice/ws"), Check.URL_PATH);
    java.util.Set<String> seenPaths = new java.util.HashSet<>();
    for (String p : websocketPaths) {
      if (!seenPaths.add(p)) {
        // nginx refuses the whole file ("duplicate location").
        s.error("websocket_paths", "lists " + p + " twice", "each path once");
      }
      if (p.equals("/metrics") || p.startsWith("/metrics/") || p.startsWith("/.well-known/")) {
        // An exact location beats the prefix location that keeps the app's /metrics private.
        s.error(
            "websocket_paths",
            p + " is not a WebSocket route: it would be proxied to the public",
            "paths of the app's WebSocket endpoints, such as /api/chat/ws");
      }
    }

    NginxConfig nginx =
        new NginxConfig(
            http,
            https,
            List.copyOf(upstreams),
            limits,
            s.integer("connections_per_ip", 10, 1, 100_000),
            body,
            websocketPaths,
            staticFiles,
            s.string("csp", DEFAULT_CSP, Check.HEADER_VALUE),
            hsts,
            cors,
            List.copyOf(addresses),
            status);
    s.done();
    return nginx;
  }

  private static BodyLimits bodyLimits(Section bl) {
    BodyLimits body =
        new BodyLimits(
            bl.size("default", new ByteSize(10L << 20)),
            bl.size("upload", new ByteSize(100L << 20)));
    if (body.upload().bytes() < body.standard().bytes()) {
      bl.error(
          "upload",
          "smaller than body_limits.default",
          "an upload limit at least as large as the default");
    }
    return body;
  }

  private static Hsts hsts(Section h) {
    Hsts hsts =
        new Hsts(
            h.duration("max_age", Duration.ofSeconds(63_072_000)),
            h.bool("include_subdomains", true),
            h.bool("preload", false));
    if (hsts.preload() && (!hsts.includeSubdomains() || hsts.maxAge().toSeconds() < 31_536_000)) {
      h.error(
          "preload",
          "preload needs include_subdomains: true and max_age of at least 1 year",
          "hstspreload.org's requirements");
    }
    if (hsts.maxAge().toSeconds() < 15_552_000) {
      h.error(
          "max_age",
          "shorter than 180 days, which TLS graders penalise",
          "at least 180d (default 730d)");
    }
    return hsts;
  }

  private static Optional<Upstream> upstream(Section u) {
    Optional<String> server = u.optString("server", Check.ANY_LINE);
    Optional<Upstream> result = Optional.empty();
    if (server.isEmpty()) {
      if (!u.has("server")) {
        u.error("server", "missing", "server: host:port");
      }
    } else {
      String addr = server.get();
      int colon = addr.lastIndexOf(':');
      String host = colon > 0 ? addr.substring(0, colon) : addr;
      String port = colon > 0 ? addr.substring(colon + 1) : "";
      String hostProblem = Check.HOST.problem(host);
      if (colon < 0 || host.startsWith("[") && !host.endsWith("]")) {
        u.error("server", Check.quote(addr) + " has no port", "host:port, such as 127.0.0.1:8000");
      } else if (hostProblem != null) {
        u.error("server", hostProblem, "host:port, such as 127.0.0.1:8000");
      } else if (!port.matches("\\d{1,5}")
          || Integer.parseInt(port) < 1
          || Integer.parseInt(port) > 65535) {
        u.error(
            "server",
            Check.quote(port) + " is not a port",
            "host:port with a port from 1 to 65535");
      } else {
        result =
            Optional.of(new Upstream(host, Integer.parseInt(port), 1, 3, Duration.ofSeconds(30)));
      }
    }
    int weight = u.integer("weight", 1, 1, 1000);
    int maxFails = u.integer("max_fails", 3, 0, 1000);
    Duration timeout = u.duration("fail_timeout", Duration.ofSeconds(30));
    if (timeout.toMillis() % 1000 != 0) {
      // nginx reads fail_timeout in whole seconds and rejects "1500ms".
      u.error(
          "fail_timeout",
          "not a whole number of seconds, which nginx needs here",
          "a duration such as 10s or 1m");
      timeout = Duration.ofSeconds(30);
    }
    Duration failTimeout = timeout;
    u.done();
    return result.map(r -> new Upstream(r.host(), r.port(), weight, maxFails, failTimeout));
  }

  private static RateLimit rateLimit(Section r, RateLimit def) {
    RequestRate rate = def.rate();
    Optional<String> text = r.optString("rate", Check.ANY_LINE);
    if (text.isPresent()) {
      Optional<RequestRate> parsed = RequestRate.parse(text.get());
      if (parsed.isEmpty()) {
        r.error(
            "rate",
            Check.quote(text.get()) + " is not a request rate",
            "a rate such as 10r/s or 5r/m");
      } else {
        rate = parsed.get();
      }
    }
    RateLimit limit = new RateLimit(rate, r.integer("burst", def.burst(), 0, 100_000));
    r.done();
    return limit;
  }

  private static RateLimits rateLimits(Section rl) {
    return new RateLimits(
        rateLimit(rl.section("general"), GENERAL),
        rateLimit(rl.section("api"), API),
        rateLimit(rl.section("upload"), UPLOAD),
        rateLimit(rl.section("auth"), AUTH));
  }

  private static StaticFiles staticFiles(Section st) {
    return new StaticFiles(
        st.optPath("root", Check.ABSOLUTE_PATH), st.duration("max_age", Duration.ofDays(365)));
  }

  private static Cors cors(Section c) {
    return new Cors(
        c.strings("allowed_origins", List.of(), Check.ORIGIN), c.bool("allow_credentials", false));
  }
}
