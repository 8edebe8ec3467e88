package org.maiis.cli.ssl;

import picocli.CommandLine.Option;

/** {@code --name}, required: the existing lineage that revoke, reconfigure and delete act on. */
final class LineageOption {
  @Option(
      names = "--name",
      converter = LineageNameConverter.class,
      required = true,
      paramLabel = "LINEAGE",
      description = "The lineage.")
  String name;
}
