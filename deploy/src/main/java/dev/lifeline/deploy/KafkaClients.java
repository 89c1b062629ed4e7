package dev.lifeline.deploy;

import dev.lifeline.testing.BuildClasspaths;

import java.io.File;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The launcher runs from {@code target/classes} with the JDK alone, so code that needs kafka-clients
 * ({@link DeadLetters}) runs in a class loader of its own over the broker's jars, which the build resolved anyway.
 */
final class KafkaClients {

    private KafkaClients() {
    }

    static int deadLetters(String command, String topic, String bootstrapServers, PrintStream out) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(classPath(), ClassLoader.getPlatformClassLoader())) {
            // Kafka loads its configured classes (serializers, assignors, reporters) through the context loader.
            thread.setContextClassLoader(loader);
            return (Integer) loader.loadClass(DeadLetters.class.getName())
                    .getMethod("run", String.class, String.class, String.class, PrintStream.class)
                    .invoke(null, command, topic, bootstrapServers, out);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException | java.io.IOException e) {
            throw new IllegalStateException("could not load the Kafka client: " + e, e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static URL[] classPath() throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        urls.add(KafkaClients.class.getProtectionDomain().getCodeSource().getLocation());
        for (String jar : BuildClasspaths.kafkaBroker().split(File.pathSeparator)) {
            urls.add(Path.of(jar).toUri().toURL());
        }
        return urls.toArray(URL[]::new);
    }
}
