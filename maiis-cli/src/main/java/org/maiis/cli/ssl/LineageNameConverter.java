package org.maiis.cli.ssl;

import org.maiis.acme.CertificateStore;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Checks {@code --name} while parsing, so a malformed lineage name is a usage error (exit 2) like
 * any other bad option value, before anything is read or written.
 */
final class LineageNameConverter implements ITypeConverter<String> {
  @Override
  public String convert(String value) {
    try {
      return CertificateStore.checkName(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
