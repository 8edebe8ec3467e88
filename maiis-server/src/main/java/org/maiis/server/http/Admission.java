package org.maiis.server.http;

import io.javalin.config.JavalinConfig;
import java.time.Duration;
import org.eclipse.jetty.server.handler.QoSHandler;

/**
 * How many banking and auth requests are handled at once; the rest wait their turn in arrival
 * order, holding no thread, and a request that waits longer than {@link #MAX_WAIT} is answered 503.
 *
 * <p>Sixty-four such requests at once on two cores ran slower than eight: they shared the CPU with
 * each other and lengthened every group commit they all waited for (bench/mixed.sh: 2,300 req/s and
 * p95 150-190 ms at 64 in flight, 3,100 req/s and p95 47 ms at 8). Chat, voice and documents have
 * bounded pools of their own; health checks, metrics and WebSockets are never held back.
 */
public final class Admission {
  /** The longest a request waits for its turn before it is answered 503. */
  public static final Duration MAX_WAIT = Duration.ofSeconds(5);

  private static final int PER_CORE = 4;

  private Admission() {}

  /** {@code configured}, or four per CPU core when it is 0. */
  public static int limit(int configured) {
    return configured > 0 ? configured : PER_CORE * Runtime.getRuntime().availableProcessors();
  }

  /**
   * Lets at most {@code inFlight} banking and auth requests be handled at once; one that waited
   * {@code maxWait} for its turn is answered 503.
   */
  public static void install(JavalinConfig cfg, int inFlight, Duration maxWait) {
    cfg.jetty.modifyServletContextHandler(
        context -> {
          QoSHandler qos = new QoSHandler();
          qos.setMaxRequestCount(inFlight);
          qos.setMaxSuspend(maxWait);
          qos.includePath("/api/banking/*");
          qos.includePath("/api/auth/*");
          context.insertHandler(qos);
        });
  }
}
