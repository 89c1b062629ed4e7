package dev.lifeline.benchmark;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The work the saga still owes: the services' consumer lag (records on their topics they have not committed yet) and
 * the mails and notifications due but not sent (email-verification's mail queue, notification-service's deliveries).
 */
final class Backlog implements AutoCloseable {

    /** One look at the backlog. */
    record Snapshot(long consumerLag, long mailsDue, long notificationsDue) {
        boolean empty() {
            return consumerLag == 0 && mailsDue == 0 && notificationsDue == 0;
        }
    }

    private final Admin admin;
    private final Connection emailVerification;
    private final Connection notification;

    Backlog(String bootstrap, Connection emailVerification, Connection notification) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        this.emailVerification = emailVerification;
        this.notification = notification;
    }

    Snapshot now() {
        return new Snapshot(consumerLag().values().stream().mapToLong(Long::longValue).sum(),
                count(emailVerification, "SELECT count(*) FROM email_challenge WHERE mail_due_at IS NOT NULL"),
                count(notification, "SELECT count(*) FROM notification_delivery WHERE due_at IS NOT NULL"));
    }

    /** Each of the suite's consumer groups' lag over every partition it has committed on. */
    Map<String, Long> consumerLag() {
        try {
            Map<String, Long> lag = new TreeMap<>();
            for (ConsumerGroupListing group : admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS)) {
                if (group.groupId().startsWith("benchmark")) {
                    continue;
                }
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(committed.keySet()
                        .stream().collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest())))
                        .all().get(10, TimeUnit.SECONDS);
                long total = 0;
                for (var entry : committed.entrySet()) {
                    if (entry.getValue() != null && ends.containsKey(entry.getKey())) {
                        total += Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset());
                    }
                }
                lag.put(group.groupId(), total);
            }
            return lag;
        } catch (Exception e) {
            throw new IllegalStateException("could not read the consumer groups' lag", e);
        }
    }

    private static long count(Connection connection, String sql) {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed", e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
