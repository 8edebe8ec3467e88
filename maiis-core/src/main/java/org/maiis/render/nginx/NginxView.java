package org.maiis.render.nginx;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.maiis.config.MaiisConfig;
import org.maiis.config.NginxConfig;
import org.maiis.config.NginxConfig.RateLimit;

/**
 * Everything the nginx templates print, computed from the validated config: the templates only
 * place these values and test these flags. Values come from maiis.yaml, whose loader already
 * rejected anything that could end a directive, quote or interpolate ({@code ; " ' $ { }} and line
 * breaks).
 *
 * @param runtime the machine-dependent paths
 * @param serverNames server_name: the primary domain, then the alternative names
 * @param httpListens address:port of the plain-HTTP server
 * @param httpsListens listen parameters of the TLS server
 * @param http2Directive whether HTTP/2 is turned on with {@code http2 on;} (nginx 1.25.1+)
 * @param statusListen loopback address:port of the stub_status server
 * @param redirectTarget where the plain-HTTP server sends everything but ACME challenges
 * @param primaryDomain the host a redirect names when the request's Host is none of ours
 * @param domains every configured name, which a redirect keeps
 * @param webroot the ACME http-01 webroot
 * @param tls the TLS settings
 * @param upstreams the API instances
 * @param upstreamKeepalive idle connections kept open to the upstreams per worker
 * @param zones the rate-limit zones
 * @param general the tier of pages and everything not in another tier
 * @param api the tier of /api
 * @param upload the tier of upload routes
 * @param auth the tier of authentication routes
 * @param connectionsPerIp concurrent connections per client address
 * @param bodyLimit client_max_body_size everywhere but uploads
 * @param uploadBodyLimit client_max_body_size of upload routes
 * @param websocketPaths exact paths proxied as WebSockets
 * @param staticFiles whether non-API paths are served from a directory (else proxied)
 * @param staticRoot that directory
 * @param assetCacheControl Cache-Control of fingerprinted assets
 * @param headers the security headers
 * @param cors the cross-origin allow-list
 * @param routes the API routes that get their own tier or treatment
 * @param proxyReadTimeout how long nginx waits for the API's answer
 */
