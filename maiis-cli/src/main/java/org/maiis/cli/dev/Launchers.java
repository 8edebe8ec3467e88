package org.maiis.cli.dev;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import org.maiis.dev.DevLauncher;
import org.maiis.dev.HealthProbe;
import org.maiis.dev.ProcessSupervisor;

/** The launcher the dev commands share: one supervisor per state directory, short probes. */
final class Launchers {
  private Launchers() {}

  static DevLauncher of(Path stateDir) {
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    return new DevLauncher(
        new ProcessSupervisor(stateDir), new HealthProbe(client, Duration.ofSeconds(3)));
  }
}
