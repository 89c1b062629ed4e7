package dev.lifeline.kyc;

import dev.lifeline.kyc.testing.KycTest;
import dev.lifeline.testing.ServiceReadinessContract;

/** Ready with its database and broker, and its OpenAPI document: {@link ServiceReadinessContract}. */
@KycTest
class ServiceReadinessTest extends ServiceReadinessContract {
}
