package dev.lifeline.benchmark;

import com.password4j.Argon2Function;
import dev.lifeline.events.CloudEventHeaders;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The physical floors the suite's figures are set against, measured on the suite's own broker, database and mail
 * server: what no implementation on this machine could beat. One operation at a time, after a warm-up.
 */
final class Floors {

    private static final String TOPIC = "lifeline.benchmark-floor.v1";

    private Floors() {
    }

    /** A bare produce → consume round trip: acks=all, idempotent, linger 0, as the services' producers. */
    static Latencies kafkaRoundTrip(String bootstrap, int warmUp, int measured) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            if (!admin.listTopics().names().get().contains(TOPIC)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not create " + TOPIC, e);
        }
        Latencies latencies = new Latencies();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true", ProducerConfig.LINGER_MS_CONFIG, "0"),
                new StringSerializer(), new StringSerializer());
             KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "500"),
                     new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(partition));
            consumer.seekToEnd(List.of(partition));
            consumer.position(partition);
            for (int i = 0; i < warmUp + measured; i++) {
                String id = UUID.randomUUID().toString();
                long start = System.nanoTime();
                ProducerRecord<String, String> record = new ProducerRecord<>(TOPIC, id, "{}");
                record.headers().add(CloudEventHeaders.ID, id.getBytes(StandardCharsets.UTF_8));
                producer.send(record);
                awaitRecord(consumer, id);
                if (i >= warmUp) {
                    latencies.recordNanos(System.nanoTime() - start);
                }
            }
        }
        return latencies;
    }

    private static void awaitRecord(KafkaConsumer<String, String> consumer, String key) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                if (key.equals(record.key())) {
                    return;
                }
            }
        }
        throw new IllegalStateException("the floor's record " + key + " never came back");
    }

    /** One row inserted and committed (synchronous commit: the WAL flushed) in the suite's database. */
    static Latencies postgresCommit(Connection connection, int warmUp, int measured) {
        try (Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            statement.execute("CREATE TABLE IF NOT EXISTS lifeline_benchmark_floor (id uuid PRIMARY KEY, at timestamptz NOT NULL)");
            Latencies latencies = new Latencies();
            try (var insert = connection.prepareStatement("INSERT INTO lifeline_benchmark_floor VALUES (?, now())")) {
                connection.setAutoCommit(false);
                for (int i = 0; i < warmUp + measured; i++) {
                    long start = System.nanoTime();
                    insert.setObject(1, UUID.randomUUID());
                    insert.executeUpdate();
                    connection.commit();
                    if (i >= warmUp) {
                        latencies.recordNanos(System.nanoTime() - start);
                    }
                }
                connection.setAutoCommit(true);
            }
            statement.execute("DROP TABLE lifeline_benchmark_floor");
            return latencies;
        } catch (SQLException e) {
            throw new IllegalStateException("the PostgreSQL floor failed", e);
        }
    }

    /** One Argon2id hash with the parameters of {@code phcHash} (a hash identity-service stored). */
    static Latencies argon2id(String phcHash, int warmUp, int measured) {
        Argon2Function function = Argon2Function.getInstanceFromHash(phcHash);
        Latencies latencies = new Latencies();
        for (int i = 0; i < warmUp + measured; i++) {
            long start = System.nanoTime();
            function.hash("correct-horse-battery-" + i);
            if (i >= warmUp) {
                latencies.recordNanos(System.nanoTime() - start);
            }
        }
        return latencies;
    }

    /** One PBKDF2-HMAC-SHA256 of {@code iterations} rounds, as kyc-service hashes each security answer. */
    static Latencies pbkdf2(int iterations, int warmUp, int measured) {
        Latencies latencies = new Latencies();
        try {
            SecretKeyFactory factory = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            byte[] salt = new byte[16];
            for (int i = 0; i < warmUp + measured; i++) {
                long start = System.nanoTime();
                factory.generateSecret(new PBEKeySpec(("answer-" + i).toCharArray(), salt, iterations, 256)).getEncoded();
                if (i >= warmUp) {
                    latencies.recordNanos(System.nanoTime() - start);
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return latencies;
    }

    /** One SMTP transaction on a fresh connection: greeting, EHLO, MAIL, RCPT, DATA with a small mail, QUIT. */
    static Latencies smtpTransaction(int port, int warmUp, int measured) {
        Latencies latencies = new Latencies();
        for (int i = 0; i < warmUp + measured; i++) {
            long start = System.nanoTime();
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setTcpNoDelay(true);
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = socket.getOutputStream();
                expect(in, "220");
                exchange(in, out, "EHLO benchmark", "250");
                exchange(in, out, "MAIL FROM:<floor@lifeline.dev>", "250");
                exchange(in, out, "RCPT TO:<floor-" + (i % 10) + "@benchmark.example>", "250");
                exchange(in, out, "DATA", "354");
                exchange(in, out, "Subject: floor\r\nFrom: floor@lifeline.dev\r\n\r\nA floor measurement.\r\n.", "250");
                exchange(in, out, "QUIT", "221");
            } catch (IOException e) {
                throw new UncheckedIOException("the SMTP floor failed", e);
            }
            if (i >= warmUp) {
                latencies.recordNanos(System.nanoTime() - start);
            }
        }
        return latencies;
    }

    private static void exchange(BufferedReader in, OutputStream out, String line, String expected) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        expect(in, expected);
    }

    /** Reads one (possibly multi-line) reply and checks its code. */
    private static void expect(BufferedReader in, String code) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null || !line.startsWith(code)) {
                throw new IOException("SMTP answered " + line + ", expected " + code);
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
    }

    /** Rounds for kyc-service's answer hashes, from a stored one ({@code scheme$iterations$salt$hash}). */
    static int pbkdf2Iterations(String storedAnswerHash) {
        String[] parts = storedAnswerHash.split("\\$");
        if (parts.length != 4 || !parts[1].matches("[0-9]{1,9}")) {
            throw new IllegalArgumentException("not a pbkdf2-sha256$rounds$salt$hash answer hash");
        }
        return Integer.parseInt(parts[1]);
    }
}
