package dev.lifeline.kyc.review;

import dev.lifeline.kyc.review.Review.Refusal;
import dev.lifeline.kyc.review.Review.Reviewer;
import dev.lifeline.kyc.review.Review.State;
import dev.lifeline.kyc.review.Review.Verdict;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The case's rules without Quarkus: who counts as the same person for the two-person rule. */
class ReviewRulesTest {

    private static final Instant NOW = Instant.parse("2025-06-01T08:00:00Z");
    private static final String ISSUER = "https://idp.example.com ";

    @Test
    void theSamePersonUnderTwoNamesCannotApproveTwice() {
        Review review = highRisk();
        review.decide(new Reviewer("agent-ann", ISSUER + "4f1c-77", false), Verdict.APPROVE, "video call", "10.0.0.1", NOW);

        assertThatThrownBy(() -> review.decide(new Reviewer("ann.lee", ISSUER + "4f1c-77", true), Verdict.APPROVE,
                "video call", "10.0.0.1", NOW))
                .isInstanceOfSatisfying(Review.RefusedException.class,
                        e -> assertThat(e.refusal()).isEqualTo(Refusal.ALREADY_APPROVED_BY_YOU));
        assertThat(review.state()).isEqualTo(State.PENDING);
        assertThat(review.decisions()).hasSize(1);
    }

    @Test
    void twoPeopleUnderOneNameAreTwoPeople() {
        Review review = highRisk();
        review.decide(new Reviewer("agent-ann", ISSUER + "4f1c-77", false), Verdict.APPROVE, "video call", "10.0.0.1", NOW);

        State state = review.decide(new Reviewer("agent-ann", ISSUER + "9a0b-12", true), Verdict.APPROVE,
                "video call", "10.0.0.2", NOW);

        assertThat(state).isEqualTo(State.APPROVED);
        assertThat(review.approvers()).containsExactly("agent-ann", "agent-ann");
    }

    @Test
    void oneSubjectAtTwoIssuersIsTwoPeople() {
        Review review = highRisk();
        review.decide(new Reviewer("agent-ann", "https://idp.example.com 4f1c-77", false), Verdict.APPROVE,
                "video call", "10.0.0.1", NOW);

        assertThat(review.decide(new Reviewer("sup-ann", "https://partner.example.org 4f1c-77", true),
                Verdict.APPROVE, "video call", "10.0.0.2", NOW)).isEqualTo(State.APPROVED);
    }

    @Test
    void aReviewerWithoutAKeyCannotDecide() {
        assertThatThrownBy(() -> new Reviewer("agent-ann", null, false)).isInstanceOf(NullPointerException.class);
    }

    private static Review highRisk() {
        return Review.open(UUID.randomUUID(), UUID.randomUUID(), Review.Risk.HIGH, "ID_NUMBER:MATCH", NOW);
    }
}
