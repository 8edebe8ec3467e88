package org.maiis.cli.ssl;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.Consumer;
import org.maiis.cli.common.CliFailure;
import org.maiis.cli.common.ExitCodes;
import picocli.CommandLine.Option;

/** {@code --lock-timeout}, shared by the ssl commands that change the certificate directory. */
public final class LockOption {
  @Option(
      names = "--lock-timeout",
      paramLabel = "SECONDS",
      defaultValue = "900",
      description =
          "Wait this long for another maiis ssl run on the same directory (default:"
              + " ${DEFAULT-VALUE}; 0 fails at once). Exit 1 when it is still busy.")
  long seconds;

  /** How long to wait. */
  Duration timeout() {
    if (seconds < 0) {
      throw new CliFailure(ExitCodes.USAGE, "--lock-timeout: expected 0 or more, got " + seconds);
    }
    return Duration.ofSeconds(seconds);
  }

  /** Prints the waiting notice as one stderr line, at once (a cron log shows why it paused). */
  static Consumer<String> notice(PrintWriter err) {
    return line -> {
      err.println("maiis ssl: " + line);
      err.flush();
    };
  }
}
