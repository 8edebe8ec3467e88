package org.maiis.cli;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.maiis.testing.PackageRules;

/**
 * maiis-cli keeps the package rules of docs/ARCHITECTURE.md: command packages import the leaf
 * org.maiis.cli.common, never the root package that lists them.
 */
@AnalyzeClasses(packages = "org.maiis.cli", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest static final ArchRule noPackageCycles = PackageRules.NO_PACKAGE_CYCLES;

  @ArchTest
  static final ArchRule noImportOfAnEnclosingPackage =
      PackageRules.NO_IMPORT_OF_AN_ENCLOSING_PACKAGE;
}
