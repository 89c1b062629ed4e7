package dev.lifeline.testing;

import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

/**
 * What every service answers once it has started: ready while its database and broker are reachable, and its
 * OpenAPI document. Each service runs it as its own {@code @QuarkusTest}, in a few lines:
 * <pre>{@code
 * @KycTest
 * class ServiceReadinessTest extends ServiceReadinessContract {
 * }
 * }</pre>
 * RestAssured, Hamcrest and JUnit come from the service's tests (here they are {@code provided}).
 */
public abstract class ServiceReadinessContract {

    @Test
    public void isReadyWhenItsDatabaseAndBrokerAreReachable() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItems("Database connections health check", "Kafka connection health check"));
    }

    @Test
    public void publishesItsOpenApiDocument() {
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("openapi", startsWith("3."));
    }
}
