package dev.lifeline.http.problem;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class UnexpectedProblemMapperTest {

    @Test
    void aDataExceptionAnywhereInTheChainIsTheCallersFault() {
        RuntimeException wrapped = new RuntimeException(new IllegalStateException(
                new SQLException("invalid byte sequence for encoding UTF8: 0x00", "22021")));

        assertThat(UnexpectedProblemMapper.respond(wrapped, "/x").getStatus()).isEqualTo(400);
    }

    @Test
    void theFormParserFailingOnTheBodyIsTheCallersFault() {
        IllegalArgumentException badEscape = new IllegalArgumentException("Failed to decode URL %zz to UTF-8");
        badEscape.setStackTrace(new StackTraceElement[]{new StackTraceElement(
                "org.jboss.resteasy.reactive.server.core.multipart.FormEncodedDataDefinition$FormEncodedDataParser",
                "doParse", "FormEncodedDataDefinition.java", 1)});

        assertThat(UnexpectedProblemMapper.respond(badEscape, "/verify").getStatus()).isEqualTo(400);
        assertThat(UnexpectedProblemMapper.respond(new IllegalArgumentException("a defect"), "/x").getStatus())
                .isEqualTo(500);
    }

    @Test
    void otherDatabaseFailuresAreNotTheCallersFault() {
        RuntimeException outage = new RuntimeException(new SQLException("connection refused", "08001"));

        assertThat(UnexpectedProblemMapper.respond(outage, "/x").getStatus()).isEqualTo(500);
    }
}
