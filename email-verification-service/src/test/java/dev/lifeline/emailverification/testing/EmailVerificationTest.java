package dev.lifeline.emailverification.testing;

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
 * A {@code @QuarkusTest} of email-verification-service against a real broker, PostgreSQL and GreenMail. The
 * resource is GLOBAL, so all test classes share one application start.
 */
@QuarkusTest
@WithTestResource(value = LocalInfrastructure.class, scope = TestResourceScope.GLOBAL, initArgs = {
        @ResourceArg(name = LocalInfrastructure.DATABASE, value = "email_verification"),
        @ResourceArg(name = LocalInfrastructure.MAIL, value = "true")})
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface EmailVerificationTest {
}
