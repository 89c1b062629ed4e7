package dev.lifeline.http.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenHashesTest {

    @Test
    void aTokenHashesToItsLowerCaseHexSha256() {
        assertThat(TokenHashes.sha256("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void aMissingTokenHashesLikeAnEmptyOne() {
        assertThat(TokenHashes.sha256(null)).isEqualTo(TokenHashes.sha256(""));
    }

    @Test
    void equalHashesAreTheSameAndAMissingOneMatchesNothing() {
        String hash = TokenHashes.sha256("token");
        assertThat(TokenHashes.same(hash, TokenHashes.sha256("token"))).isTrue();
        assertThat(TokenHashes.same(hash, TokenHashes.sha256("other"))).isFalse();
        assertThat(TokenHashes.same(hash, hash.substring(1))).isFalse();
        assertThat(TokenHashes.same(hash, null)).isFalse();
        assertThat(TokenHashes.same(null, hash)).isFalse();
    }
}
