package dev.lifeline.events;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventTypeTest {

    @Test
    void everyPermittedEventClassHasExactlyOneEventType() {
        List<Class<?>> mapped = Arrays.stream(EventType.values()).<Class<?>>map(EventType::recordClass).toList();

        assertThat(mapped).containsExactlyInAnyOrderElementsOf(recordsPermittedBy(LifelineEvent.class));
    }

    @Test
    void everyEventIsEitherARecoveryEventOrAnAccountEvent() {
        assertThat(LifelineEvent.class.getPermittedSubclasses())
                .containsExactlyInAnyOrder(RecoveryEvent.class, AccountEvent.class);
    }

    @Test
    void theSubjectIsTheRecoveryForRecoveryEventsAndTheAccountForAccountEvents() {
        UUID recovery = UUID.randomUUID();
        UUID account = UUID.randomUUID();
        Instant now = Instant.now();

        assertThat(new RecoveryCodeUsed(UUID.randomUUID(), recovery, account, now, 3).subject()).isEqualTo(recovery);
        assertThat(new KycProfileChanged(UUID.randomUUID(), account, now, 2, List.of(IdentityFact.ID_NUMBER))
                .subject()).isEqualTo(account);
    }

    /** The records below a sealed interface, through the sealed interfaces between. */
    private static List<Class<?>> recordsPermittedBy(Class<?> sealed) {
        return Arrays.stream(sealed.getPermittedSubclasses())
                .flatMap(c -> c.isInterface() ? recordsPermittedBy(c).stream() : java.util.stream.Stream.of(c))
                .toList();
    }

    @Test
    void ceTypesAreUnique() {
        List<String> ceTypes = Arrays.stream(EventType.values()).map(EventType::ceType).toList();

        assertThat(ceTypes).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void ceTypeIsTheVersionedEventName(EventType type) {
        assertThat(type.ceType())
                .matches("dev\\.lifeline\\.[A-Z][A-Za-z]+\\.v1")
                .isEqualTo("dev.lifeline." + type.recordClass().getSimpleName() + ".v1");
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void fromCeTypeFindsTheType(EventType type) {
        assertThat(EventType.fromCeType(type.ceType())).contains(type);
    }

    @Test
    void fromCeTypeOfAnUnknownTypeIsEmpty() {
        assertThat(EventType.fromCeType("dev.lifeline.RecoveryRequested.v2")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void topicIsOneOfTheKnownTopics(EventType type) {
        assertThat(Topics.ALL).contains(type.topic());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void sourceNamesTheServiceOwningTheTopic(EventType type) {
        // lifeline.<service>.v1 is published by /lifeline/<service>-service
        String service = type.topic().replaceFirst("^lifeline\\.(.+)\\.v1$", "$1");

        assertThat(type.source()).isEqualTo("/lifeline/" + service + "-service");
    }

    @Test
    void deadLetterTopicAppendsDlq() {
        assertThat(Topics.deadLetter(Topics.KYC)).isEqualTo("lifeline.kyc.v1.dlq");
    }

    @Test
    void readingMalformedJsonThrowsMalformedEventException() {
        assertThatThrownBy(() -> EventJson.read(EventType.EMAIL_VERIFIED, "{\"eventId\": "))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("EmailVerified");
    }

    @Test
    void readingJsonWithoutARequiredFieldNamesTheField() {
        String json = """
                {"eventId":"1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d","recoveryId":"0b9f6c2e-4f1a-4c53-9d3e-7a8b2c1d5e60",
                 "accountId":"5d2e8f41-93b7-4a0c-b6e1-2f4a9c7d8e13","occurredAt":"2025-03-14T09:29:07Z"}""";

        assertThatThrownBy(() -> EventJson.read(EventType.EMAIL_VERIFIED, json))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("missing required field 'method'");
    }

    @Test
    void readingJsonWithoutARequiredBooleanThrows() {
        String json = """
                {"eventId":"7a8b9c0d-1e2f-4a3b-9c4d-5e6f7a8b9c0d","recoveryId":"0b9f6c2e-4f1a-4c53-9d3e-7a8b2c1d5e60",
                 "accountId":"5d2e8f41-93b7-4a0c-b6e1-2f4a9c7d8e13","occurredAt":"2025-03-15T10:02:44Z"}""";

        assertThatThrownBy(() -> EventJson.read(EventType.PASSWORD_RESET, json))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("sessionsRevoked");
    }

    @Test
    void readingToleratesFieldsAddedByANewerProducer() {
        String json = """
                {"eventId":"1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d","recoveryId":"0b9f6c2e-4f1a-4c53-9d3e-7a8b2c1d5e60",
                 "accountId":"5d2e8f41-93b7-4a0c-b6e1-2f4a9c7d8e13","occurredAt":"2025-03-14T09:29:07Z",
                 "method":"LINK","clientHint":"added in a later minor version"}""";

        assertThat(EventJson.read(EventType.EMAIL_VERIFIED, json))
                .isEqualTo(new EmailVerified(
                        UUID.fromString("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"),
                        UUID.fromString("0b9f6c2e-4f1a-4c53-9d3e-7a8b2c1d5e60"),
                        UUID.fromString("5d2e8f41-93b7-4a0c-b6e1-2f4a9c7d8e13"),
                        Instant.parse("2025-03-14T09:29:07Z"), EmailVerificationMethod.LINK));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void anEventsTypeIsItsEventType(EventType type) {
        LifelineEvent event = EventJson.read(type, EventRoundTripTest.resource(type.exampleResource()));

        assertThat(event.type()).isEqualTo(type);
    }

    @Test
    void typeIsNotWrittenIntoTheJson() {
        LifelineEvent event = EventJson.read(EventType.RECOVERY_EXPIRED,
                EventRoundTripTest.resource(EventType.RECOVERY_EXPIRED.exampleResource()));

        assertThat(EventJson.write(event)).doesNotContain("\"type\"");
    }
}
