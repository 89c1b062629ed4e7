package dev.lifeline.messaging;

import dev.lifeline.events.DecoyEmailVerificationFailed;
import dev.lifeline.events.EmailVerificationFailure;
import dev.lifeline.events.EventJson;
import dev.lifeline.events.EventType;
import dev.lifeline.events.LifelineEvent;
import dev.lifeline.events.RecoveryDecoyStarted;
import dev.lifeline.events.RecoveryEvent;
import dev.lifeline.events.RecoveryRequested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RecoveryParticipantTest {

    private final Participant participant = new Participant();

    /** A decoy's start and end count as a real recovery's, so that nothing tells the two apart. */
    @ParameterizedTest
    @CsvSource({
            "RECOVERY_REQUESTED, open, opened, not-opened",
            "RECOVERY_DECOY_STARTED, open, opened, not-opened",
            "PASSWORD_RESET, close, closed, no-change",
            "RECOVERY_CANCELLED, close, closed, no-change",
            "RECOVERY_REJECTED, close, closed, no-change",
            "RECOVERY_EXPIRED, close, closed, no-change",
            "DECOY_IDENTITY_REJECTED, close, closed, no-change",
            "DECOY_EMAIL_VERIFICATION_FAILED, close, closed, no-change"})
    void aStartOpensTheRecoverysWorkAndAnEndClosesIt(EventType type, String call, String done, String notDone) {
        participant.apply(example(type));
        participant.answer = false;
        participant.apply(example(type));

        String name = type.eventName();
        assertThat(participant.calls).containsExactly(call + " " + name, name + ": " + done,
                call + " " + name, name + ": " + notDone);
    }

    @ParameterizedTest
    @EnumSource(mode = EnumSource.Mode.EXCLUDE, names = {"RECOVERY_REQUESTED", "RECOVERY_DECOY_STARTED",
            "PASSWORD_RESET", "RECOVERY_CANCELLED", "RECOVERY_REJECTED", "RECOVERY_EXPIRED", "DECOY_IDENTITY_REJECTED",
            "DECOY_EMAIL_VERIFICATION_FAILED"})
    void anEventThatNeitherStartsNorEndsARecoveryChangesNothing(EventType type) {
        participant.apply(example(type));

        assertThat(participant.calls).isEmpty();
    }

    @Test
    void aDecoysExpiredEmailCodeEndsNothing() {
        participant.apply(new DecoyEmailVerificationFailed(UUID.randomUUID(), UUID.randomUUID(), Instant.now(),
                EmailVerificationFailure.EXPIRED));

        assertThat(participant.calls).isEmpty();
    }

    private static LifelineEvent example(EventType type) {
        try (InputStream in = RecoveryParticipantTest.class.getClassLoader()
                .getResourceAsStream(type.exampleResource())) {
            assertThat(in).as(type.exampleResource()).isNotNull();
            return EventJson.read(type, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Says yes (or no) to every open and close, and writes down what it was asked. */
    private static final class Participant extends RecoveryParticipant {

        final List<String> calls = new ArrayList<>();
        boolean answer = true;

        @Override
        protected boolean open(RecoveryRequested requested, Instant now) {
            return asked("open", requested);
        }

        @Override
        protected boolean open(RecoveryDecoyStarted started, Instant now) {
            return asked("open", started);
        }

        @Override
        protected boolean close(RecoveryEvent end, Instant now) {
            return asked("close", end);
        }

        private boolean asked(String call, RecoveryEvent event) {
            calls.add(call + " " + event.type().eventName());
            return answer;
        }

        @Override
        protected void record(RecoveryEvent event, String outcome) {
            calls.add(event.type().eventName() + ": " + outcome);
        }
    }
}
