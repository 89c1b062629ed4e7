package dev.lifeline.testing;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The launcher builds on the test infrastructure, never the other way round; and the infrastructure knows nothing it
 * runs for (the services, the events, the kit), whose tests depend on it: any of those would close a cycle.
 */
@AnalyzeClasses(packages = "dev.lifeline.testing", importOptions = ImportOption.DoNotIncludeTests.class)
class TestInfrastructureArchitectureTest {

    @ArchTest
    static final ArchRule knowsNoLauncher = noClasses()
            .that().resideInAPackage("dev.lifeline.testing..")
            .should().dependOnClassesThat().resideInAPackage("dev.lifeline.deploy..");

    @ArchTest
    static final ArchRule knowsNoServiceEventOrKit = noClasses()
            .that().resideInAPackage("dev.lifeline.testing..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.lifeline.identity..",
                    "dev.lifeline.emailverification..", "dev.lifeline.kyc..", "dev.lifeline.notification..",
                    "dev.lifeline.events..", "dev.lifeline.http..");
}