public record NginxView(
    RuntimeView runtime,
    String serverNames,
    List<String> httpListens,
    List<String> httpsListens,
    boolean http2Directive,
    String statusListen,
    String redirectTarget,
    String primaryDomain,
    List<String> domains,
    String webroot,
    TlsView tls,
    List<UpstreamView> upstreams,
    int upstreamKeepalive,
    List<ZoneView> zones,
    LimitView general,
    LimitView api,
    LimitView upload,
    LimitView auth,
    int connectionsPerIp,
    String bodyLimit,
    String uploadBodyLimit,
    List<String> websocketPaths,
    boolean staticFiles,
    String staticRoot,
    String assetCacheControl,
    HeadersView headers,
    CorsView cors,
    RoutesView routes,
    String proxyReadTimeout) {

  /** Idle keep-alive connections per worker to the upstream pool. */
  static final int UPSTREAM_KEEPALIVE = 32;

  /**
   * Machine-dependent paths.
   *
   * @param hasUser whether to print the user directive
   * @param user the worker user
   * @param pidFile pid file
   * @param errorLog error log
   * @param accessLog JSON access log
   * @param privateTempPaths whether temp paths are kept under the prefix
   */
  public record RuntimeView(
      boolean hasUser,
      String user,
      String pidFile,
      String errorLog,
      String accessLog,
      boolean privateTempPaths) {}

  /**
   * One upstream server line.
   *
   * @param address host:port
   * @param weight weight
   * @param maxFails max_fails
   * @param failTimeout fail_timeout in nginx time syntax
   */
  public record UpstreamView(String address, int weight, int maxFails, String failTimeout) {}

  /**
   * One limit_req_zone.
   *
   * @param name zone name
   * @param rate rate such as 10r/s
   * @param retryAfter whole seconds until the zone admits one more request (Retry-After of its 429)
   */
  public record ZoneView(String name, String rate, long retryAfter) {}

  /**
   * A limit_req applied in a location.
   *
   * @param zone zone name
   * @param burst burst size
   */
  public record LimitView(String zone, int burst) {}

  /**
   * Response security headers.
   *
   * @param hsts Strict-Transport-Security value
   * @param csp Content-Security-Policy value
   * @param hasFrameOptions whether X-Frame-Options can express the CSP frame-ancestors
   * @param frameOptions DENY or SAMEORIGIN
   */
  public record HeadersView(
      String hsts, String csp, boolean hasFrameOptions, String frameOptions) {}

  /**
   * Cross-origin requests on /api.
   *
   * @param enabled whether any origin is allowed
   * @param origins the exact allowed origins
   * @param credentials whether Access-Control-Allow-Credentials is sent to them
   */
  public record CorsView(boolean enabled, List<String> origins, boolean credentials) {}

  /**
   * API routes of {@code maiis serve} that need their own handling.
   *
   * @param auth regex of the authentication routes (auth tier)
   * @param upload regex of the upload routes (upload tier and body limit)
   * @param sse regex of the server-sent-events route (unbuffered)
   */
  public record RoutesView(String auth, String upload, String sse) {}

  /**
   * What may follow a route name and still be that route. nginx matches locations against the
   * normalised path (percent-decoded, {@code /./} and {@code ..} resolved, slashes merged), so only
   * the end of the path varies: the API ignores one trailing slash, and a {@code ;param} is a path
   * parameter to servlet containers. Anything after that is also taken by the tier: a stricter
   * limit on a path that answers 404 costs nothing, a looser one on a real route is a bypass.
   */
  private static final String ROUTE_END = "(?:[/;]|$)";

  /** The API routes of maiis serve (see docs/SSL_TLS_CONFIGURATION.md, rate limits). */
  static final RoutesView ROUTES =
      new RoutesView(
          "^/api/auth/(?:login|signup|refresh|change-password)" + ROUTE_END,
          "^/api/(?:documents/upload|documents/ocr|voice/transcribe|voice/transcribe-base64)"
              + ROUTE_END,
          "^/api/chat/stream" + ROUTE_END);

  private static final Pattern FRAME_ANCESTORS =
      Pattern.compile("(?:^|;)\\s*frame-ancestors\\s+([^;]*)");

  /** Builds the view of {@code config} for {@code runtime}. */
  public static NginxView of(MaiisConfig config, NginxRuntime runtime) {
    NginxConfig n = config.nginx();
    Version nginx = Version.parse(config.tls().target().nginx());
    boolean http2Directive = nginx.atLeast(Version.NGINX_HTTP2_DIRECTIVE);
    Path certDir = runtime.certDir().orElse(config.tls().certDir());
    return new NginxView(
        new RuntimeView(
            runtime.user().isPresent(),
            runtime.user().orElse(""),
            runtime.pidFile(),
            runtime.errorLog(),
            runtime.accessLog(),
            runtime.privateTempPaths()),
        String.join(" ", config.site().allDomains()),
        n.listenAddresses().stream().map(a -> a + ":" + n.httpPort()).toList(),
        n.listenAddresses().stream()
            .map(a -> a + ":" + n.httpsPort() + " ssl" + (http2Directive ? "" : " http2"))
            .toList(),
        http2Directive,
        "127.0.0.1:" + n.statusPort(),
        // Never the Host header as sent: a request for another name would be redirected there.
        "https://$redirect_host"
            + (n.httpsPort() == 443 ? "" : ":" + n.httpsPort())
            + "$request_uri",
        config.site().domain(),
        config.site().allDomains(),
        config.tls().webroot().toString(),
        TlsView.of(config.tls(), config.site().name(), certDir),
        n.upstreams().stream()
            .map(
                u ->
                    new UpstreamView(
                        u.address(), u.weight(), u.maxFails(), NginxTime.format(u.failTimeout())))
            .toList(),
        UPSTREAM_KEEPALIVE,
        List.of(
            zone("general", n.rateLimits().general()),
            zone("api", n.rateLimits().api()),
            zone("upload", n.rateLimits().upload()),
            zone("auth", n.rateLimits().auth())),
        new LimitView("general", n.rateLimits().general().burst()),
        new LimitView("api", n.rateLimits().api().burst()),
        new LimitView("upload", n.rateLimits().upload().burst()),
        new LimitView("auth", n.rateLimits().auth().burst()),
        n.connectionsPerIp(),
        n.bodyLimits().standard().nginx(),
        n.bodyLimits().upload().nginx(),
        n.websocketPaths(),
        n.staticFiles().root().isPresent(),
        n.staticFiles().root().map(Path::toString).orElse(""),
        "public, max-age=" + n.staticFiles().maxAge().toSeconds() + ", immutable",
        headers(n),
        new CorsView(
            !n.cors().allowedOrigins().isEmpty(),
            n.cors().allowedOrigins(),
            n.cors().allowCredentials()),
        ROUTES,
        NginxTime.format(proxyReadTimeout(config)));
  }

  /** The least proxy_read_timeout, as before: ordinary API calls. */
  static final Duration READ_TIMEOUT_FLOOR = Duration.ofSeconds(60);

  /** Time for the API to answer once its own limit expired (an error body, not a cut line). */
  static final Duration READ_TIMEOUT_MARGIN = Duration.ofSeconds(10);

  /**
   * Longer than the longest work the API waits for within one request (OCR, an LLM answer, a remote
   * speech call with its retries), so the API's own timeout answers first, with its JSON error,
   * rather than nginx cutting the request off with a 504.
   */
  static Duration proxyReadTimeout(MaiisConfig config) {
    var server = config.server();
    Duration speech =
        server.speech().remoteTimeout().multipliedBy(server.speech().remoteRetries() + 1L);
    Duration longest = READ_TIMEOUT_FLOOR.minus(READ_TIMEOUT_MARGIN);
    for (Duration d : List.of(server.documents().ocrTimeout(), server.llm().timeout(), speech)) {
      if (d.compareTo(longest) > 0) {
        longest = d;
      }
    }
    return longest.plus(READ_TIMEOUT_MARGIN);
  }

  private static ZoneView zone(String name, RateLimit limit) {
    return new ZoneView(
        name, limit.rate().nginx(), (long) Math.ceil(1 / limit.rate().perSecond() - 1e-9));
  }

  /**
   * X-Frame-Options for browsers without CSP frame-ancestors: DENY for 'none', SAMEORIGIN for
   * 'self', and none at all when the CSP allows other origins (X-Frame-Options cannot list them,
   * and DENY would contradict the CSP).
   */
  private static HeadersView headers(NginxConfig n) {
    Matcher m = FRAME_ANCESTORS.matcher(n.csp());
    String frameOptions = "DENY";
    if (m.find()) {
      String sources = m.group(1).strip().toLowerCase(Locale.ROOT);
      frameOptions =
          switch (sources) {
            case "'none'" -> "DENY";
            case "'self'" -> "SAMEORIGIN";
            default -> "";
          };
    }
    return new HeadersView(n.hsts().headerValue(), n.csp(), !frameOptions.isEmpty(), frameOptions);
  }
}
