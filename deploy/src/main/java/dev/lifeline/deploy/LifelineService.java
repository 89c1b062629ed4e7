package dev.lifeline.deploy;

import java.nio.file.Path;

/** The four services `up` runs as processes from their fast-jars, with their preferred ports and databases. */
enum LifelineService {

    IDENTITY("identity-service", 8081, "identity", "384m", "LIFELINE_IDENTITY"),
    EMAIL_VERIFICATION("email-verification-service", 8082, "email_verification", "256m", "LIFELINE_EMAIL_VERIFICATION"),
    KYC("kyc-service", 8083, "kyc", "256m", "LIFELINE_KYC"),
    NOTIFICATION("notification-service", 8084, "notification", "256m", "LIFELINE_NOTIFICATION");

    final String artifact;
    final int preferredPort;
    final String database;
    /** Fixed heap (-Xms = -Xmx); identity-service hashes passwords with Argon2id, 19 MiB per hash. */
    final String heap;
    /** Prefix of its variables in `lifeline env`: _URL and _JDBC_URL. */
    final String envPrefix;

    LifelineService(String artifact, int preferredPort, String database, String heap, String envPrefix) {
        this.artifact = artifact;
        this.preferredPort = preferredPort;
        this.database = database;
        this.heap = heap;
        this.envPrefix = envPrefix;
    }

    /** How many processes of each service {@code up --instances} may start. */
    static final int MAX_INSTANCES = 4;

    /** The component name of its {@code number}-th process (from 1): identity-service, identity-service-2, … */
    String instance(int number) {
        return number == 1 ? artifact : artifact + "-" + number;
    }

    Path fastJar(Path repo) {
        return repo.resolve(artifact).resolve("target/quarkus-app/quarkus-run.jar");
    }
}
