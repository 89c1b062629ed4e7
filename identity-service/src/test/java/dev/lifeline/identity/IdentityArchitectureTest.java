package dev.lifeline.identity;

import dev.lifeline.http.KitRules;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import dev.lifeline.events.RecoveryEvent;
import dev.lifeline.identity.readiness.KycFactsOnFile;
import dev.lifeline.identity.recovery.Recovery;
import dev.lifeline.identity.recovery.usecase.RecoveryStarts;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.persistence.Entity;

import java.time.Instant;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Keeps the saga's rules in the aggregate, the recovery API's HTTP edge ({@code recovery.web}) apart from its use
 * cases ({@code recovery.usecase}), and identity-service out of other services' internals.
 */
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
                    "dev.lifeline.identity.recovery.web..", "dev.lifeline.identity.recovery.usecase..",
                    "jakarta.ws.rs..", "org.jboss.resteasy..");

    /**
     * The HTTP edge translates requests into use-case calls and returns the use cases' views: it never reads or
     * changes an entity itself, nor holds a repository or an entity manager.
     */
    @ArchTest
    static final ArchRule theWebLayerNeverTouchesEntities = noClasses()
            .that().resideInAPackage("dev.lifeline.identity.recovery.web..")
            .should().dependOnClassesThat(annotatedWith(Entity.class)
                    .or(assignableTo(PanacheEntityBase.class))
                    .or(assignableTo(PanacheRepositoryBase.class))
                    .or(resideInAnyPackage("jakarta.persistence..", "org.hibernate.."))
                    .as("are entities, Panache repositories, JPA or Hibernate"))
            .because("entities are the use cases' business (ADR 0034)");

    /** Use cases run the same behind any edge: no JAX-RS, no resource, no request record. */
    @ArchTest
    static final ArchRule useCasesKnowNothingOfTheWeb = noClasses()
            .that().resideInAPackage("dev.lifeline.identity.recovery.usecase..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.lifeline.identity.recovery.web..", "jakarta.ws.rs..", "org.jboss.resteasy..")
            .because("the web depends on the use cases, never the other way (ADR 0034)");

    /** The readiness check-up's projection of kyc-service's profiles is readiness's own, read and written there. */
    @ArchTest
    static final ArchRule readinessOwnsItsProjection = noClasses()
            .that().resideOutsideOfPackage("dev.lifeline.identity.readiness")
            .should().dependOnClassesThat().areAssignableTo(KycFactsOnFile.class);

    /** A participant's reply reaches a recovery one way only: the saga's listener calling {@code reactTo}. */
    @ArchTest
    static final ArchRule participantEventsEnterThroughTheSagasListener = noClasses()
            .that().resideOutsideOfPackage("dev.lifeline.identity.recovery")
            .should().callMethod(Recovery.class, "reactTo", RecoveryEvent.class, Instant.class);

    /** A recovery begins in one place, where the start floor and the decoy of an unknown identifier live. */
    @ArchTest
    static final ArchRule recoveriesStartOnlyInRecoveryStarts = noClasses()
            .that().doNotHaveFullyQualifiedName(RecoveryStarts.class.getName())
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
