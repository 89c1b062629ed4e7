package dev.lifeline.identity.recovery;

import dev.lifeline.events.Evidence;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class EvidenceSetConverterTest {

    private final EvidenceSetConverter converter = new EvidenceSetConverter();

    @Test
    void evidenceIsStoredAsCommaSeparatedNamesInEnumOrder() {
        assertThat(converter.convertToDatabaseColumn(EnumSet.of(Evidence.IDENTITY, Evidence.EMAIL)))
                .isEqualTo("EMAIL,IDENTITY");
    }

    @Test
    void noEvidenceIsStoredAsAnEmptyString() {
        assertThat(converter.convertToDatabaseColumn(Set.of())).isEmpty();
    }

    @Test
    void storedEvidenceReadsBackAsTheSameSet() {
        assertThat(converter.convertToEntityAttribute("EMAIL,IDENTITY"))
                .containsExactlyInAnyOrder(Evidence.EMAIL, Evidence.IDENTITY);
    }

    @Test
    void anEmptyStringReadsBackAsNoEvidence() {
        assertThat(converter.convertToEntityAttribute("")).isEmpty();
    }
}
