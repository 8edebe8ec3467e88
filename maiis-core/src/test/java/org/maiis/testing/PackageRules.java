package org.maiis.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * The package rules of docs/ARCHITECTURE.md as ArchUnit rules, shared by every module's
 * ArchitectureTest (through the core test-jar) so each module checks the same house rules:
 * {@code @ArchTest static final ArchTests packageRules = ArchTests.in(PackageRules.class);}
 */
public final class PackageRules {
  private PackageRules() {}

  /**
   * No cycle between packages: every package under org.maiis is its own slice ({@code (**)} keeps
   * the whole sub-path), so render ↔ render.nginx counts as a cycle, not as one slice.
   */
  @ArchTest
  public static final ArchRule NO_PACKAGE_CYCLES =
      slices().matching("org.maiis.(**)").should().beFreeOfCycles();

  /**
   * A package never imports a package that encloses it (its parent or further up): shared types
   * live in leaf packages that both import, and only the root composes.
   */
  @ArchTest
  public static final ArchRule NO_IMPORT_OF_AN_ENCLOSING_PACKAGE =
      classes().should(notDependOnAnEnclosingPackage());

  private static ArchCondition<JavaClass> notDependOnAnEnclosingPackage() {
    return new ArchCondition<>("not depend on a class of an enclosing org.maiis package") {
      @Override
      public void check(JavaClass c, ConditionEvents events) {
        String from = c.getPackageName();
        for (Dependency d : c.getDirectDependenciesFromSelf()) {
          String to = d.getTargetClass().getBaseComponentType().getPackageName();
          if (to.startsWith("org.maiis") && from.startsWith(to + ".")) {
            events.add(SimpleConditionEvent.violated(d, d.getDescription()));
          }
        }
      }
    };
  }
}
