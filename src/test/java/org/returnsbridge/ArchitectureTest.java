package org.returnsbridge;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The bridge's layering, held by the build. From the bottom: the root package (settings, the application),
 * {@code support} and {@code failure} (the failure vocabulary and the one error policy); the vendor clients
 * {@code reveni} and {@code sitoo} on those alone; the domain packages above them; {@code returns} (the
 * combined view) above {@code ledger} and {@code sales}; the flow and the launcher ({@code connections}) above
 * those; {@code webhooks}, which hands events to the flow, and {@code operations}, the web page for people, on top.
 * Main code only: tests may reach across packages to drive and observe the bridge.
 */
@AnalyzeClasses(packages = "org.returnsbridge", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String BRIDGE = "org.returnsbridge..";
    private static final String ROOT = "org.returnsbridge";

    @ArchTest
    static final ArchRule packagesFormNoCycles = slices().matching("org.returnsbridge.(*)..")
            .namingSlices("$1")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule rootPackageNamesNoOtherPackage = noClasses().that().resideInAPackage(ROOT)
            .should().dependOnClassesThat(bridgeClassesOutside(ROOT))
            .because("every package reads the settings in the root package, so the root package reads none of them");

    @ArchTest
    static final ArchRule onlyTheLauncherStartsTheSandbox = noClasses()
            .that().resideOutsideOfPackages("org.returnsbridge.sandbox..", "org.returnsbridge.connections..")
            .should().dependOnClassesThat().resideInAPackage("org.returnsbridge.sandbox..")
            .because("the sandbox is a separate simulation of the vendors; only the launcher (connections) starts it"
                    + " in sandbox mode, so live mode can never reach it");

    @ArchTest
    static final ArchRule reveniClientKnowsNothingOfTheFlow = vendorClient("org.returnsbridge.reveni..");

    @ArchTest
    static final ArchRule sitooClientKnowsNothingOfTheFlow = vendorClient("org.returnsbridge.sitoo..");

    @ArchTest
    static final ArchRule ledgerKnowsNoSales = noClasses()
            .that().resideInAPackage("org.returnsbridge.ledger..")
            .should().dependOnClassesThat().resideInAnyPackage("org.returnsbridge.sales..", "org.returnsbridge.returns..")
            .because("a return's lines and its sales records are combined in returns, above both");

    @ArchTest
    static final ArchRule salesKnowsNoLedger = noClasses()
            .that().resideInAPackage("org.returnsbridge.sales..")
            .should().dependOnClassesThat().resideInAnyPackage("org.returnsbridge.ledger..", "org.returnsbridge.returns..")
            .because("a return's lines and its sales records are combined in returns, above both");

    @ArchTest
    static final ArchRule failureDependsOnNoDomainPackage = noClasses().that().resideInAPackage("org.returnsbridge.failure..")
            .should().dependOnClassesThat(bridgeClassesOutside("org.returnsbridge.failure..", "org.returnsbridge.support..",
                    ROOT))
            .because("failure sits below every package that fails: it names vendor failures by their shared base type");

    @ArchTest
    static final ArchRule nothingDependsOnTheOperationsPage = noClasses()
            .that().resideOutsideOfPackage("org.returnsbridge.operations..")
            .should().dependOnClassesThat().resideInAPackage("org.returnsbridge.operations..")
            .because("the operations page is a view on top of the services the JSON API uses; nothing reads from it,"
                    + " so it can change (or go) without touching how returns are processed");

    private static ArchRule vendorClient(String vendorPackage) {
        return noClasses().that().resideInAPackage(vendorPackage)
                .should().dependOnClassesThat(bridgeClassesOutside(vendorPackage, "org.returnsbridge.failure..",
                        "org.returnsbridge.support..", ROOT))
                .because("a vendor client speaks the vendor's API; what the bridge does with the answers is the flow's");
    }

    /** Classes of the bridge that lie in none of the given packages. */
    private static DescribedPredicate<JavaClass> bridgeClassesOutside(String... allowed) {
        return resideInAPackage(BRIDGE).and(not(resideInAnyPackage(allowed)))
                .as("are in the bridge but outside " + String.join(", ", allowed));
    }
}
