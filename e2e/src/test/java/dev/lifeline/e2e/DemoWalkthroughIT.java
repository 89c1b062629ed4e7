package dev.lifeline.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's "Walkthrough: a recovery by hand" works verbatim: its bash block, run with {@code bash -euo pipefail}
 * at the repository root against the shared suite (the launcher's LIFELINE_RUN_DIR), recovers the fresh account
 * {@code deploy/lifeline demo} makes, and {@code demo} prints the same steps.
 */
@ExtendWith(SharedSuite.class)
@ResourceLock(SharedSuite.LOCK)
class DemoWalkthroughIT {

    private static final String HEADING = "## Walkthrough: a recovery by hand";
    /** How demo names the account on stderr. */
    private static final Pattern DEMO_ACCOUNT = Pattern.compile("Demo account (demo-[0-9a-f]+) \\(account id ([0-9a-f-]{36})\\)");

    private static Suite suite;

    @BeforeAll
    static void takeTheSharedSuite(Suite shared) {
        suite = shared;
    }

    @Test
    void theReadmeWalkthroughRecoversTheDemoAccountAndTheNewPasswordLogsIn() {
        Launcher.Result walkthrough = suite.launcher().bash(Duration.ofMinutes(3), readmeWalkthrough());

        assertThat(walkthrough.exitCode()).as("the README's walkthrough:\n%s", walkthrough.output()).isZero();
        Matcher account = DEMO_ACCOUNT.matcher(walkthrough.output());
        assertThat(account.find()).as("demo names the account:\n%s", walkthrough.output()).isTrue();
        String[] lines = walkthrough.output().strip().split("\n");
        assertThat(lines[lines.length - 1]).as("the last line: the login check's answer")
                .isEqualTo("{\"accountId\":\"" + account.group(2) + "\"}");
    }

    @Test
    void demoPrintsTheStepsTheReadmeShows() {
        Launcher.Result demo = suite.launcher().run(Duration.ofSeconds(60), "demo");

        assertThat(demo.exitCode()).as(demo.output()).isZero();
        String steps = readmeWalkthrough().lines().filter(line -> !line.startsWith("eval "))
                .map(line -> line + "\n").reduce("", String::concat);
        assertThat(steps).contains("curl");
        assertThat(demo.output()).contains(steps);
    }

    @Test
    void everyDemoIsAFreshAccount() {
        Launcher.Result first = suite.launcher().run(Duration.ofSeconds(60), "demo");
        Launcher.Result second = suite.launcher().run(Duration.ofSeconds(60), "demo");

        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(username(first)).isNotEqualTo(username(second));
        assertThat(first.output()).contains("export DEMO_EMAIL='" + username(first) + "@example.com'");
    }

    /** The bash block under the README's walkthrough heading, as written. */
    private static String readmeWalkthrough() {
        String readme;
        try {
            readme = Files.readString(Path.of(System.getProperty("lifeline.repo"), "README.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int heading = readme.indexOf("\n" + HEADING + "\n");
        assertThat(heading).as("README.md has the heading %s", HEADING).isNotNegative();
        String section = readme.substring(heading + HEADING.length() + 2);
        int nextSection = section.indexOf("\n## ");
        section = nextSection < 0 ? section : section.substring(0, nextSection);
        Matcher block = Pattern.compile("^```bash\n(.*?)^```$", Pattern.DOTALL | Pattern.MULTILINE).matcher(section);
        assertThat(block.find()).as("a bash block under %s", HEADING).isTrue();
        return block.group(1);
    }

    private static String username(Launcher.Result demo) {
        Matcher account = DEMO_ACCOUNT.matcher(demo.output());
        assertThat(account.find()).as("demo names the account:\n%s", demo.output()).isTrue();
        return account.group(1);
    }
}
