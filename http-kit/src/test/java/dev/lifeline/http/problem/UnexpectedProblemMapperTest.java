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
    void otherDatabaseFailuresAreNotTheCallersFault() {
        RuntimeException outage = new RuntimeException(new SQLException("connection refused", "08001"));

        assertThat(UnexpectedProblemMapper.respond(outage, "/x").getStatus()).isEqualTo(500);
    }
}
