package org.povertyalleviation.platform.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The one layering rule of every service (STYLE.md, "the shape every service takes"), inherited by a service's
 * {@code ArchitectureTest} placed in its root package:
 * <ul>
 *   <li>{@code domain} packages are plain Java: no Spring, Reactor, R2DBC or Jackson, and of the platform only its
 *       Spring-free kernel ({@code org.povertyalleviation.platform.domain});</li>
 *   <li>{@code domain} reaches into no {@code web}, {@code persistence} or {@code messaging};</li>
 *   <li>{@code web} and {@code messaging} never depend on {@code persistence}: rows never leave it;</li>
 *   <li>controllers live only in {@code web} packages.</li>
 * </ul>
 * A rule over packages that do not exist checks nothing, so {@link #the_rules_match_real_packages} shows that the
 * service has the packages the rules speak of (each rule itself may then find nothing to check, e.g. when a service's
 * only controllers are written down as debt).
 */
public abstract class ServiceArchitectureTest {

    private final String root = getClass().getPackageName();
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(root);

    /** The service's classes under its root package, main code only, for a service's own further rules. */
    protected JavaClasses serviceClasses() {
        return classes;
    }

    /**
     * Classes (by fully qualified name; their nested classes included) that break the web/messaging → persistence or
     * the controllers-in-web rule and are still to be reshaped: written down so that the debt is visible and cannot
     * grow. A new service has none.
     */
    protected Set<String> layeringDebt() {
        return Set.of();
    }

    /** Roles (domain, persistence) a service has not split out of its flat features yet; a new service has none. */
    protected Set<String> rolesNotSplitYet() {
        return Set.of();
    }

    @Test
    protected void the_rules_match_real_packages() {
        for (String role : List.of("domain", "web", "persistence")) {
            if (!rolesNotSplitYet().contains(role)) {
                assertThat(rolePackages(role)).as(role + " packages of " + root).isNotEmpty();
            }
        }
        assertThat(controllers()).as("controllers of " + root).isNotEmpty();
        assertThat(layeringDebt()).as("classes named as layering debt exist").allSatisfy(name ->
                assertThat(classes.contain(name)).as(name).isTrue());
    }

    @Test
    protected void domain_packages_are_plain_java() {
        noClasses().that().resideInAPackage(root + "..domain..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "reactor..", "io.r2dbc..",
                        "tools.jackson..", "com.fasterxml..")
                .orShould().dependOnClassesThat(platformOutsideTheKernel())
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    protected void domain_packages_do_not_reach_into_persistence_web_or_messaging() {
        noClasses().that().resideInAPackage(root + "..domain..")
                .should().dependOnClassesThat().resideInAnyPackage(root + "..persistence..", root + "..web..", root + "..messaging..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    protected void web_and_messaging_never_depend_on_persistence() {
        noClasses().that().resideInAnyPackage(root + "..web..", root + "..messaging..").and(notDebt())
                .should().dependOnClassesThat().resideInAPackage(root + "..persistence..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    protected void controllers_live_in_web_packages() {
        classes().that().areAnnotatedWith("org.springframework.web.bind.annotation.RestController")
                .or().areAnnotatedWith("org.springframework.stereotype.Controller")
                .and(notDebt())
                .should().resideInAPackage(root + "..web..")
                .allowEmptyShould(true)
                .check(classes);
    }

    private Set<String> rolePackages(String role) {
        return classes.stream().map(JavaClass::getPackageName)
                .filter(name -> name.endsWith("." + role) || name.contains("." + role + "."))
                .collect(Collectors.toSet());
    }

    private Set<JavaClass> controllers() {
        return classes.stream()
                .filter(c -> c.isAnnotatedWith("org.springframework.web.bind.annotation.RestController")
                        || c.isAnnotatedWith("org.springframework.stereotype.Controller"))
                .collect(Collectors.toSet());
    }

    private com.tngtech.archunit.base.DescribedPredicate<JavaClass> notDebt() {
        Set<String> debt = layeringDebt();
        return com.tngtech.archunit.base.DescribedPredicate.describe("are not named as layering debt",
                c -> debt.stream().noneMatch(name -> c.getName().equals(name) || c.getName().startsWith(name + "$")));
    }

    private static com.tngtech.archunit.base.DescribedPredicate<JavaClass> platformOutsideTheKernel() {
        return com.tngtech.archunit.base.DescribedPredicate.describe("the platform outside its kernel (platform.domain)",
                c -> c.getPackageName().startsWith("org.povertyalleviation.platform")
                        && !c.getPackageName().equals("org.povertyalleviation.platform.domain"));
    }
}
