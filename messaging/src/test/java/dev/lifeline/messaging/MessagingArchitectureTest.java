package dev.lifeline.messaging;

import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.producer.Producer;
import org.eclipse.microprofile.reactive.messaging.Emitter;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The broker is never called inside a JTA transaction: context propagation carries the transaction into the
 * producer's completion callbacks, and a callback still running at commit made Narayana roll back a batch the
 * broker had already taken (ARJUNA012094). {@link OutboxPublisher} also refuses at run time. And the plumbing is
 * shared by every service, so it knows none of them.
 */
@AnalyzeClasses(packages = "dev.lifeline", importOptions = ImportOption.DoNotIncludeTests.class)
class MessagingArchitectureTest {

    private static final List<Class<?>> BROKER = List.of(MutinyEmitter.class, Emitter.class, Producer.class);

    @ArchTest
    static final ArchRule theBrokerIsNeverCalledInsideATransaction = codeUnits()
            .that().areAnnotatedWith(Transactional.class)
            .or().areDeclaredInClassesThat().areAnnotatedWith(Transactional.class)
            .should(notCallTheBroker())
            .allowEmptyShould(true)
            .because("a send or its completion callback inside a JTA transaction can make the commit fail after the"
                    + " broker took the records, and the relay publishes them again");

    @ArchTest
    static final ArchRule noServiceCodeInTheSharedModule = noClasses()
            .that().resideInAPackage("dev.lifeline.messaging..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.lifeline.identity..", "dev.lifeline.emailverification..", "dev.lifeline.kyc..",
                    "dev.lifeline.notification..");

    private static ArchCondition<JavaCodeUnit> notCallTheBroker() {
        return new ArchCondition<>("not send to the broker") {
            @Override
            public void check(JavaCodeUnit codeUnit, ConditionEvents events) {
                brokerCalls(codeUnit, new HashSet<>()).forEach(call -> events.add(SimpleConditionEvent.violated(
                        codeUnit, codeUnit.getFullName() + " reaches " + call.getDescription())));
            }
        };
    }

    /** Calls to the broker from the code unit or from the project's own code it calls (lambdas included). */
    private static List<JavaMethodCall> brokerCalls(JavaCodeUnit codeUnit, Set<JavaCodeUnit> visited) {
        List<JavaMethodCall> found = new ArrayList<>();
        if (!visited.add(codeUnit)) {
            return found;
        }
        for (JavaMethodCall call : codeUnit.getMethodCallsFromSelf()) {
            if (BROKER.stream().anyMatch(broker -> call.getTargetOwner().isAssignableTo(broker))) {
                found.add(call);
            } else if (call.getTargetOwner().getPackageName().startsWith("dev.lifeline")) {
                call.getTarget().resolveMember().ifPresent(target -> found.addAll(brokerCalls(target, visited)));
            }
        }
        return found;
    }
}
