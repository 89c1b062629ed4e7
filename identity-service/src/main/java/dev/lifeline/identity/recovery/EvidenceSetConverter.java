package dev.lifeline.identity.recovery;

import dev.lifeline.events.Evidence;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Stores a set of evidence as one text column, e.g. {@code EMAIL,IDENTITY}; the empty set as an empty string. */
@Converter
public class EvidenceSetConverter implements AttributeConverter<Set<Evidence>, String> {

    @Override
    public String convertToDatabaseColumn(Set<Evidence> evidence) {
        if (evidence == null) {
            return null;
        }
        return evidence.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
    }

    @Override
    public Set<Evidence> convertToEntityAttribute(String column) {
        if (column == null) {
            return null;
        }
        if (column.isEmpty()) {
            return Collections.emptySet();
        }
        return Collections.unmodifiableSet(Arrays.stream(column.split(","))
                .map(Evidence::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Evidence.class))));
    }
}
