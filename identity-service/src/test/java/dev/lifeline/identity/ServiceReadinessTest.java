package dev.lifeline.identity;

import dev.lifeline.identity.testing.IdentityTest;
import dev.lifeline.testing.ServiceReadinessContract;

/** Ready with its database and broker, and its OpenAPI document: {@link ServiceReadinessContract}. */
@IdentityTest
class ServiceReadinessTest extends ServiceReadinessContract {
}
