package org.maiis.cli.ssl;

import java.nio.file.Path;
import org.maiis.acme.CertificateStore;
import org.maiis.cli.common.CliFailure;
import org.maiis.cli.common.ExitCodes;
import org.maiis.config.MaiisConfig;
import picocli.CommandLine.Option;

/** {@code --cert-dir}, shared by every ssl subcommand; defaults to tls.cert_dir of maiis.yaml. */
public final class CertDirOption {
  @Option(
      names = "--cert-dir",
      paramLabel = "DIR",
      description = "Certificate directory (default: tls.cert_dir, /etc/maiis/certs).")
  Path dir;

  /**
   * The store this run works on, which must hold at least one lineage: a mistyped or empty
   * directory would otherwise look like "nothing due" (exit 0) forever.
   */
  public CertificateStore existingStore(MaiisConfig config) {
    CertificateStore store = store(config);
    boolean empty;
    try {
      empty = store.lineages().isEmpty() && store.pendingLineages().isEmpty();
    } catch (java.io.IOException e) {
      throw Managers.failure(e);
    }
    if (empty) {
      String where = dir != null ? "--cert-dir" : "tls.cert_dir";
      throw new CliFailure(
          dir != null ? ExitCodes.USAGE : ExitCodes.FAILURE,
          "no certificates in "
              + store.root()
              + " (no lineage under live/). Check "
              + where
              + ", or run 'maiis ssl issue' first");
    }
    return store;
  }

  /** The store this run works on. */
  public CertificateStore store(MaiisConfig config) {
    return new CertificateStore(dir != null ? dir : config.tls().certDir());
  }
}
