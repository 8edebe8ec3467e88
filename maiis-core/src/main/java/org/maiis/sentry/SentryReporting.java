package org.maiis.sentry;

import io.sentry.Sentry;
import io.sentry.SentryOptions;
import java.util.function.Consumer;

/**
 * Error and performance reporting to Sentry, on when a DSN is configured. The SDK keeps one client
 * per process (its static {@code Sentry} API); this handle is what starts and closes it, so the
 * owner decides its lifetime. Scrubbing and sampling are installed here, before anything is sent.
 */
public final class SentryReporting implements AutoCloseable {
  private final boolean enabled;

  private SentryReporting(boolean enabled) {
    this.enabled = enabled;
  }

  /**
   * Starts reporting with {@code settings}; without a DSN it stays off and says so once.
   *
   * @param info where the one info line goes (a logger or stderr)
   */
  public static SentryReporting start(SentrySettings settings, Consumer<String> info) {
    if (settings.dsn().isEmpty()) {
      info.accept(
          "sentry: no DSN (sentry.dsn unset, or its variable empty), error reporting is off");
      return new SentryReporting(false);
    }
    Sentry.init(options -> configure(options, settings));
    info.accept(
        "sentry: reporting to "
            + host(settings.dsn().get())
            + " (environment "
            + settings.environment()
            + ", traces "
            + settings.tracesSampleRate()
            + ")");
    return new SentryReporting(true);
  }

  static void configure(SentryOptions options, SentrySettings settings) {
    SentryScrubber scrubber = new SentryScrubber();
    options.setDsn(settings.dsn().orElseThrow());
    options.setEnvironment(settings.environment());
    settings.release().ifPresent(options::setRelease);
    options.setSampleRate(settings.sampleRate());
    // Sampling decided up front (not in beforeSend), so untraced requests cost nothing.
    options.setTracesSampler(new NeverTraced(settings.tracesSampleRate()));
    options.setSendDefaultPii(false);
    options.setBeforeSend((event, hint) -> scrubber.scrub(event));
    options.setBeforeSendTransaction((transaction, hint) -> scrubber.scrub(transaction));
  }

  /** Whether events are being sent. */
  public boolean enabled() {
    return enabled;
  }

  /** Sends what is queued (waiting at most {@code millis}). */
  public void flush(long millis) {
    if (enabled) {
      Sentry.flush(millis);
    }
  }

  @Override
  public void close() {
    if (enabled) {
      Sentry.close();
    }
  }

  /** The DSN's host only: the key in its user part is a credential and is never printed. */
  private static String host(String dsn) {
    try {
      return java.net.URI.create(dsn).getHost();
    } catch (IllegalArgumentException e) {
      return "an unparsable DSN";
    }
  }
}
