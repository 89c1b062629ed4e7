package dev.lifeline.testing;

import static dev.lifeline.testing.TestInfrastructureChoice.Provider.LOCAL_PROCESSES;
import static dev.lifeline.testing.TestInfrastructureChoice.Provider.TESTCONTAINERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

class TestInfrastructureChoiceTest {

    private static final BooleanSupplier YES = () -> true;
    private static final BooleanSupplier NO = () -> false;
    private static final BooleanSupplier NOT_TO_BE_ASKED = () -> {
        throw new AssertionError("this probe should not have been asked");
    };

    @Test
    void localIsChosenWithoutProbingAnything() {
        assertThat(new TestInfrastructureChoice(NOT_TO_BE_ASKED, NOT_TO_BE_ASKED).choose("local"))
                .isEqualTo(LOCAL_PROCESSES);
    }

    @Test
    void testcontainersIsChosenWhenADockerEngineAnswers() {
        assertThat(new TestInfrastructureChoice(YES, NOT_TO_BE_ASKED).choose("testcontainers")).isEqualTo(TESTCONTAINERS);
    }

    @Test
    void testcontainersWithoutADockerEngineFailsInsteadOfFallingBack() {
        assertThatThrownBy(() -> new TestInfrastructureChoice(NO, YES).choose("testcontainers"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("LIFELINE_TEST_INFRA=testcontainers but no Docker engine answers (")
                .hasMessageEndingWith("); unset it or use local");
    }

    @Test
    void autoChoosesTestcontainersWhereDockerAnswersAndNoSystemPostgresIsInstalled() {
        assertThat(new TestInfrastructureChoice(YES, NO).choose("auto")).isEqualTo(TESTCONTAINERS);
    }

    @Test
    void autoKeepsLocalProcessesWhereASystemPostgresIsInstalled() {
        assertThat(new TestInfrastructureChoice(NOT_TO_BE_ASKED, YES).choose("auto")).isEqualTo(LOCAL_PROCESSES);
    }

    @Test
    void autoKeepsLocalProcessesWhereNoDockerEngineAnswers() {
        assertThat(new TestInfrastructureChoice(NO, NO).choose("auto")).isEqualTo(LOCAL_PROCESSES);
    }

    @Test
    void unsetOrBlankMeansAuto() {
        assertThat(new TestInfrastructureChoice(YES, NO).choose(null)).isEqualTo(TESTCONTAINERS);
        assertThat(new TestInfrastructureChoice(YES, NO).choose(" ")).isEqualTo(TESTCONTAINERS);
        assertThat(new TestInfrastructureChoice(YES, YES).choose(null)).isEqualTo(LOCAL_PROCESSES);
    }

    @Test
    void valuesIgnoreCaseAndSurroundingSpace() {
        assertThat(new TestInfrastructureChoice(YES, YES).choose(" TestContainers ")).isEqualTo(TESTCONTAINERS);
        assertThat(new TestInfrastructureChoice(YES, NO).choose("LOCAL")).isEqualTo(LOCAL_PROCESSES);
    }

    @Test
    void unknownValueNamesTheValidOnes() {
        assertThatThrownBy(() -> new TestInfrastructureChoice(YES, YES).choose("docker"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LIFELINE_TEST_INFRA=docker is not one of local, testcontainers, auto");
    }
}
