package dev.lifeline.identity.authentication;

import java.util.UUID;

/** The account a login check proved. */
public record Authenticated(UUID accountId) {
}
