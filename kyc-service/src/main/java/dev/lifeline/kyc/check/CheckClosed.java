package dev.lifeline.kyc.check;

import java.util.UUID;

/** Fired (a CDI event, in the closing transaction) when a recovery's end closed its check: its review case closes too. */
public record CheckClosed(UUID recoveryId) {
}
