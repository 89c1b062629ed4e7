package dev.lifeline.notification;

import dev.lifeline.notification.testing.NotificationTest;
import dev.lifeline.testing.ServiceReadinessContract;

/** Ready with its database and broker, and its OpenAPI document: {@link ServiceReadinessContract}. */
@NotificationTest
class ServiceReadinessTest extends ServiceReadinessContract {
}
