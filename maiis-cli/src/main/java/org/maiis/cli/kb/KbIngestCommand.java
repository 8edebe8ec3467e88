package org.maiis.cli.kb;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.maiis.cli.common.CliFailure;
import org.maiis.cli.common.ExitCodes;
import org.maiis.cli.common.JsonOutput;
import org.maiis.tls.TrustBundles;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code maiis kb ingest}: upload a directory of documents into the knowledge base. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
      "Upload the documents under DIR to a running server's knowledge base.",
      "Every supported file (pdf, png, jpg, tiff, docx, txt, md; recursive, sorted,",
      "hidden files skipped) goes to your knowledge base, or with --shared (admin)",
      "to the shared one.",
      "Progress on stderr, summary on stdout. Exit 0 when every file was ingested,",
      "1 when any failed, 2 when DIR is not a directory or the password or token",
      "variable is not set."
    },
    footer = {
      "",
      "Examples:",
      "  read -rs PW && export PW",
      "  maiis kb ingest --url http://127.0.0.1:8000 --email me@example.com \\",
      "      --password-env PW docs/",
      "  maiis kb ingest --url https://api.example.com --token-env MAIIS_TOKEN \\",
      "      --shared kb/",
      "  maiis kb ingest --url http://127.0.0.1:8000 --token-env T --json docs/"
    })
public final class KbIngestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DIR", description = "Directory of documents.")
  Path dir;

  @Option(names = "--url", required = true, paramLabel = "URL", description = "Server base URL.")
  String url;

  static final class Credentials {
    @ArgGroup(exclusive = false)
    Password password;

    @Option(
        names = "--token-env",
        paramLabel = "VAR",
        description = "Environment variable holding an access token.")
    String tokenEnv;
  }

  static final class Password {
    @Option(names = "--email", required = true, paramLabel = "E", description = "Log in as E.")
    String email;

    @Option(
        names = "--password-env",
        required = true,
        paramLabel = "VAR",
        description = "Environment variable holding the password (never on the command line).")
    String passwordEnv;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Credentials credentials;

  @Option(names = "--shared", description = "Ingest into the shared knowledge base (admin only).")
  boolean shared;

  @Option(
      names = "--ca-bundle",
      paramLabel = "PEM",
      description = "Trust these CA certificates for the server's TLS.")
  Path caBundle;

  @Option(
      names = "--json",
      description =
          "Print the summary as {knowledge_base, files, ingested, chunks, skipped, failed:"
              + " [{file, reason}]} on stdout (see docs/API.md); same exit codes.")
  boolean json;

  @Option(
      names = "--parallel",
      paramLabel = "N",
      defaultValue = "2",
      description =
          "Files uploaded at once (default: ${DEFAULT-VALUE}, 1-16). The server embeds each on"
              + " one of its documents.workers (default 2); more only queue there.")
  int parallel;

  @Override
  public Integer call() throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new CliFailure(
          ExitCodes.USAGE, dir + ": not a directory", "Give the directory of your documents");
    }
    if (parallel < 1 || parallel > 16) {
      throw new CliFailure(
          ExitCodes.USAGE,
          "--parallel " + parallel + ": must be between 1 and 16",
          "Give the number of files to upload at once, e.g. --parallel 2");
    }
    Optional<SSLContext> ssl =
        caBundle == null ? Optional.empty() : Optional.of(TrustBundles.sslContext(caBundle));
    KbClient client = new KbClient(url, ssl);
    Supplier<String> relogin = null;
    String token;
    if (credentials.tokenEnv != null) {
      token = env(credentials.tokenEnv);
    } else {
      String email = credentials.password.email;
      String password = env(credentials.password.passwordEnv);
      relogin = () -> login(client, email, password);
      token = relogin.get();
    }
    IngestFiles.Listing files = IngestFiles.of(dir);
    PrintWriter err = spec.commandLine().getErr();
    Progress progress = new Progress(err, System.console() != null, files.supported().size());
    KbIngest.Summary s =
        new KbIngest(client, token, relogin, shared, parallel).run(dir, progress, files);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("knowledge_base", shared ? "shared" : "private");
      doc.put("files", files.supported().size());
      doc.put("ingested", s.uploaded());
      doc.put("chunks", s.chunks());
      doc.put("skipped", s.skipped());
      doc.put(
          "failed",
          s.failed().stream()
              .map(
                  f -> {
                    Map<String, Object> o = new LinkedHashMap<>();
                    o.put("file", f.file());
                    o.put("reason", f.reason());
                    return o;
                  })
              .toList());
      JsonOutput.print(out, doc);
      return s.failed().isEmpty() ? ExitCodes.OK : ExitCodes.FAILURE;
    }
    out.printf(
        "ingested %d of %d files (%d chunks) into the %s knowledge base; %d failed, %d skipped"
            + " (unsupported type)%n",
        s.uploaded(),
        files.supported().size(),
        s.chunks(),
        shared ? "shared" : "private",
        s.failed().size(),
        s.skipped());
    s.failed().forEach(f -> out.println("failed: " + f));
    return s.failed().isEmpty() ? ExitCodes.OK : ExitCodes.FAILURE;
  }

  private static String login(KbClient client, String email, String password) {
    try {
      return client.login(email, password);
    } catch (KbClient.CallFailed e) {
      throw new CliFailure(
          ExitCodes.FAILURE,
          "login failed: " + e.getMessage(),
          "Check --email and the password in the environment variable");
    }
  }

  private static String env(String name) {
    String v = System.getenv(name);
    if (v == null || v.isBlank()) {
      // A missing variable is a mistake on the command line, as a missing option would be.
      throw new CliFailure(
          ExitCodes.USAGE,
          "environment variable " + name + " is not set",
          "Set it first, e.g. read -rs " + name + " && export " + name);
    }
    return v;
  }
}
