package dev.lifeline.identity.recovery;

import dev.lifeline.events.Assurance;
import dev.lifeline.events.Contacts;
import dev.lifeline.events.Evidence;
import dev.lifeline.events.PhoneStatus;
import dev.lifeline.events.RecoveryPolicy;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Recoveries for tests, started through the one {@link Recovery#start} that production uses, with a default for
 * whatever a test does not care about: a new id and account, EMAIL and IDENTITY at SUBSTANTIAL with a 24 h
 * cooling-off, the configuration's defaults for the TTL (24 h) and the phone change window (30 min), an owner with
 * a verified email address and a suspended phone, an all-zero token hash, started now.
 */
final class RecoveryBuilder {

    static final RecoveryPolicy EMAIL_AND_IDENTITY =
            new RecoveryPolicy(List.of(Evidence.EMAIL, Evidence.IDENTITY), Assurance.SUBSTANTIAL, Duration.ofHours(24));

    private UUID id = UUID.randomUUID();
    private UUID accountId = UUID.randomUUID();
    private RecoveryPolicy policy = EMAIL_AND_IDENTITY;
    private Contacts contacts = new Contacts("owner@example.com", true, PhoneStatus.SUSPENDED, "zh-CN");
    private String tokenHash = HexFormat.of().formatHex(new byte[32]);
    private Instant startedAt;
    private Duration ttl = Duration.ofHours(24);
    private Duration phoneChangeWindow = Duration.ofMinutes(30);

    private RecoveryBuilder() {
    }

    static RecoveryBuilder aRecovery() {
        return new RecoveryBuilder();
    }

    RecoveryBuilder withId(UUID id) {
        this.id = id;
        return this;
    }

    RecoveryBuilder ofAccount(UUID accountId) {
        this.accountId = accountId;
        return this;
    }

    RecoveryBuilder under(RecoveryPolicy policy) {
        this.policy = policy;
        return this;
    }

    RecoveryBuilder withContacts(Contacts contacts) {
        this.contacts = contacts;
        return this;
    }

    RecoveryBuilder withTokenHash(String tokenHash) {
        this.tokenHash = tokenHash;
        return this;
    }

    RecoveryBuilder startedAt(Instant startedAt) {
        this.startedAt = startedAt;
        return this;
    }

    RecoveryBuilder withTtl(Duration ttl) {
        this.ttl = ttl;
        return this;
    }

    RecoveryBuilder withPhoneChangeWindow(Duration phoneChangeWindow) {
        this.phoneChangeWindow = phoneChangeWindow;
        return this;
    }

    /** The recovery and its RecoveryRequested, as {@link Recovery#start} returns them. */
    Recovery.Started start() {
        return Recovery.start(id, accountId, policy, contacts, tokenHash,
                startedAt == null ? Instant.now() : startedAt, ttl, phoneChangeWindow);
    }

    /** The recovery alone, for tests that do not look at its RecoveryRequested. */
    Recovery build() {
        return start().recovery();
    }
}
