package org.maiis.server.http;

import io.javalin.config.JavalinConfig;
import java.time.Duration;
import org.eclipse.jetty.server.handler.QoSHandler;

/**
 * How many banking requests (and {@code /api/auth/me}) are handled at once; the rest wait their
 * turn in arrival order, holding no thread, and a request that waits longer than {@link #MAX_WAIT}
 * is answered 503.
 *
 * <p>Sixty-four such requests at once on two cores ran slower than four: they shared the CPU with
 * each other and lengthened every group commit they all waited for (bench/mixed.sh on the embedded
 * database: 1,800-3,200 req/s and p95 150-200 ms with all 64 in flight, 2,900-3,500 req/s and p95
 * 35-42 ms with 4). A remote database (PostgreSQL) leaves more of each request waiting on the
 * network, where a higher limit pays. Chat, voice and documents have bounded pools of their own;
 * logins, health checks, metrics and WebSockets are never held back.
 */
public final class Admission {
  /** The longest a request waits for its turn before it is answered 503. */
  public static final Duration MAX_WAIT = Duration.ofSeconds(5);

  private static final int PER_CORE = 2;

  private Admission() {}

  /** {@code configured}, or two per CPU core when it is 0. */
  public static int limit(int configured) {
    return configured > 0 ? configured : PER_CORE * Runtime.getRuntime().availableProcessors();
  }

  /**
   * Lets at most {@code inFlight} banking requests (and {@code /api/auth/me}) be handled at once;
   * one that waited {@code maxWait} for its turn is answered 503.
   */
  public static void install(JavalinConfig cfg, int inFlight, Duration maxWait) {
    cfg.jetty.modifyServletContextHandler(
        context -> {
          QoSHandler qos = new QoSHandler();
          qos.setMaxRequestCount(inFlight);
          qos.setMaxSuspend(maxWait);
          qos.includePath("/api/banking/*");
          // The cheap, frequent auth read; logins and sign-ups (a bcrypt each) are not queued
          // behind banking, nor banking behind a burst of them.
          qos.includePath("/api/auth/me");
          context.insertHandler(qos);
        });
  }
}
