package org.maiis.cli.ssl;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.maiis.cli.common.CliFailure;
import org.maiis.cli.common.ExitCodes;
import org.maiis.files.AtomicFiles;
import org.maiis.tls.DhParams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code maiis ssl dhparam}: DH parameters for nginx's ssl_dhparam. */
@Command(
    name = "dhparam",
    mixinStandardHelpOptions = true,
    footer = {
      "",
      "Examples:",
      "  maiis ssl dhparam --out /etc/nginx/dhparam.pem",
      "  maiis ssl dhparam --generate 2048 --out dhparam.pem"
    },
    description = {
      "Write DH parameters for nginx's ssl_dhparam.",
      "By default the RFC 7919 group (instant; what Mozilla recommends); --generate",
      "BITS searches a fresh safe prime on all cores, progress on stderr. Without",
      "--out the PEM goes to stdout."
    })
public final class SslDhparamCommand extends SslDirCommand implements Callable<Integer> {
  @Option(
      names = "--group",
      defaultValue = "ffdhe2048",
      paramLabel = "GROUP",
      description = "ffdhe2048|ffdhe3072|ffdhe4096 (default: ${DEFAULT-VALUE}).")
  String group;

  @Option(
      names = "--generate",
      paramLabel = "BITS",
      description = "Generate fresh parameters of BITS bits instead.")
  Integer generate;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write here (atomically) instead of stdout.")
  Path out;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (out != null && java.nio.file.Files.isDirectory(out)) {
      // Checked before a --generate that may take minutes, and named as the user wrote it.
      throw new CliFailure(ExitCodes.FAILURE, "--out: " + out + " is a directory");
    }
    DhParams params;
    if (generate != null) {
      if (generate < 2048 || generate > 8192) {
        throw new CliFailure(ExitCodes.USAGE, "--generate: BITS must be 2048..8192");
      }
      PrintWriter err = err();
      int threads = Runtime.getRuntime().availableProcessors();
      err.println(
          "maiis ssl: generating " + generate + "-bit safe prime on " + threads + " threads");
      params =
          DhParams.generate(
              generate,
              threads,
              ch -> {
                synchronized (err) {
                  err.print(ch);
                  err.flush();
                }
              });
      err.println();
    } else {
      if (!group.matches("ffdhe(2048|3072|4096)")) {
        throw new CliFailure(
            ExitCodes.USAGE, "--group: expected ffdhe2048, ffdhe3072 or ffdhe4096, got " + group);
      }
      params = DhParams.named(group);
    }
    if (out != null) {
      AtomicFiles.writeString(out, params.pem());
    } else {
      out().print(params.pem());
    }
    return ExitCodes.OK;
  }
}
