package dev.lifeline.emailverification;

import dev.lifeline.emailverification.testing.EmailVerificationTest;
import dev.lifeline.testing.ServiceReadinessContract;

/** Ready with its database and broker, and its OpenAPI document: {@link ServiceReadinessContract}. */
@EmailVerificationTest
class ServiceReadinessTest extends ServiceReadinessContract {
}
