package dev.lifeline.identity.recoverycode;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class RecoveryCodeFormatTest {

    @Test
    void aCodeIsSixGroupsOfFourCharactersOfCrockfordsBase32() {
        IntStream.range(0, 1_000).mapToObj(i -> RecoveryCodeFormat.generate()).forEach(code ->
                assertThat(code).matches("([0-9A-HJKMNP-TV-Z]{4}-){5}[0-9A-HJKMNP-TV-Z]{4}"));
    }

    @Test
    void aCodeCarriesAtLeast112BitsOfEntropy() {
        double bits = RecoveryCodeFormat.LENGTH * (Math.log(RecoveryCodeFormat.ALPHABET.length()) / Math.log(2));

        assertThat(RecoveryCodeFormat.ALPHABET).hasSize(32).doesNotContain("I", "L", "O", "U");
        assertThat(bits).isGreaterThanOrEqualTo(112);
    }

    @Test
    void codesDoNotRepeatAndUseTheWholeAlphabet() {
        Set<String> codes = new HashSet<>();
        Set<Character> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String code = RecoveryCodeFormat.generate();
            codes.add(code);
            code.chars().filter(c -> c != '-').forEach(c -> seen.add((char) c));
        }

        assertThat(codes).hasSize(10_000);
        assertThat(seen).hasSize(32);
    }

    @Test
    void typingIgnoresCaseSpacesAndHyphensAndReadsLookAlikes() {
        assertThat(RecoveryCodeFormat.normalise("7k3m 9qxd-2hva r8tn-4fpw jc6e")).contains("7K3M9QXD2HVAR8TN4FPWJC6E");
        assertThat(RecoveryCodeFormat.normalise("OOOO-IIII-LLLL-0000-1111-2222")).contains("000011111111000011112222");
    }

    @Test
    void whatCannotBeACodeIsRefused() {
        assertThat(RecoveryCodeFormat.normalise(null)).isEmpty();
        assertThat(RecoveryCodeFormat.normalise("")).isEmpty();
        assertThat(RecoveryCodeFormat.normalise("7K3M-9QXD-2HVA-R8TN-4FPW-JC6")).isEmpty(); // 23
        assertThat(RecoveryCodeFormat.normalise("7K3M-9QXD-2HVA-R8TN-4FPW-JC6EE")).isEmpty(); // 25
        assertThat(RecoveryCodeFormat.normalise("7K3M-9QXD-2HVA-R8TN-4FPW-JC6U")).isEmpty(); // U
        assertThat(RecoveryCodeFormat.normalise("7K3M_9QXD_2HVA_R8TN_4FPW_JC6E")).isEmpty();
    }
}
