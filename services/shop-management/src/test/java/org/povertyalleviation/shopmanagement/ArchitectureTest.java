package org.povertyalleviation.shopmanagement;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The domain packages are plain Java: the rules can be read and tested without Spring, Reactor or a database. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.povertyalleviation.shopmanagement");

    @Test
    void the_rule_matches_real_domain_packages() {
        // A rule over packages that do not exist checks nothing.
        assertThat(CLASSES.stream().filter(c -> c.getPackageName().endsWith(".domain")).map(c -> c.getPackageName()).distinct())
                .contains("org.povertyalleviation.shopmanagement.shop.domain",
                        "org.povertyalleviation.shopmanagement.sales.domain",
                        "org.povertyalleviation.shopmanagement.subsidy.domain",
                        "org.povertyalleviation.shopmanagement.dormancy.domain");
    }

    @Test
    void domain_packages_depend_on_no_framework() {
        noClasses().that().resideInAPackage("..shopmanagement..domain..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "reactor..", "io.r2dbc..",
                        "tools.jackson..", "com.fasterxml..", "org.povertyalleviation.platform..")
                .check(CLASSES);
    }

    @Test
    void domain_packages_do_not_reach_into_persistence_web_or_messaging() {
        noClasses().that().resideInAPackage("..shopmanagement..domain..")
                .should().dependOnClassesThat().resideInAnyPackage("..persistence..", "..web..", "..messaging..")
                .check(CLASSES);
    }
}
