package dev.lifeline.identity;

import dev.lifeline.http.KitRules;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import dev.lifeline.events.RecoveryEvent;
import dev.lifeline.identity.recovery.Recovery;

import java.time.Instant;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Keeps the saga's rules in the aggregate and identity-service out of other services' internals. */
@AnalyzeClasses(packages = "dev.lifeline.identity", importOptions = ImportOption.DoNotIncludeTests.class)
class IdentityArchitectureTest {

    @ArchTest
    static final ArchRule noOtherServicesInternals = noClasses()
            .that().resideInAPackage("dev.lifeline.identity..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.lifeline.emailverification..", "dev.lifeline.kyc..", "dev.lifeline.notification..");

    @ArchTest
    static final ArchRule theAggregateKnowsNothingOfHttp = noClasses()
            .that().resideInAPackage("dev.lifeline.identity.recovery")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.lifeline.identity.recovery.api..", "jakarta.ws.rs..", "org.jboss.resteasy..");

    /** A participant's reply reaches a recovery one way only: the saga's listener calling {@code reactTo}. */
    @ArchTest
    static final ArchRule participantEventsEnterThroughTheSagasListener = noClasses()
            .that().resideOutsideOfPackage("dev.lifeline.identity.recovery")
            .should().callMethod(Recovery.class, "reactTo", RecoveryEvent.class, Instant.class);

    /** A recovery begins in one place, where the start floor and the decoy of an unknown identifier live. */
    @ArchTest
    static final ArchRule recoveriesStartOnlyInRecoveryStarts = noClasses()
            .that().doNotHaveFullyQualifiedName("dev.lifeline.identity.recovery.api.RecoveryStarts")
            .should().callMethodWhere(target(owner(equivalentTo(Recovery.class))).and(target(name("start"))));

    /** Recoveries are read and locked through the repository that states the one lock order, not Panache's statics. */
    @ArchTest
    static final ArchRule recoveriesAreQueriedThroughTheRepository = noClasses()
            .that().doNotHaveFullyQualifiedName("dev.lifeline.identity.recovery.Recoveries")
            .should().callMethodWhere(target(owner(equivalentTo(Recovery.class)))
                    .and(target(nameMatching("find.*|list.*|stream.*|count|delete.*|update|getEntityManager"))));

    /** Problems, client address, pseudonyms, audit, rate limits and floors come from the HTTP kit. */
    @ArchTest
    static final ArchTests usesTheHttpKit = ArchTests.in(KitRules.class);
}
