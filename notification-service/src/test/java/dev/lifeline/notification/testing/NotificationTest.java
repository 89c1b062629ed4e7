package dev.lifeline.notification.testing;

import dev.lifeline.testing.JwtKeys;
import dev.lifeline.testing.LocalInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@code @QuarkusTest} of notification-service against a real broker, PostgreSQL and GreenMail, with local HTTP
 * receivers for the webhook, the SMS provider and Shared Signals. The resources are GLOBAL, so all test classes
 * share one application start.
 */
@QuarkusTest
@WithTestResource(value = LocalInfrastructure.class, scope = TestResourceScope.GLOBAL, initArgs = {
        @ResourceArg(name = LocalInfrastructure.DATABASE, value = "notification"),
        @ResourceArg(name = LocalInfrastructure.MAIL, value = "true")})
@WithTestResource(value = JwtKeys.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = HttpReceivers.class, scope = TestResourceScope.GLOBAL)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface NotificationTest {
}
