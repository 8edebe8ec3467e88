package org.maiis.cli.ssl;

import java.nio.file.Path;
import org.maiis.acme.CertificateStore;
import org.maiis.config.MaiisConfig;
import picocli.CommandLine.Option;

/** {@code --cert-dir}, shared by every ssl subcommand; defaults to tls.cert_dir of maiis.yaml. */
public final class CertDirOption {
  @Option(
      names = "--cert-dir",
      paramLabel = "DIR",
      description = "Certificate directory (default: tls.cert_dir, /etc/maiis/certs).")
  Path dir;

  /** The store this run works on. */
  public CertificateStore store(MaiisConfig config) {
    return new CertificateStore(dir != null ? dir : config.tls().certDir());
  }
}
