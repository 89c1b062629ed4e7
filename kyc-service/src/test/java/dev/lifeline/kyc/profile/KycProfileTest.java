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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void answersCostOneSlowHashPerQuestionShownHoweverManyCame() {
        CountingHashing hashing = new CountingHashing();
        KycProfile fiveQuestions = KycProfile.create(UUID.randomUUID(), NOW);
        fiveQuestions.replace(facts(5), hashing, NOW);
        hashing.takeCount();

        for (int answers = 1; answers <= 5; answers++) {
            List<String> given = IntStream.rangeClosed(1, answers).mapToObj(i -> "answer" + i).toList();
            fiveQuestions.compare(new KycProfile.Submitted(given, null, null, null, null, null), shown(2, 4), hashing);
            assertThat(hashing.takeCount()).as("%d answers", answers).isEqualTo(2);
        }
    }

    @Test
    void answersAreComparedWithTheQuestionsShownInTheirOrder() {
        KycProfile fiveQuestions = KycProfile.create(UUID.randomUUID(), NOW);
        fiveQuestions.replace(facts(5), HASHING, NOW);

        assertThat(fiveQuestions.compare(submitted("answer2", "answer4"), shown(2, 4), HASHING))
                .containsEntry(Fact.SECURITY_QUESTIONS, MatchSignal.MATCH);
        assertThat(fiveQuestions.compare(submitted("answer4", "answer2"), shown(2, 4), HASHING))
                .containsEntry(Fact.SECURITY_QUESTIONS, MatchSignal.MISMATCH);
        assertThat(fiveQuestions.compare(submitted("answer1", "answer2"), shown(2, 4), HASHING))
                .containsEntry(Fact.SECURITY_QUESTIONS, MatchSignal.MISMATCH);
    }

    @Test
    void aQuestionShownThatTheProfileDoesNotHoldMismatchesAfterItsDummyHash() {
        CountingHashing hashing = new CountingHashing();
        KycProfile twoQuestions = KycProfile.create(UUID.randomUUID(), NOW);
        twoQuestions.replace(facts(2), hashing, NOW);
        hashing.takeCount();

        assertThat(twoQuestions.compare(submitted("answer1", "answer3"), shown(1, 3), hashing))
                .containsEntry(Fact.SECURITY_QUESTIONS, MatchSignal.MISMATCH);
        assertThat(hashing.takeCount()).isEqualTo(2);
    }

    @Test
    void missingAnswersMismatchAfterTheirDummyHash() {
        KycProfile twoQuestions = KycProfile.create(UUID.randomUUID(), NOW);
        twoQuestions.replace(facts(2), HASHING, NOW);

        assertThat(twoQuestions.compare(submitted("answer1"), shown(1, 2), HASHING))
                .containsEntry(Fact.SECURITY_QUESTIONS, MatchSignal.MISMATCH);
        assertThat(twoQuestions.compare(submitted("answer1", "answer2"), shown(1, 2), HASHING))
                .containsEntry(Fact.SECURITY_QUESTIONS, MatchSignal.MATCH);
    }

    @Test
    void aQuestionMustBeACatalogueKey() {
        assertThatThrownBy(() -> new KycProfile.Question("What was your first pet's name?", "rex"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Catalogue keys by their 1-based position, as {@link #facts} registers them with answer1, answer2, … */
    private static List<String> shown(int... positions) {
        return IntStream.of(positions).mapToObj(i -> QuestionCatalogue.KEYS.get(i - 1)).toList();
    }

    private static KycProfile.Submitted submitted(String... answers) {
        return new KycProfile.Submitted(List.of(answers), null, null, null, null, null);
    }

    private static KycProfile.Facts facts(int questions) {
        List<KycProfile.Question> asked = IntStream.rangeClosed(1, questions)
                .mapToObj(i -> new KycProfile.Question(QuestionCatalogue.KEYS.get(i - 1), "answer" + i)).toList();
        return new KycProfile.Facts("张三", ResidentIdNumber.parse("11010519491231002X"), "ICBC", "4321", "北京",
                LocalDate.parse("2015-03-14"), asked);
    }
}
