package dev.lifeline.http;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The kit is plumbing: it knows no service and no event. */
@AnalyzeClasses(packages = "dev.lifeline.http", importOptions = ImportOption.DoNotIncludeTests.class)
class KitArchitectureTest {

    @ArchTest
    static final ArchRule knowsNoService = noClasses()
            .that().resideInAPackage("dev.lifeline.http..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.lifeline.identity..",
                    "dev.lifeline.emailverification..", "dev.lifeline.kyc..", "dev.lifeline.notification..",
                    "dev.lifeline.events..");
}
