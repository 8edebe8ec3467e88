package org.maiis.cli.ssl;

import org.maiis.config.TlsConfig.KeyType;
import picocli.CommandLine.Option;

/**
 * The options naming a new certificate's lineage and key, shared by issue and self-signed. Two
 * mixins, not one, because issue lists other options between them (help and completion order).
 */
final class NewLineageOptions {
  private NewLineageOptions() {}

  /** {@code --key-type}. */
  static final class Key {
    @Option(
        names = "--key-type",
        paramLabel = "TYPE",
        description = "ec256|ec384|rsa2048|rsa3072|rsa4096 (default: tls.key_type).")
    KeyType keyType;
  }

  /** {@code --name}. */
  static final class Name {
    @Option(
        names = "--name",
        converter = LineageNameConverter.class,
        paramLabel = "LINEAGE",
        description = "Lineage name (default: site.name).")
    String name;
  }
}
