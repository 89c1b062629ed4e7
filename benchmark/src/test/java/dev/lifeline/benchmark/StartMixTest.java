package dev.lifeline.benchmark;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class StartMixTest {

    @Test
    void halfTheStartsNameKnownAccountsEachNoMoreOftenThanTheParticipantsPace() {
        long starts = 10_001;
        Map<String, Integer> uses = new HashMap<>();
        long known = LongStream.range(0, starts).filter(StartMix::known).peek(n ->
                uses.merge(StartMix.identifier(n), 1, Integer::sum)).count();

        assertThat(known).isEqualTo(5_001);
        assertThat(uses.values()).allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(StartMix.STARTS_PER_ACCOUNT));
        assertThat(uses.keySet()).allSatisfy(identifier -> assertThat(identifier).startsWith("bench-"));
        long highestIndex = LongStream.range(0, starts).filter(StartMix::known).map(StartMix::accountIndex).max().orElseThrow();
        assertThat(highestIndex).isLessThan(StartMix.accountsFor(starts));
    }

    @Test
    void unknownStartsNameIdentifiersNoAccountHas() {
        Set<String> unknown = new HashSet<>();
        LongStream.range(0, 1000).filter(n -> !StartMix.known(n)).forEach(n -> unknown.add(StartMix.identifier(n)));

        assertThat(unknown).hasSize(500).allSatisfy(identifier -> assertThat(identifier).startsWith("nobody-"));
    }

    @Test
    void everyStartComesFromItsOwnAddress() {
        Set<String> addresses = new HashSet<>();
        LongStream.range(0, 200_000).forEach(n -> addresses.add(StartMix.clientAddress(n)));

        assertThat(addresses).hasSize(200_000);
        assertThat(StartMix.clientAddress(0)).isEqualTo("10.0.0.0");
        assertThat(StartMix.clientAddress(70_000)).isEqualTo("10.1.17.112");
        assertThat(addresses).allSatisfy(address -> assertThat(address).matches("10(\\.(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){3}"));
    }
}
