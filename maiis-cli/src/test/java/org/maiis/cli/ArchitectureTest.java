package org.maiis.cli;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import org.maiis.server.MaiisServer;
import org.maiis.server.PortInUseException;
import org.maiis.server.auth.Role;
import org.maiis.server.auth.UserAdministration;
import org.maiis.testing.PackageRules;

/**
 * maiis-cli keeps the package rules of docs/ARCHITECTURE.md: command packages import the leaf
 * org.maiis.cli.common, never the root package that lists them.
 */
@AnalyzeClasses(packages = "org.maiis.cli", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest static final ArchTests packageRules = ArchTests.in(PackageRules.class);

  /**
   * The server's internals (repositories, transactions, the database) stay the server's: the CLI
   * uses only what the server offers it.
   */
  @ArchTest
  static final ArchRule serverOnlyThroughItsCliApi =
      noClasses()
          .should()
          .dependOnClassesThat(
              resideInAPackage("org.maiis.server..")
                  .and(
                      not(
                          belongToAnyOf(
                              MaiisServer.class,
                              PortInUseException.class,
                              UserAdministration.class,
                              Role.class))))
          .because(
              "maiis serve uses MaiisServer (and its PortInUseException); maiis user role uses"
                  + " UserAdministration");
}
