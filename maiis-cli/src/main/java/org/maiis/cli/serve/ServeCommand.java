package org.maiis.cli.serve;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.maiis.cli.common.CliFailure;
import org.maiis.cli.common.ConfigOption;
import org.maiis.cli.common.ExitCodes;
import org.maiis.config.MaiisConfig;
import org.maiis.config.ServerConfig;
import org.maiis.config.TlsConfig;
import org.maiis.server.MaiisServer;
import org.maiis.server.PortInUseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code maiis serve}: runs the platform API until interrupted. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Run the platform API (auth, banking, health, /metrics, OpenAPI at /api/docs).",
      "Without a config it listens on 127.0.0.1:8000 with an embedded H2 database,",
      "in-process state and local file storage under ./data. Ctrl-C or SIGTERM stops",
      "it after in-flight requests finish. A port another process holds is reported",
      "at once, before the database is opened (exit 1)."
    },
    footer = {
      "",
      "Examples:",
      "  maiis serve",
      "  maiis serve -c /etc/maiis/maiis.yaml",
      "  maiis serve --port 9000 --data-dir /var/lib/maiis/data"
    })
public final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConfigOption config;

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "Listen port (overrides server.listen).")
  Integer port;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "State directory (overrides server.data_dir).")
  Path dataDir;

  @Option(
      names = "--cert-dir",
      paramLabel = "DIR",
      description = "Certificates whose expiry /metrics reports (overrides tls.cert_dir).")
  Path certDir;

  @Override
  public Integer call() throws Exception {
    if (port != null && (port < 0 || port > 65535)) {
      throw new CliFailure(ExitCodes.USAGE, "--port must be between 0 and 65535");
    }
    MaiisConfig c = config.loadOrDefaults();
    ServerConfig s = overridden(c.server());
    MaiisServer server;
    try {
      server =
          MaiisServer.start(
              new MaiisConfig(
                  c.source(),
                  c.site(),
                  overridden(c.tls()),
                  c.nginx(),
                  c.monitoring(),
                  c.sentry(),
                  s),
              System::getenv);
    } catch (PortInUseException e) {
      throw new CliFailure(
          ExitCodes.FAILURE,
          "port " + e.port() + " on " + e.host() + " is in use",
          "Stop the other process or set server.listen (or --port)");
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "maiis-shutdown"));
    spec.commandLine()
        .getErr()
        .printf(
            "maiis: serving http://%s:%d (state in %s); API docs at /api/docs%n",
            s.host(), server.port(), s.dataDir().toAbsolutePath().normalize());
    spec.commandLine().getErr().flush();
    stopped.await();
    return ExitCodes.OK;
  }

  private TlsConfig overridden(TlsConfig t) {
    return certDir == null
        ? t
        : new TlsConfig(
            t.profile(),
            t.keyType(),
            t.acme(),
            t.renewal(),
            certDir.toAbsolutePath(),
            t.webroot(),
            t.deployHook(),
            t.target());
  }

  private ServerConfig overridden(ServerConfig s) {
    return new ServerConfig(
        s.host(),
        port != null ? port : s.port(),
        dataDir != null ? dataDir : s.dataDir(),
        s.database(),
        s.cache(),
        s.storage(),
        s.vectorStore(),
        s.llm(),
        s.speech(),
        s.metricsEnabled(),
        s.jwtSecret(),
        s.auth(),
        s.banking(),
        s.documents(),
        s.trustedProxies(),
        s.maxInFlight());
  }
}
