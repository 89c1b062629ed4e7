package dev.lifeline.kyc.profile;

import dev.lifeline.events.IdentityFact;
import dev.lifeline.events.KycProfileChanged;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** What a profile's write tells identity-service, without Quarkus. */
class KycProfileTest {

    private static final FactHashing HASHING = new CountingHashing();

    private static final Instant NOW = Instant.parse("2026-12-02T06:00:00.123456789Z");

    @Test
    void aWriteCountsTheQuestionsAndNamesTheOtherFactsInTheirOrder() {
        UUID account = UUID.randomUUID();

        KycProfileChanged changed = KycProfile.create(account, NOW).replace(facts(3), HASHING, NOW);

        assertThat(changed.accountId()).isEqualTo(account);
        assertThat(changed.securityQuestions()).isEqualTo(3);
        assertThat(changed.facts())
                .containsExactly(IdentityFact.ID_NUMBER, IdentityFact.BANK_CARD, IdentityFact.REGISTRATION);
    }

    @Test
    void theEventOccursAtTheWritesTimeAsStored() {
        KycProfile profile = KycProfile.create(UUID.randomUUID(), NOW);

        KycProfileChanged changed = profile.replace(facts(2), HASHING, NOW);

        assertThat(changed.occurredAt()).isEqualTo(profile.updatedAt()).isEqualTo("2026-12-02T06:00:00.123456Z");
    }

    @Test
    void aReplacementDescribesTheNewShapeInAnEventOfItsOwn() {
        KycProfile profile = KycProfile.create(UUID.randomUUID(), NOW);
        KycProfileChanged first = profile.replace(facts(5), HASHING, NOW);

        KycProfileChanged second = profile.replace(facts(2), HASHING, NOW.plusSeconds(60));

        assertThat(second.securityQuestions()).isEqualTo(2);
        assertThat(second.eventId()).isNotEqualTo(first.eventId());
        assertThat(second.occurredAt()).isAfter(first.occurredAt());
    }

    @Test
    void theSecurityQuestionsAreCountedNotNamed() {
        assertThat(Fact.SECURITY_QUESTIONS.published()).isEmpty();
        assertThat(Fact.ID_NUMBER.published()).contains(IdentityFact.ID_NUMBER);
        assertThat(Fact.BANK_CARD.published()).contains(IdentityFact.BANK_CARD);
        assertThat(Fact.REGISTRATION.published()).contains(IdentityFact.REGISTRATION);
    }

    @Test
    void answersCostOneSlowHashPerQuestionHoweverManyCame() {
        CountingHashing hashing = new CountingHashing();
        KycProfile twoQuestions = KycProfile.create(UUID.randomUUID(), NOW);
        twoQuestions.replace(facts(2), hashing, NOW);
        hashing.takeCount();

        for (int answers = 1; answers <= 5; answers++) {
            List<String> given = IntStream.rangeClosed(1, answers).mapToObj(i -> "answer" + i).toList();
            twoQuestions.compare(new KycProfile.Submitted(given, null, null, null, null, null), hashing);
            assertThat(hashing.takeCount()).as("%d answers", answers).isEqualTo(2);
        }
    }

    @Test
    void missingAnswersMismatchAfterTheirDummyHash() {
        KycProfile twoQuestions = KycProfile.create(UUID.randomUUID(), NOW);
        twoQuestions.replace(facts(2), HASHING, NOW);

        assertThat(twoQuestions.compare(new KycProfile.Submitted(List.of("answer1"), null, null, null, null, null), HASHING))
                .containsEntry(Fact.SECURITY_QUESTIONS, MatchSignal.MISMATCH);
        assertThat(twoQuestions.compare(new KycProfile.Submitted(List.of("answer1", "answer2"), null, null, null, null, null), HASHING))
                .containsEntry(Fact.SECURITY_QUESTIONS, MatchSignal.MATCH);
    }

    private static KycProfile.Facts facts(int questions) {
        List<KycProfile.Question> asked = IntStream.rangeClosed(1, questions)
                .mapToObj(i -> new KycProfile.Question("Question " + i + "?", "answer" + i)).toList();
        return new KycProfile.Facts("张三", ResidentIdNumber.parse("11010519491231002X"), "ICBC", "4321", "北京",
                LocalDate.parse("2015-03-14"), asked);
    }
}
