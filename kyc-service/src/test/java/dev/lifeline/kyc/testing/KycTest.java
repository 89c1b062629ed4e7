package dev.lifeline.kyc.testing;

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
 * A {@code @QuarkusTest} of kyc-service against the real broker and database, with bearer-token keys. Every
 * resource is GLOBAL, so all test classes share one application start.
 */
@QuarkusTest
@WithTestResource(value = LocalInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = LocalInfrastructure.DATABASE, value = "kyc"))
@WithTestResource(value = JwtKeys.class, scope = TestResourceScope.GLOBAL)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface KycTest {
}
