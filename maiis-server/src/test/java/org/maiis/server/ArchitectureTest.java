package org.maiis.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import org.maiis.testing.PackageRules;

/**
 * maiis-server keeps the package rules of docs/ARCHITECTURE.md: areas build on the leaf packages
 * (platform, db, cache, http, metrics, ...) and never on the root that lists their modules.
 */
@AnalyzeClasses(packages = "org.maiis.server", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest static final ArchTests packageRules = ArchTests.in(PackageRules.class);

  /** The server is a library user of core and never reaches into the CLI. */
  @ArchTest
  static final ArchRule noCli =
      noClasses().should().dependOnClassesThat().resideInAPackage("org.maiis.cli..");
}
