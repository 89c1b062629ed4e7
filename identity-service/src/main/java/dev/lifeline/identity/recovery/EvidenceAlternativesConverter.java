package dev.lifeline.identity.recovery;

import dev.lifeline.events.Evidence;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Stores a policy's alternatives as one text column, each set as {@link EvidenceSetConverter} writes it and the sets
 * separated by {@code ;}, e.g. {@code EMAIL,RECOVERY_CODE}; none as an empty string.
 */
@Converter
public class EvidenceAlternativesConverter implements AttributeConverter<List<Set<Evidence>>, String> {

    private static final EvidenceSetConverter SET = new EvidenceSetConverter();

    @Override
    public String convertToDatabaseColumn(List<Set<Evidence>> alternatives) {
        if (alternatives == null) {
            return null;
        }
        return alternatives.stream().map(SET::convertToDatabaseColumn).collect(Collectors.joining(";"));
    }

    @Override
    public List<Set<Evidence>> convertToEntityAttribute(String column) {
        if (column == null) {
            return null;
        }
        if (column.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(column.split(";")).map(SET::convertToEntityAttribute).toList();
    }
}
