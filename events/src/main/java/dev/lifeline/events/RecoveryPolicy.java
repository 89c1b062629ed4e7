package dev.lifeline.events;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What this recovery demands, decided once by identity-service when it starts.
 *
 * @param required     the evidence that approves the recovery; always includes IDENTITY
 * @param assurance    the identity assurance {@code required} asks for
 * @param coolingOff   delay between approval and the allowed reset, so the real owner can still cancel
 * @param alternatives other sets of evidence, each of which also approves the recovery on its own (e.g. EMAIL +
 *                     RECOVERY_CODE: two recovery methods of different kinds, NIST SP 800-63B-4); each has at least
 *                     two kinds, none is RECOVERY_CODE alone; empty for none (and absent in older events)
 */
public record RecoveryPolicy(List<Evidence> required, Assurance assurance, Duration coolingOff,
                             @JsonInclude(JsonInclude.Include.NON_EMPTY) List<List<Evidence>> alternatives) {
    public RecoveryPolicy {
        required = List.copyOf(Objects.requireNonNull(required, "required"));
        Objects.requireNonNull(assurance, "assurance");
        Objects.requireNonNull(coolingOff, "coolingOff");
        alternatives = alternatives == null ? List.of() : alternatives.stream().map(List::copyOf).toList();
        for (List<Evidence> alternative : alternatives) {
            if (Set.copyOf(alternative).size() < 2) {
                throw new IllegalArgumentException("An alternative needs two kinds of evidence: " + alternative);
            }
        }
    }

    /** A policy with no alternative to {@code required}. */
    public RecoveryPolicy(List<Evidence> required, Assurance assurance, Duration coolingOff) {
        this(required, assurance, coolingOff, List.of());
    }

    /** Whether this evidence can count at all: it is required, or part of an alternative. */
    public boolean accepts(Evidence evidence) {
        Set<Evidence> all = EnumSet.noneOf(Evidence.class);
        all.addAll(required);
        alternatives.forEach(all::addAll);
        return all.contains(evidence);
    }
}
