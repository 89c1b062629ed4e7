package dev.lifeline.testing;


import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * Which infrastructure {@link LocalInfrastructure} gives the tests, by {@value #SETTING} (environment variable or
 * system property): {@code local} — Kafka, PostgreSQL and GreenMail as processes of this machine; {@code testcontainers}
 * — Kafka and PostgreSQL in containers of a Docker engine (GreenMail stays local); {@code auto}, the default —
 * Testcontainers where a Docker engine answers and no system PostgreSQL is installed, else local. A machine without
 * Docker therefore always runs on local processes; asking for Testcontainers there fails instead of falling back.
 */
public final class TestInfrastructureChoice {

    public static final String SETTING = "LIFELINE_TEST_INFRA";

    public enum Provider {
        LOCAL_PROCESSES, TESTCONTAINERS
    }

    private final BooleanSupplier dockerEngineAnswers;
    private final BooleanSupplier systemPostgresInstalled;

    /** Probes are only asked when the requested value needs their answer. */
    TestInfrastructureChoice(BooleanSupplier dockerEngineAnswers, BooleanSupplier systemPostgresInstalled) {
        this.dockerEngineAnswers = dockerEngineAnswers;
        this.systemPostgresInstalled = systemPostgresInstalled;
    }

    /** With this machine's probes: Testcontainers' own Docker discovery, and PostgresServer's search for binaries. */
    public static TestInfrastructureChoice onThisMachine() {
        return new TestInfrastructureChoice(TestcontainersInfrastructure::dockerEngineAnswers,
                () -> PostgresServer.systemBinaries().isPresent());
    }

    /**
     * The provider for {@code requested} ({@value #SETTING}'s value; null or blank means {@code auto}).
     *
     * @throws IllegalArgumentException for a value other than local, testcontainers or auto
     * @throws IllegalStateException for testcontainers where no Docker engine answers
     */
    public Provider choose(String requested) {
        String value = requested == null || requested.isBlank() ? "auto" : requested.trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "local" -> Provider.LOCAL_PROCESSES;
            case "testcontainers" -> {
                if (!dockerEngineAnswers.getAsBoolean()) {
                    throw new IllegalStateException(SETTING + "=testcontainers but no Docker engine answers "
                            + "(Testcontainers found none through DOCKER_HOST, ~/.testcontainers.properties or the "
                            + "usual Docker sockets; its log names each place it tried); unset it or use local");
                }
                yield Provider.TESTCONTAINERS;
            }
            case "auto" -> !systemPostgresInstalled.getAsBoolean() && dockerEngineAnswers.getAsBoolean()
                    ? Provider.TESTCONTAINERS : Provider.LOCAL_PROCESSES;
            default -> throw new IllegalArgumentException(SETTING + "=" + requested
                    + " is not one of local, testcontainers, auto");
        };
    }
}
