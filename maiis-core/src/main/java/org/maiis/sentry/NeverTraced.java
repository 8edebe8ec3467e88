package org.maiis.sentry;

import io.sentry.CustomSamplingContext;
import io.sentry.SamplingContext;
import io.sentry.SentryOptions;

/**
 * Samples transactions before they cost anything: health checks and metric scrapes are never
 * traced, everything else at the configured rate. Frameworks pass the request path as {@link #PATH}
 * in the custom sampling context.
 */
public final class NeverTraced implements SentryOptions.TracesSamplerCallback {
  /** Custom sampling context key holding the request path. */
  public static final String PATH = "url.path";

  private final double rate;

  /** A sampler tracing {@code rate} (0-1) of the requests that may be traced. */
  public NeverTraced(double rate) {
    this.rate = rate;
  }

  @Override
  public Double sample(SamplingContext context) {
    CustomSamplingContext custom = context.getCustomSamplingContext();
    Object path = custom == null ? null : custom.get(PATH);
    if (path instanceof String p && excluded(p)) {
      return 0.0;
    }
    return rate;
  }

  /** Whether requests to {@code path} are never traced. */
  public static boolean excluded(String path) {
    return path.startsWith("/health") || path.equals("/metrics") || path.startsWith("/metrics/");
  }
}
