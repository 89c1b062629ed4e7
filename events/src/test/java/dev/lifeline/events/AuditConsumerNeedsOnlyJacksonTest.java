package dev.lifeline.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An audit consumer builds against the contract with Jackson alone: on a class path of nothing but this module's
 * classes and the Jackson jars, every golden example decodes and writes back to the same JSON. A class of any
 * framework the contract still needed would be missing there and fail with NoClassDefFoundError.
 */
class AuditConsumerNeedsOnlyJacksonTest {

    @Test
    void everyGoldenExampleDecodesOnAClassPathOfTheContractAndJacksonAlone() throws Throwable {
        URL[] classPath = {location(EventJson.class), location(ObjectMapper.class), location(JsonFactory.class),
                location(JsonInclude.class), location(JavaTimeModule.class)};
        try (URLClassLoader auditConsumer = new URLClassLoader("audit-consumer", classPath,
                ClassLoader.getPlatformClassLoader())) {
            Class<?> eventJson = Class.forName(EventJson.class.getName(), true, auditConsumer);
            Class<?> eventType = Class.forName(EventType.class.getName(), true, auditConsumer);
            Class<?> lifelineEvent = Class.forName(LifelineEvent.class.getName(), true, auditConsumer);
            assertThat(eventJson.getClassLoader()).isSameAs(auditConsumer);
            Method read = eventJson.getMethod("read", eventType, String.class);
            Method write = eventJson.getMethod("write", lifelineEvent);
            Method exampleResource = eventType.getMethod("exampleResource");

            Object[] types = eventType.getEnumConstants();
            assertThat(types).hasSameSizeAs(EventType.values());
            for (Object type : types) {
                String golden = resource(auditConsumer, (String) invoke(exampleResource, type));

                Object event = invoke(read, null, type, golden);

                assertThat(event.getClass().getClassLoader()).isSameAs(auditConsumer);
                assertThat(event.getClass().getName())
                        .isEqualTo(EventType.valueOf(type.toString()).recordClass().getName());
                assertThat(EventJson.mapper().readTree((String) invoke(write, null, event)))
                        .as(type.toString()).isEqualTo(EventJson.mapper().readTree(golden));
            }
        }
    }

    private static URL location(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }

    private static String resource(ClassLoader loader, String resource) throws IOException {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Calls {@code method}, rethrowing what it threw (a NoClassDefFoundError among others) as itself. */
    private static Object invoke(Method method, Object target, Object... arguments) throws Throwable {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
