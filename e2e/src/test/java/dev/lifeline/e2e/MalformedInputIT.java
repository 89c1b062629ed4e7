package dev.lifeline.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiPredicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A sweep of malformed input over every operation of the four services, the way a scanner or a broken client sends
 * it. The operations come from each service's own OpenAPI document ({@code GET /q/openapi?format=json}), read at run
 * time, so an operation added to a service joins the sweep without a change here.
 *
 * <p><b>What is swept.</b> Each operation (path and method) gets {@value #PER_OPERATION} requests, generated from
 * the seed 29 (or the system property {@code lifeline.sweep.seed}), request {@code i} by a {@link Random} of its
 * own, so a failure names a request that can be sent again. Request {@code i} carries mutation
 * {@code Mutation.values()[i % 16]} of the {@link Mutation}s: invalid UTF-8, truncated JSON, 5,000 nested
 * brackets, a duplicate key, a wrong type, a huge number (1e400, 2^70), a control, bidirectional or invisible
 * character (U+0000, U+202E, U+0085, U+200B, …), an unknown field, a wrong content type (text/plain,
 * application/xml, none, …), a garbage path parameter (not-a-uuid, {@code %zz}, 5,000 characters, …), a garbage
 * query, an oversized header (a Recovery-Token or Authorization of 4 to 64 KiB), a garbage header (a tampered or unsigned
 * token, another scheme, raw control bytes), an empty body, random bytes, and a body built from the operation's schema with
 * one field mutated. Where the mutation leaves the body of a state-changing operation well-formed, one of its fields
 * is mutated too: no request of the sweep is one a service should carry out. About half carry a bearer token, mostly
 * of a role the operation names, and {@code X-Forwarded-For} rotates over 198.51.100.0/24, 203.0.113.0/24 and
 * 2001:db8::/32 (loopback is the suite's trusted proxy), so per-client limits do not answer most of them (a 429
 * is an allowed answer). Besides, every method in GET, POST, PUT, DELETE and PATCH that a path does not declare
 * gets {@value #PER_WRONG_METHOD} requests, which must be answered 405. Requests are sent
 * {@value #IN_FLIGHT} at a time over keep-alive connections ({@link RawHttp}: {@code java.net.http} refuses to send
 * some of them), so that the response floors of the start, the password checks and the link page overlap.
 *
 * <p><b>What is asserted</b>, for every answer: no 5xx; no request without an answer within
 * {@value #ANSWER_WITHIN_SECONDS} s; a 4xx is an {@code application/problem+json} document with a body. The few
 * answers the HTTP layer gives before any route, filter or mapper of the project runs (Vert.x's codec: a header
 * block over 20 KiB, a request line over 4 KiB, a forbidden byte in a header, an invalid percent-encoding in the
 * target), and the link page's deliberate HTML for a browser, are the {@link NamedException}s below, each
 * matched on status, request and answer, not a loosened check; the summary counts their hits. Afterwards every
 * service answers {@code /q/health/ready} with 200.
 *
 * <p><b>No row changed by a refused request.</b> Before and after the sweep the test takes, for every table of the
 * four services' databases, its row count and a digest of all its rows (so an update shows, not only an insert);
 * the two must be equal. Only the tables that exist to count refusals are left out: the HTTP kit's rate-limit
 * windows and failure throttles, identity's decoy recoveries (an unknown identifier's start is answered like a real
 * one), and Flyway's history. Since the sweep sends nothing a service should carry out, any change is a refused (or
 * wrongly accepted) request that wrote; the assertion lists the 2xx answers of state-changing operations with it.
 * The second snapshot waits until two of them 2 s apart agree, so that what such a request set off over Kafka counts.
 *
 * <p>Why: every answer is either the problem the client needs to fix its request, or a limit; a 5xx or an empty
 * 4xx tells a client nothing, and a 5xx is also what pages on-call.
 */
class MalformedInputIT {

    private static final long SEED = Long.getLong("lifeline.sweep.seed", 29L);
    private static final int PER_OPERATION = 1_000;
    private static final int PER_WRONG_METHOD = 25;
    private static final int IN_FLIGHT = 24;
    private static final int ANSWER_WITHIN_SECONDS = 30;
    private static final int SHOWN = 15;
    private static final Map<String, String> SERVICES = Map.of(
            "identity", "LIFELINE_IDENTITY_URL",
            "email-verification", "LIFELINE_EMAIL_VERIFICATION_URL",
            "kyc", "LIFELINE_KYC_URL",
            "notification", "LIFELINE_NOTIFICATION_URL");
    private static final Map<String, String> DATABASES = Map.of(
            "identity", "LIFELINE_IDENTITY_JDBC_URL",
            "email-verification", "LIFELINE_EMAIL_VERIFICATION_JDBC_URL",
            "kyc", "LIFELINE_KYC_JDBC_URL",
            "notification", "LIFELINE_NOTIFICATION_JDBC_URL");
    /** Tables that count refusals by design (rate limits, throttles, decoys), and Flyway's own. */
    private static final Set<String> BOOKKEEPING = Set.of("rate_limit_window", "failure_throttle", "decoy_recovery",
            "flyway_schema_history");
    private static final List<String> ROLES = List.of("admin", "gateway", "support-agent", "support-supervisor");
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Stands for a raw JSON value (a huge number, an escape) in a serialized body until it is put in. */
    private static final String RAW = "\u0001raw\u0001";

    /**
     * The answers an HTTP layer gives that the project cannot turn into problems: Vert.x's HTTP/1.1 codec refuses
     * these requests before any route, filter or exception mapper runs, answers with an empty body and closes the
     * connection. Each is matched on its status, an empty body, and the request that causes it.
     */
    enum NamedException {
        /** {@code quarkus.http.limits.max-header-size} (20 KiB): Vert.x answers 431 before any route. */
        HEADER_BLOCK_OVER_20_KIB(431, (request, answer) -> headerBytes(request) > 20 * 1024 - 1024),
        /** {@code quarkus.http.limits.max-initial-line-length} (4,096): Vert.x answers 414 before any route. */
        REQUEST_LINE_OVER_4_KIB(414, (request, answer) -> request.target().length() > 4_096 - 64),
        /** A control byte (e.g. NUL) in a header value is not HTTP: Vert.x's codec answers 400 before any route. */
        CONTROL_BYTE_IN_A_HEADER(400, (request, answer) -> request.headers().stream()
                .anyMatch(header -> hasControlByte(header.value()))),
        /**
         * A {@code %} not followed by two hex digits in the path or query: Vert.x's router fails decoding the URI
         * before any route of the project and answers 400 with an empty body.
         */
        INVALID_PERCENT_ENCODING_IN_THE_TARGET(400, (request, answer) -> hasInvalidPercentEncoding(request.target())),
        /**
         * Not the HTTP layer but a decision: the email link's page ({@code /verify}) is for a browser, so an unusable
         * or expired link is a 410 HTML page in the reader's language (docs/decisions/0020-scanner-safe-link-and-was-this-you.md).
         */
        LINK_PAGE_FOR_A_BROWSER(410, (request, answer) -> request.target().startsWith("/verify")
                && answer.contentType().startsWith("text/html") && answer.body().length > 0);

        private final int status;
        private final BiPredicate<RawHttp.Request, RawHttp.Answer> matches;

        NamedException(int status, BiPredicate<RawHttp.Request, RawHttp.Answer> matches) {
            this.status = status;
            this.matches = matches;
        }

        boolean covers(RawHttp.Request request, RawHttp.Answer answer) {
            boolean emptyUnlessPage = this == LINK_PAGE_FOR_A_BROWSER || answer.body().length == 0;
            return answer.status() == status && emptyUnlessPage && matches.test(request, answer);
        }
    }

    enum Mutation {
        INVALID_UTF8, TRUNCATED_JSON, DEEP_NESTING, DUPLICATE_KEY, WRONG_TYPE, HUGE_NUMBER, CONTROL_CHARACTER,
        UNKNOWN_FIELD, WRONG_CONTENT_TYPE, GARBAGE_PATH_PARAMETER, GARBAGE_QUERY, OVERSIZED_HEADER, GARBAGE_HEADER,
        EMPTY_BODY, RANDOM_BYTES, ONE_FIELD_MUTATED;

        /** Whether a well-formed body is left as it is by this mutation. */
        boolean keepsTheBody() {
            return this == GARBAGE_PATH_PARAMETER || this == GARBAGE_QUERY || this == OVERSIZED_HEADER
                    || this == GARBAGE_HEADER || this == WRONG_CONTENT_TYPE;
        }
    }

    /** One operation of a service's OpenAPI document. */
    record Operation(String service, String baseUrl, String method, String path, JsonNode definition,
                     JsonNode document) {

        String name() {
            return service + " " + method + " " + path;
        }

        boolean changesState() {
            return !method.equals("GET");
        }

        List<JsonNode> parameters(String in) {
            List<JsonNode> found = new ArrayList<>();
            definition.path("parameters").forEach(parameter -> {
                if (parameter.path("in").asText().equals(in)) {
                    found.add(parameter);
                }
            });
            return found;
        }

        /** The media type of the request body, or null where the operation takes none. */
        String mediaType() {
            Iterator<String> types = definition.path("requestBody").path("content").fieldNames();
            return types.hasNext() ? types.next() : null;
        }

        JsonNode bodySchema() {
            return resolve(definition.path("requestBody").path("content").path(mediaType()).path("schema"));
        }

        List<String> roles() {
            List<String> roles = new ArrayList<>();
            definition.path("security").forEach(requirement -> requirement.fields()
                    .forEachRemaining(scheme -> scheme.getValue().forEach(role -> roles.add(role.asText()))));
            return roles;
        }

        JsonNode resolve(JsonNode schema) {
            String ref = schema.path("$ref").asText();
            return ref.startsWith("#/components/schemas/")
                    ? resolve(document.path("components").path("schemas").path(ref.substring(21)))
                    : schema;
        }
    }

    /** What one operation (or one wrong method on a path) was answered. */
    record Tally(String name, LongAdder sent, Map<Integer, LongAdder> statuses) {

        Tally(String name) {
            this(name, new LongAdder(), new ConcurrentHashMap<>());
        }

        void count(int status) {
            sent.increment();
            statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
        }

        @Override
        public String toString() {
            return String.format("%-75s %5d sent; %s", name, sent.sum(), new TreeMap<>(statuses).entrySet().stream()
                    .map(entry -> entry.getKey() + "×" + entry.getValue().sum()).collect(Collectors.joining(" ")));
        }
    }

    /** A request of the sweep and the mutation it carries. */
    record Probe(String mutation, RawHttp.Request request) {
    }

    /**
     * Requests that broke a rule, counted by kind (operation, mutation, answer), the first request of each of the
     * first {@value #SHOWN} kinds described in full.
     */
    record Findings(AtomicInteger count, Map<String, AtomicInteger> kinds, Map<String, String> shown) {

        Findings() {
            this(new AtomicInteger(), new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
        }

        void add(String kind, String description) {
            count.incrementAndGet();
            kinds.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
            if (shown.size() < SHOWN) {
                shown.putIfAbsent(kind, description);
            }
        }

        String report() {
            return count.get() + " requests of " + kinds.size() + " kinds:\n" + new TreeMap<>(kinds).entrySet().stream()
                    .map(kind -> String.format("%6d × %s", kind.getValue().get(), kind.getKey()))
                    .collect(Collectors.joining("\n")) + "\nthe first of each kind:\n"
                    + String.join("\n\n", new TreeMap<>(shown).values());
        }
    }

    private static Suite suite;
    private static List<Operation> operations;
    private static final Map<String, Tally> TALLIES = Collections.synchronizedMap(new LinkedHashMap<>());
    private static final Map<NamedException, LongAdder> EXCEPTIONS = new ConcurrentHashMap<>();
    private static final Findings SERVER_ERRORS = new Findings();
    private static final Findings NOT_PROBLEMS = new Findings();
    private static final Findings UNANSWERED = new Findings();
    private static final Findings NOT_405 = new Findings();
    private static final Findings ACCEPTED_CHANGES = new Findings();
    private static Map<String, String> rowsBefore;
    private static Map<String, String> rowsAfter;
    private static Duration took;
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    @BeforeAll
    static void sweep() throws InterruptedException {
        suite = Suite.up(MalformedInputIT.class, Map.of());
        operations = discoverOperations();
        rowsBefore = rows();
        long start = System.nanoTime();
        send();
        took = Duration.ofNanos(System.nanoTime() - start);
        rowsAfter = settledRows();
        System.out.printf("Malformed-input sweep, seed %d, %d operations, %d in flight, %d s:%n", SEED,
                operations.size(), IN_FLIGHT, took.toSeconds());
        TALLIES.values().forEach(tally -> System.out.println("sweep " + tally));
        EXCEPTIONS.forEach((exception, hits) -> System.out.println("sweep named exception " + exception + ": "
                + hits.sum() + " answers"));
    }

    @AfterAll
    static void down() {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void everyOperationOfEveryServiceGetsAThousandMutatedRequests() {
        assertThat(operations).extracting(Operation::name).contains("identity POST /api/v1/recoveries",
                "email-verification POST /api/v1/email-verifications/{recoveryId}/confirm",
                "kyc PUT /api/v1/kyc-profiles/{accountId}", "notification GET /api/v1/notifications");
        for (Operation operation : operations) {
            assertThat(TALLIES.get(operation.name()).sent().sum()).as(operation.name())
                    .isGreaterThanOrEqualTo(PER_OPERATION);
        }
    }

    @Test
    void noMalformedRequestIsAnsweredWithAServerError() {
        assertThat(SERVER_ERRORS.count()).as(SERVER_ERRORS::report).hasValue(0);
    }

    @Test
    void everyRefusalIsAProblemDocumentWithABody() {
        assertThat(NOT_PROBLEMS.count()).as(NOT_PROBLEMS::report).hasValue(0);
    }

    @Test
    void everyRequestIsAnsweredWithinThirtySeconds() {
        assertThat(UNANSWERED.count()).as(UNANSWERED::report).hasValue(0);
    }

    @Test
    void aMethodThePathDoesNotAllowIsRefusedWith405() {
        assertThat(NOT_405.count()).as(NOT_405::report).hasValue(0);
    }

    @Test
    void refusedRequestsChangeNoRow() {
        Map<String, String> changed = new TreeMap<>();
        rowsBefore.forEach((table, before) -> {
            if (!before.equals(rowsAfter.get(table))) {
                changed.put(table, before + " → " + rowsAfter.get(table));
            }
        });
        assertThat(changed).as("tables whose rows changed; state-changing requests accepted: %s",
                ACCEPTED_CHANGES.report()).isEmpty();
        assertThat(rowsAfter.keySet()).as("tables").isEqualTo(rowsBefore.keySet());
    }

    @Test
    void everyServiceIsReadyAfterTheSweep() {
        for (String service : SERVICES.values()) {
            Http.get(suite.url(service) + "/q/health/ready", Map.of()).expect(200, service + " ready");
        }
    }

    private static List<Operation> discoverOperations() {
        List<Operation> found = new ArrayList<>();
        for (var service : new TreeMap<>(SERVICES).entrySet()) {
            String baseUrl = suite.url(service.getValue());
            JsonNode document = Http.get(baseUrl + "/q/openapi?format=json", Map.of()).expect(200, "OpenAPI").json();
            document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                String method = op.getKey().toUpperCase(Locale.ROOT);
                if (METHODS.contains(method)) {
                    found.add(new Operation(service.getKey(), baseUrl, method, path.getKey(), op.getValue(), document));
                }
            }));
        }
        return found;
    }

    private static void send() throws InterruptedException {
        ExecutorService senders = Executors.newFixedThreadPool(IN_FLIGHT);
        ThreadLocal<Map<String, RawHttp>> connections = ThreadLocal.withInitial(LinkedHashMap::new);
        List<RawHttp> all = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger sequence = new AtomicInteger();
        operations.forEach(operation -> TALLIES.put(operation.name(), new Tally(operation.name())));
        // Round robin over the operations, so that the response floors of some overlap the quick refusals of others.
        for (int i = 0; i < PER_OPERATION; i++) {
            for (Operation operation : operations) {
                int index = i;
                senders.execute(() -> exchange(operation, operation.name(), () -> mutated(operation, index),
                        sequence.getAndIncrement(), connections, all, false));
            }
        }
        Map<String, List<String>> declared = new LinkedHashMap<>();
        operations.forEach(operation -> declared.computeIfAbsent(operation.service() + " " + operation.path(),
                path -> new ArrayList<>()).add(operation.method()));
        for (Operation operation : operations) {
            List<String> methods = declared.remove(operation.service() + " " + operation.path());
            if (methods == null) {
                continue; // this path's other operation took care of it
            }
            for (String method : METHODS) {
                if (methods.contains(method)) {
                    continue;
                }
                String name = operation.service() + " " + method + " " + operation.path() + " (not allowed)";
                TALLIES.put(name, new Tally(name));
                for (int i = 0; i < PER_WRONG_METHOD; i++) {
                    Probe request = new Probe("WRONG_METHOD", wrongMethod(operation, method, i));
                    senders.execute(() -> exchange(operation, name, () -> request, sequence.getAndIncrement(),
                            connections, all, true));
                }
            }
        }
        senders.shutdown();
        assertThat(senders.awaitTermination(10, TimeUnit.MINUTES)).as("the sweep ended").isTrue();
        all.forEach(RawHttp::close);
    }

    private static void exchange(Operation operation, String name, Supplier<Probe> probe, int sequence,
                                 ThreadLocal<Map<String, RawHttp>> connections, List<RawHttp> all,
                                 boolean wrongMethod) {
        RawHttp.Request sent;
        String mutation;
        try {
            Probe built = probe.get();
            mutation = built.mutation();
            sent = withClientAddress(built.request(), sequence);
        } catch (RuntimeException e) {
            UNANSWERED.add(name + ": not built", "[" + name + "] the sweep could not build request " + sequence + ": " + e);
            return;
        }
        RawHttp connection = connections.get().computeIfAbsent(operation.baseUrl(), url -> {
            RawHttp opened = new RawHttp(url, Duration.ofSeconds(ANSWER_WITHIN_SECONDS));
            all.add(opened);
            return opened;
        });
        RawHttp.Answer answer;
        try {
            answer = connection.send(sent);
        } catch (IOException | RuntimeException e) {
            TALLIES.get(name).count(0);
            UNANSWERED.add(name + " " + mutation + " → " + e.getClass().getSimpleName(),
                    describe(name, mutation, sent, null) + "\n  no answer: " + e);
            return;
        }
        TALLIES.get(name).count(answer.status());
        judge(operation, name, mutation, sent, answer, wrongMethod);
    }

    private static void judge(Operation operation, String name, String mutation, RawHttp.Request request,
                              RawHttp.Answer answer, boolean wrongMethod) {
        int status = answer.status();
        String kind = name + " " + mutation + " → " + status + " " + (answer.contentType().isEmpty() ? "(no type)"
                : answer.contentType()) + (answer.body().length == 0 ? " (empty)" : "");
        String description = describe(name, mutation, request, answer);
        if (status >= 500) {
            SERVER_ERRORS.add(kind, description);
            return;
        }
        if (wrongMethod && status != 405) {
            NOT_405.add(kind, description);
        }
        if (!wrongMethod && status / 100 == 2 && operation.changesState()) {
            ACCEPTED_CHANGES.add(kind, description);
        }
        if (status / 100 == 4) {
            for (NamedException exception : NamedException.values()) {
                if (exception.covers(request, answer)) {
                    EXCEPTIONS.computeIfAbsent(exception, e -> new LongAdder()).increment();
                    return;
                }
            }
            if (answer.body().length == 0 || !answer.contentType().startsWith("application/problem+json")) {
                NOT_PROBLEMS.add(kind, description);
            }
        }
    }

    // ---- the requests ----

    private static Probe mutated(Operation operation, int index) {
        Random random = new Random(SEED * 1_000_003L + operation.name().hashCode() * 10_007L + index);
        Mutation mutation = Mutation.values()[index % Mutation.values().length];
        Parts parts = wellFormed(operation, random);
        switch (mutation) {
            case GARBAGE_PATH_PARAMETER -> {
                if (operation.parameters("path").isEmpty()) {
                    parts.query = garbageQuery(random);
                } else {
                    String parameter = operation.parameters("path").get(random.nextInt(operation.parameters("path").size()))
                            .path("name").asText();
                    parts.pathValues.put(parameter, pick(random, garbagePathValues(random)));
                }
            }
            case GARBAGE_QUERY -> parts.query = garbageQuery(random);
            case OVERSIZED_HEADER -> {
                int size = pick(random, List.of(4, 12, 19, 21, 64)) * 1024;
                String name = pick(random, List.of("Recovery-Token", "Authorization", "Accept-Language", "Cookie",
                        "X-Sweep"));
                String value = (name.equals("Authorization") ? "Bearer " : "") + letters(random, size);
                parts.headers.removeIf(header -> header.name().equalsIgnoreCase(name));
                parts.headers.add(RawHttp.Header.of(name, value));
            }
            case GARBAGE_HEADER -> garbageHeader(parts, random);
            case WRONG_CONTENT_TYPE -> {
                parts.headers.removeIf(header -> header.name().equals("Content-Type"));
                String type = pick(random, List.of("text/plain", "application/xml", "", "application/x-www-form-urlencoded",
                        "multipart/form-data; boundary=x", "application/json; charset=ebcdic", "}{", "application/json, text/plain"));
                if (!type.isEmpty()) {
                    parts.headers.add(RawHttp.Header.of("Content-Type", type));
                }
                if (parts.body == null) {
                    parts.body = "{\"sweep\":true}".getBytes(StandardCharsets.UTF_8);
                }
                if (type.contains("xml")) {
                    parts.body = "<sweep><a>1</a></sweep>".getBytes(StandardCharsets.UTF_8);
                }
            }
            case EMPTY_BODY -> parts.body = new byte[0];
            case RANDOM_BYTES -> {
                byte[] bytes = new byte[1 + random.nextInt(2_000)];
                random.nextBytes(bytes);
                parts.body = bytes;
            }
            case DEEP_NESTING -> parts.body = deeplyNested(random);
            default -> parts.body = mutatedBody(operation, mutation, random);
        }
        if (mutation.keepsTheBody() && operation.changesState() && operation.mediaType() != null) {
            parts.body = mutatedBody(operation, Mutation.ONE_FIELD_MUTATED, random); // nothing to carry out
        }
        return new Probe(mutation.name(), parts.request(operation));
    }

    private static RawHttp.Request wrongMethod(Operation operation, String method, int index) {
        Random random = new Random(SEED * 7_919L + (operation.service() + method + operation.path()).hashCode() + index);
        Parts parts = wellFormed(operation, random);
        if (index % 3 == 0) {
            parts.body = null;
            parts.headers.removeIf(header -> header.name().equals("Content-Type"));
        } else if (parts.body == null) {
            parts.body = "{\"sweep\":true}".getBytes(StandardCharsets.UTF_8);
            parts.headers.add(RawHttp.Header.of("Content-Type", "application/json"));
        }
        return new RawHttp.Request(method, parts.request(operation).target(), parts.headers, parts.body);
    }

    /** A request as the operation's schema describes it, with a token of a plausible role for about half. */
    private static Parts wellFormed(Operation operation, Random random) {
        Parts parts = new Parts();
        operation.parameters("path").forEach(parameter ->
                parts.pathValues.put(parameter.path("name").asText(), randomUuid(random).toString()));
        List<String> query = new ArrayList<>();
        operation.parameters("query").forEach(parameter -> {
            if (random.nextInt(3) > 0) {
                query.add(parameter.path("name").asText() + "=" + wellFormedQueryValue(parameter.path("name").asText(), random));
            }
        });
        parts.query = query.isEmpty() ? "" : "?" + String.join("&", query);
        for (JsonNode header : operation.parameters("header")) {
            String name = header.path("name").asText();
            parts.headers.add(RawHttp.Header.of(name, name.equalsIgnoreCase("Accept-Language")
                    ? pick(random, List.of("en", "zh-CN", "en-GB,en;q=0.8", "*")) : letters(random, 43)));
        }
        int auth = random.nextInt(20);
        if (auth < 9) {
            List<String> roles = operation.roles().isEmpty() || auth == 0 ? ROLES : operation.roles();
            parts.headers.add(RawHttp.Header.of("Authorization", "Bearer " + token(pick(random, roles),
                    random.nextInt(4))));
        }
        String mediaType = operation.mediaType();
        if (mediaType != null) {
            parts.headers.add(RawHttp.Header.of("Content-Type", mediaType));
            parts.body = isForm(operation) ? ("t=" + letters(random, 43)).getBytes(StandardCharsets.UTF_8)
                    : json(validBody(operation, operation.bodySchema(), random));
        }
        return parts;
    }

    private static final class Parts {
        final Map<String, String> pathValues = new LinkedHashMap<>();
        String query = "";
        final List<RawHttp.Header> headers = new ArrayList<>();
        byte[] body;

        RawHttp.Request request(Operation operation) {
            String path = operation.path();
            for (var value : pathValues.entrySet()) {
                path = path.replace("{" + value.getKey() + "}", value.getValue());
            }
            return new RawHttp.Request(operation.method(), path + query, new ArrayList<>(headers), body);
        }
    }

    /** A token signed with the suite's key: subject 0 and 2 a name, 1 and 3 an account id no account has. */
    private static String token(String role, int subject) {
        return TOKENS.computeIfAbsent(role + " " + subject, key -> suite.token(role, subject % 2 == 0
                ? "sweep-" + role + "-" + subject : new UUID(SEED, subject).toString()));
    }

    private static RawHttp.Request withClientAddress(RawHttp.Request request, int sequence) {
        List<RawHttp.Header> headers = new ArrayList<>(request.headers());
        if (headers.stream().noneMatch(header -> header.name().equalsIgnoreCase("X-Forwarded-For"))) {
            int host = 1 + sequence % 254;
            String address = switch (sequence / 254 % 3) {
                case 0 -> "198.51.100." + host;
                case 1 -> "203.0.113." + host;
                default -> "2001:db8::" + Integer.toHexString(sequence % 0xffff + 1);
            };
            headers.add(RawHttp.Header.of("X-Forwarded-For", address));
        }
        return new RawHttp.Request(request.method(), request.target(), headers, request.body());
    }

    private static String wellFormedQueryValue(String name, Random random) {
        return switch (name) {
            case "status" -> pick(random, List.of("PENDING", "APPROVED", "REJECTED"));
            case "t" -> letters(random, 43);
            default -> randomUuid(random).toString();
        };
    }

    private static List<String> garbagePathValues(Random random) {
        return List.of("not-a-uuid", "%zz", "%", "%C3%28", "%00", "%E2%80%AE", "..%2F..%2Fetc%2Fpasswd", "..",
                "00000000-0000-0000-0000-00000000000g", "a".repeat(5_000), "1" + "0".repeat(40), "%20",
                "6f1c1d2e-0000-4000-8000-000000000000%00", "%F0%9F%98%80", "-1", "null", letters(random, 300),
                "'%20OR%201=1%20--", "%25zz");
    }

    private static String garbageQuery(Random random) {
        return pick(random, List.of("?%zz", "?accountId=%zz", "?status=%", "?recoveryId=not-a-uuid",
                "?accountId=" + "9".repeat(3_000), "?t=%00%E2%80%AE", "?status=%C3%28", "?&&&==&", "?accountId=a&accountId=b",
                "?status=%E2%80%AE" + "PENDING", "?x=" + "%41".repeat(1_500), "?recoveryId=%2e%2e%2f",
                "?" + letters(random, 5_000), "?accountId[]=1", "?status=pending\u0085".replace("\u0085", "%C2%85")));
    }

    private static void garbageHeader(Parts parts, Random random) {
        int kind = random.nextInt(9);
        String name = switch (kind) {
            case 0, 1, 2 -> "Authorization";
            case 3, 4 -> "Recovery-Token";
            case 5 -> "Accept-Language";
            case 6 -> "X-Forwarded-For";
            default -> "Content-Type";
        };
        parts.headers.removeIf(header -> header.name().equalsIgnoreCase(name));
        byte[] value = switch (kind) {
            case 0 -> ("Bearer " + pick(random, List.of("", "a.b.c", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.",
                    "Bearer x", token("admin", 0) + "x", "\u202e" + token("gateway", 1)))).getBytes(StandardCharsets.UTF_8);
            case 1 -> pick(random, List.of("Basic YWRtaW46YWRtaW4=", "bearer", "Negotiate x", "Bearer\t" + token("admin", 0)))
                    .getBytes(StandardCharsets.UTF_8);
            case 2 -> concat("Bearer a".getBytes(StandardCharsets.US_ASCII), controlBytes(random));
            case 3 -> pick(random, List.of("", " ", "\u202e\u200b", "not a token", "%zz", "\u0085" + letters(random, 40)))
                    .getBytes(StandardCharsets.UTF_8);
            case 4 -> concat(letters(random, 20).getBytes(StandardCharsets.US_ASCII), controlBytes(random));
            case 5 -> pick(random, List.of("xx-YY-garbage", "*;q=1e400", "zh-CN;q=abc", "\u202een", ",,,;q=",
                    "en;q=0.5,".repeat(200))).getBytes(StandardCharsets.UTF_8);
            case 6 -> pick(random, List.of("999.1.1.1", "unknown", "2001:db8::g", "198.51.100.1, , ,", "\u202e1.1.1.1",
                    "::ffff:203.0.113.9", "[2001:db8::1]:80", "-")).getBytes(StandardCharsets.UTF_8);
            default -> pick(random, List.of("application/json; charset=utf-7", "application/json;;;", "*/*",
                    "application/problem+json", "application/json\u202e")).getBytes(StandardCharsets.UTF_8);
        };
        parts.headers.add(new RawHttp.Header(name, value));
    }

    private static byte[] controlBytes(Random random) {
        return pick(random, List.of(new byte[]{0}, new byte[]{0x1b, '['}, new byte[]{0x7f}, new byte[]{(byte) 0xc2, (byte) 0x85},
                new byte[]{(byte) 0xff, (byte) 0xfe}, new byte[]{0x07}));
    }

    // ---- bodies ----

    private static boolean isForm(Operation operation) {
        return "application/x-www-form-urlencoded".equals(operation.mediaType());
    }

    /** A body from the schema: every property, with a value of its type and format, within its limits. */
    private static JsonNode validBody(Operation operation, JsonNode schema, Random random) {
        JsonNode resolved = operation.resolve(schema);
        if (resolved.has("enum")) {
            return resolved.path("enum").get(random.nextInt(resolved.path("enum").size()));
        }
        switch (resolved.path("type").asText("object")) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                resolved.path("properties").fields().forEachRemaining(property ->
                        object.set(property.getKey(), validValue(operation, property.getKey(), property.getValue(), random)));
                return object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                int items = Math.max(1, resolved.path("minItems").asInt(1));
                for (int i = 0; i < items; i++) {
                    array.add(validBody(operation, resolved.path("items"), random));
                }
                return array;
            }
            case "boolean" -> {
                return NODES.booleanNode(random.nextBoolean());
            }
            case "integer", "number" -> {
                return NODES.numberNode(1 + random.nextInt(9));
            }
            default -> {
                return NODES.textNode(switch (resolved.path("format").asText()) {
                    case "date" -> "2015-06-0" + (1 + random.nextInt(9));
                    case "uuid" -> randomUuid(random).toString();
                    default -> "sweep " + letters(random, 8);
                });
            }
        }
    }

    private static JsonNode validValue(Operation operation, String name, JsonNode schema, Random random) {
        String lower = name.toLowerCase(Locale.ROOT);
        JsonNode resolved = operation.resolve(schema);
        if (!resolved.path("type").asText().equals("string") || resolved.has("enum") || resolved.has("format")) {
            return validBody(operation, schema, random);
        }
        if (lower.contains("email")) {
            return NODES.textNode("sweep-" + letters(random, 8) + "@example.org");
        }
        if (lower.contains("phone")) {
            return NODES.textNode("+86138" + (10_000_000 + random.nextInt(90_000_000)));
        }
        if (lower.equals("locale")) {
            return NODES.textNode("en");
        }
        if (lower.equals("last4")) {
            return NODES.textNode(Integer.toString(1000 + random.nextInt(9000)));
        }
        if (lower.equals("idnumber")) {
            return NODES.textNode("33010619900101" + (1000 + random.nextInt(9000)));
        }
        return NODES.textNode("sweep-" + letters(random, 10));
    }

    private static byte[] mutatedBody(Operation operation, Mutation mutation, Random random) {
        if (isForm(operation)) {
            return mutatedForm(mutation, random);
        }
        JsonNode body = operation.mediaType() == null ? NODES.objectNode().put("sweep", "x")
                : validBody(operation, operation.bodySchema(), random);
        ObjectNode object = body.isObject() ? (ObjectNode) body : NODES.objectNode();
        if (object.isEmpty()) {
            object.put("sweep", "x");
        }
        List<String> fields = new ArrayList<>();
        object.fieldNames().forEachRemaining(fields::add);
        String field = pick(random, fields);
        return switch (mutation) {
            case INVALID_UTF8 -> {
                object.put(field, RAW);
                yield replaceRaw(json(object), concat(new byte[]{'"', 's'}, concat(pick(random, List.of(
                        new byte[]{(byte) 0xc3, 0x28}, new byte[]{(byte) 0xff}, new byte[]{(byte) 0x80},
                        new byte[]{(byte) 0xc0, (byte) 0xaf}, new byte[]{(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                        new byte[]{(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
                        new byte[]{(byte) 0xe2, (byte) 0x82}, new byte[]{(byte) 0xfe, (byte) 0xff})), new byte[]{'"'})));
            }
            case TRUNCATED_JSON -> {
                byte[] whole = json(object);
                yield java.util.Arrays.copyOf(whole, 1 + random.nextInt(whole.length - 1));
            }
            case DUPLICATE_KEY -> {
                String text = new String(json(object), StandardCharsets.UTF_8);
                yield ("{\"" + field + "\":" + (random.nextBoolean() ? "\"sweep\"" : "null") + "," + text.substring(1))
                        .getBytes(StandardCharsets.UTF_8);
            }
            case WRONG_TYPE -> {
                JsonNode current = object.get(field);
                List<JsonNode> wrong = new ArrayList<>(List.of(NODES.numberNode(12), NODES.booleanNode(true),
                        NODES.arrayNode().add("sweep"), NODES.objectNode().put("sweep", 1), NODES.numberNode(-0.5),
                        NODES.textNode("true"), NODES.textNode("12")));
                wrong.removeIf(node -> node.getNodeType() == current.getNodeType());
                if (current.isObject() || current.isArray()) {
                    wrong.add(NODES.textNode("sweep"));
                }
                object.set(field, pick(random, wrong));
                yield json(object);
            }
            case HUGE_NUMBER -> {
                object.put(field, RAW);
                yield replaceRaw(json(object), pick(random, List.of("1e400", "-1e400", "1180591620717411303424",
                        "1e-400", "123456789012345678901234567890.5", "1E+2147483648", "-0", "9".repeat(2_000)))
                        .getBytes(StandardCharsets.US_ASCII));
            }
            case CONTROL_CHARACTER -> {
                String character = pick(random, List.of("\u0000", "\u202e", "\u0085", "\u200b", "\u001b", "\u0007",
                        "\ufeff", "\u2066", "\u061c", "\u2028", "\u007f"));
                if (random.nextBoolean()) {
                    object.put(field, "sweep" + character + "x"); // Jackson escapes C0, writes the others as UTF-8
                    yield json(object);
                }
                object.put(field, RAW);
                String escaped = pick(random, List.of("\\u0000", "\\u202E", "\\u0085", "\\u200b", "\\ud800",
                        "\\udfff\\ud800", "\\u001f"));
                yield replaceRaw(json(object), ("\"sweep" + escaped + "x\"").getBytes(StandardCharsets.US_ASCII));
            }
            case UNKNOWN_FIELD -> {
                object.set(pick(random, List.of("sweep", "accountId", "role", "__proto__", "status", "identifer", "")),
                        pick(random, List.of(NODES.textNode("x"), NODES.numberNode(1), NODES.nullNode(), NODES.objectNode())));
                yield json(object);
            }
            default -> { // ONE_FIELD_MUTATED: the field gets a value none of its kind may have
                JsonNode current = object.get(field);
                List<JsonNode> values = new ArrayList<>(List.of(NODES.numberNode(Long.MAX_VALUE), NODES.arrayNode(),
                        NODES.objectNode()));
                if (current.isTextual()) {
                    values.addAll(List.of(NODES.textNode("x".repeat(5_000 + random.nextInt(5_000))),
                            NODES.textNode("sweep\u202egnp.exe"), NODES.textNode("sweep\u0000"),
                            NODES.textNode(current.asText() + "\u200b")));
                } else {
                    values.add(NODES.textNode(current.isBoolean() ? "yes" : "sweep"));
                }
                object.set(field, pick(random, values));
                yield json(object);
            }
        };
    }

    private static byte[] mutatedForm(Mutation mutation, Random random) {
        String token = letters(random, 43);
        return switch (mutation) {
            case INVALID_UTF8 -> concat(("t=" + token.substring(0, 10)).getBytes(StandardCharsets.US_ASCII),
                    new byte[]{(byte) 0xc3, 0x28, (byte) 0xff});
            case TRUNCATED_JSON -> ("t=" + token.substring(0, 20) + "%2").getBytes(StandardCharsets.US_ASCII);
            case DUPLICATE_KEY -> ("t=" + token + "&t=" + letters(random, 43)).getBytes(StandardCharsets.US_ASCII);
            case WRONG_TYPE -> ("t[]=" + token + "&t[x]=1").getBytes(StandardCharsets.US_ASCII);
            case HUGE_NUMBER -> ("t=1e400&n=" + "9".repeat(1_000)).getBytes(StandardCharsets.US_ASCII);
            case CONTROL_CHARACTER -> ("t=" + pick(random, List.of("%00", "%E2%80%AE", "%C2%85", "%E2%80%8B"))
                    + token).getBytes(StandardCharsets.US_ASCII);
            case UNKNOWN_FIELD -> ("t=" + token + "&sweep=1").getBytes(StandardCharsets.US_ASCII);
            default -> ("t=" + pick(random, List.of("%zz", "%", "%C3%28", "%ED%A0%80",
                    URLEncoder.encode("x".repeat(3_000), StandardCharsets.UTF_8), "", "=", "&&&")))
                    .getBytes(StandardCharsets.US_ASCII);
        };
    }

    private static byte[] deeplyNested(Random random) {
        int depth = pick(random, List.of(1_100, 3_000, 5_000));
        String body = random.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth)
                : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
        return (random.nextBoolean() ? body : body.substring(0, body.length() / 2)).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] json(JsonNode node) {
        try {
            return Http.JSON.writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The serialized body with the quoted {@link #RAW} marker replaced by raw bytes. */
    private static byte[] replaceRaw(byte[] body, byte[] raw) {
        byte[] marker = Http.JSON.valueToTree(RAW).toString().getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + marker.length <= body.length; i++) {
            if (java.util.Arrays.equals(body, i, i + marker.length, marker, 0, marker.length)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(body, 0, i);
                out.writeBytes(raw);
                out.write(body, i + marker.length, body.length - i - marker.length);
                return out.toByteArray();
            }
        }
        throw new IllegalStateException("no marker in " + new String(body, StandardCharsets.UTF_8));
    }

    // ---- the rows ----

    /** The rows once what the sweep set off over Kafka, if anything, has landed: two snapshots 2 s apart agree. */
    private static Map<String, String> settledRows() {
        AtomicReference<Map<String, String>> previous = new AtomicReference<>(rows());
        return await("two snapshots of the rows 2 s apart that agree").atMost(Duration.ofSeconds(30))
                .pollDelay(Duration.ofSeconds(2)).pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    Map<String, String> current = rows();
                    return current.equals(previous.getAndSet(current)) ? current : null;
                }, java.util.Objects::nonNull);
    }

    /** For every table but {@link #BOOKKEEPING}: its row count and an MD5 of all its rows, in a stable order. */
    private static Map<String, String> rows() {
        Map<String, String> rows = new TreeMap<>();
        for (var database : DATABASES.entrySet()) {
            try (Connection connection = DriverManager.getConnection(suite.url(database.getValue()),
                    suite.url("LIFELINE_DB_USERNAME"), suite.url("LIFELINE_DB_PASSWORD"));
                 Statement statement = connection.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet found = statement.executeQuery("SELECT table_schema || '.' || table_name"
                        + " FROM information_schema.tables WHERE table_type = 'BASE TABLE'"
                        + " AND table_schema NOT IN ('pg_catalog', 'information_schema')")) {
                    while (found.next()) {
                        tables.add(found.getString(1));
                    }
                }
                assertThat(tables).as("tables of %s", database.getKey()).isNotEmpty();
                for (String table : tables) {
                    if (BOOKKEEPING.contains(table.substring(table.indexOf('.') + 1))) {
                        continue;
                    }
                    try (ResultSet digest = statement.executeQuery("SELECT count(*) || ' rows, md5 '"
                            + " || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '-') FROM " + table + " t")) {
                        digest.next();
                        rows.put(database.getKey() + " " + table, digest.getString(1));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(database.getKey(), e);
            }
        }
        return rows;
    }

    // ---- matching and describing ----

    private static int headerBytes(RawHttp.Request request) {
        return request.headers().stream().mapToInt(header -> header.name().length() + 4 + header.value().length).sum();
    }

    private static boolean hasControlByte(byte[] value) {
        for (byte b : value) {
            if ((b >= 0 && b < 0x20 && b != '\t') || b == 0x7f) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasInvalidPercentEncoding(String target) {
        for (int i = target.indexOf('%'); i >= 0; i = target.indexOf('%', i + 1)) {
            if (i + 2 >= target.length() || Character.digit(target.charAt(i + 1), 16) < 0
                    || Character.digit(target.charAt(i + 2), 16) < 0) {
                return true;
            }
        }
        return false;
    }

    private static String describe(String name, String mutation, RawHttp.Request request, RawHttp.Answer answer) {
        StringBuilder text = new StringBuilder("[" + name + ", " + mutation + "] " + request.method() + " "
                + shorten(request.target()));
        for (RawHttp.Header header : request.headers()) {
            text.append("\n  ").append(header.name()).append(": ").append(printable(header.value()));
        }
        text.append("\n  body: ").append(request.body() == null ? "(none)" : printable(request.body()));
        if (answer != null) {
            text.append("\n  => ").append(answer.status()).append(" ").append(answer.contentType()).append(" ")
                    .append(printable(answer.body()));
        }
        return text.toString();
    }

    /** Bytes as text, non-ASCII and control bytes as \xNN, at most 300 of them. */
    private static String printable(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, 300); i++) {
            int b = bytes[i] & 0xff;
            text.append(b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02x", b));
        }
        return bytes.length > 300 ? text + "… (" + bytes.length + " bytes)" : text.toString();
    }

    private static String shorten(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "… (" + text.length() + " characters)" : text;
    }

    private static UUID randomUuid(Random random) {
        return new UUID((random.nextLong() & ~0xf000L) | 0x4000L, (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L);
    }

    private static String letters(Random random, int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private static <T> T pick(Random random, List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
