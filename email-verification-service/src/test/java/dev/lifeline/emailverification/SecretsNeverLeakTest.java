package dev.lifeline.emailverification;

import dev.lifeline.emailverification.testing.EmailVerificationTest;
import dev.lifeline.testing.Mailbox;
import dev.lifeline.testing.Mailbox.Mail;
import dev.lifeline.messaging.PublishedEvents;
import dev.lifeline.emailverification.testing.Recoveries;
import dev.lifeline.emailverification.testing.Recoveries.TestRecovery;
import dev.lifeline.emailverification.testing.Api;
import dev.lifeline.events.CloudEventHeaders;
import dev.lifeline.events.EventType;
import dev.lifeline.events.Topics;
import dev.lifeline.messaging.KafkaTestClient;
import dev.lifeline.http.testing.LogLines;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.lifeline.emailverification.testing.Api.confirm;
import static dev.lifeline.emailverification.testing.Api.otherCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;

/** No code or link token in any event, log line, audit line or stored row; only their hashes are kept. */
@EmailVerificationTest
class SecretsNeverLeakTest {

    @Inject
    EntityManager entityManager;

    @Test
    void codesAndLinkTokensAppearInNoEventLogLineOrStoredRow() {
        List<String> secrets;
        TestRecovery recovery = Recoveries.withEmail();
        try (LogLines logs = LogLines.all()) {
            Mail first = Mailbox.awaitFirstMail(recovery.email());
            confirm(recovery, otherCode(first.code())).then().statusCode(anyOf(is(400), is(410)));
            Api.awaitResend(recovery);
            Mail second = Mailbox.awaitMail(recovery.email(), 2);
            confirm(recovery, second.code()).then().statusCode(200);
            PublishedEvents.onTopic(recovery.recoveryId(), EventType.EMAIL_VERIFIED);
            secrets = List.of(first.code(), first.linkToken(), second.code(), second.linkToken(), recovery.token());

            assertThat(logs.lines()).isNotEmpty();
            assertThat(logs.containing("recovery=" + recovery.recoveryId())).isNotEmpty();
            for (String line : logs.lines()) {
                assertThat(line).doesNotContain(secrets);
            }
        }

        var records = KafkaTestClient.forApplication().readUntil(Topics.EMAIL_VERIFICATION, record ->
                recovery.recoveryId().toString().equals(KafkaTestClient.header(record, CloudEventHeaders.SUBJECT)));
        for (var record : records) {
            assertThat(record.value()).doesNotContain(secrets);
        }
        String row = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                        "SELECT row_to_json(c)::text FROM email_challenge c WHERE recovery_id = :id")
                .setParameter("id", recovery.recoveryId()).getSingleResult().toString());
        assertThat(row).doesNotContain(secrets);
    }

}
