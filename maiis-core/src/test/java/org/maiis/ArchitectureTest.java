package org.maiis;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import org.maiis.testing.PackageRules;

/** maiis-core keeps the package rules of docs/ARCHITECTURE.md. */
@AnalyzeClasses(packages = "org.maiis", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest static final ArchTests packageRules = ArchTests.in(PackageRules.class);

  /** The core library stands alone: it never imports the CLI or the server. */
  @ArchTest
  static final ArchRule coreImportsNeitherCliNorServer =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.maiis.cli..", "org.maiis.server..");
}
