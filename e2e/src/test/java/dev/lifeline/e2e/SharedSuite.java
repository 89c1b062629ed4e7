package dev.lifeline.e2e;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.Map;

/**
 * One suite with the launcher's defaults, shared by the classes that need no settings of their own: one
 * {@code deploy/lifeline up} for all of them instead of one per class (about 40 s each on the CI machine).
 * <p>
 * A class takes it as a parameter of its {@code @BeforeAll} and holds {@link #LOCK} for as long as it runs: the
 * classes run in parallel (junit-platform.properties), but only one at a time on this suite, since some stop its
 * broker or database for a while. JUnit closes it, {@code deploy/lifeline down}, when the run ends.
 */
final class SharedSuite implements ParameterResolver {

    /** Held by each class on the shared suite: {@code @ResourceLock(SharedSuite.LOCK)}. */
    static final String LOCK = "dev.lifeline.e2e.SharedSuite";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedSuite.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Suite.class;
    }

    @Override
    public Suite resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(Suite.class, type -> Suite.up(SharedSuite.class, Map.of()), Suite.class);
    }
}
