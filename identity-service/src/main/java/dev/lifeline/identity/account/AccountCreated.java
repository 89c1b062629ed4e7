package dev.lifeline.identity.account;

import java.util.UUID;

/** The answer to {@code POST /api/v1/accounts}. */
public record AccountCreated(UUID accountId) {
}
