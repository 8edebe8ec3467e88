package org.maiis.cli.ssl;

import org.maiis.acme.CertificateManager;
import org.maiis.acme.CertificateStore;
import org.maiis.config.MaiisConfig;
import picocli.CommandLine.Mixin;

/**
 * An ssl subcommand that changes the certificate directory, and so takes its lock ({@code
 * --lock-timeout}).
 */
abstract class SslChangeCommand extends SslDirCommand {
  @Mixin LockOption lock;

  /** The manager of {@code store}, waiting for the lock as {@code --lock-timeout} says. */
  CertificateManager manager(MaiisConfig c, CertificateStore store) {
    return Managers.manager(c, store, lock, err());
  }
}
