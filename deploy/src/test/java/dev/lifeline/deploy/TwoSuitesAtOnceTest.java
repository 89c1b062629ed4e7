package dev.lifeline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

import org.junit.jupiter.api.RepeatedTest;

/**
 * What the README promises: two suites starting at once on one machine never collide. Two {@code up --ephemeral} of
 * stand-in suites start together — each a broker, a database, GreenMail and four service processes, binding while the
 * other suite picks its ports — twice over, since a collision is a matter of timing. Not more: each round costs two
 * suite starts on CI's two cores (about 11 s).
 */
class TwoSuitesAtOnceTest {

    private static final Pattern PORT = Pattern.compile("127\\.0\\.0\\.1:(\\d+)");

    @RepeatedTest(2)
    void twoSuitesStartingAtOnceBothComeUpOnPortsOfTheirOwn() throws Exception {
        ExecutorService atOnce = Executors.newFixedThreadPool(2);
        try (StandInSuite first = new StandInSuite(); StandInSuite second = new StandInSuite()) {
            Future<Integer> firstUp = atOnce.submit(() -> first.run("up", "--ephemeral"));
            Future<Integer> secondUp = atOnce.submit(() -> second.run("up", "--ephemeral"));

            int firstExit = firstUp.get();
            int secondExit = secondUp.get(); // both finished before either is taken down

            assertThat(firstExit).as(first.output()).isZero();
            assertThat(secondExit).as(second.output()).isZero();
            assertThat(first.run("status")).as(first.output()).isZero();
            assertThat(second.run("status")).as(second.output()).isZero();
            assertThat(ports(first)).doesNotContainAnyElementsOf(ports(second));
        } finally {
            atOnce.shutdownNow();
        }
    }

    /** Every port the suite's components listen on, the broker's controller and the mail API included. */
    private static List<Integer> ports(StandInSuite suite) {
        return suite.state().components().stream()
                .flatMap(component -> PORT.matcher(component.address() + " " + component.detail()).results())
                .map(port -> Integer.parseInt(port.group(1))).toList();
    }
}
