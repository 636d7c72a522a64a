package org.zhengce.intake.reading;

import tools.jackson.core.StreamReadConstraints;

/**
 * What the readers refuse before building anything: JSON nested too deep, numbers and strings too long, documents too
 * large (Jackson's {@link StreamReadConstraints}), and CSV cells too long. Each breach is a violation of its own rule
 * ({@code json.nesting}, {@code json.number-length}, {@code json.string-length}, {@code size.event},
 * {@code size.cell}).
 *
 * @param maxNestingDepth objects and arrays inside each other (an event needs 5)
 * @param maxNumberLength characters of one JSON number (an Avro long has at most 20)
 * @param maxStringLength characters of one JSON string or field name
 * @param maxDocumentLength characters of one JSON document (an event or an NDJSON line)
 * @param maxCellLength characters of one CSV cell
 */
public record ReadingLimits(
        int maxNestingDepth, int maxNumberLength, int maxStringLength, long maxDocumentLength, int maxCellLength) {

    /** The defaults of {@code intake.limits.*}. */
    public static final ReadingLimits DEFAULTS = new ReadingLimits(64, 100, 1_048_576, 1_048_576, 65_536);

    public ReadingLimits {
        if (maxNestingDepth < 1
                || maxNumberLength < 1
                || maxStringLength < 1
                || maxDocumentLength < 1
                || maxCellLength < 1) {
            throw new IllegalArgumentException("every reading limit must be at least 1");
        }
    }

    StreamReadConstraints constraints() {
        return StreamReadConstraints.builder()
                .maxNestingDepth(maxNestingDepth)
                .maxNumberLength(maxNumberLength)
                .maxStringLength(maxStringLength)
                .maxNameLength(maxStringLength)
                .maxDocumentLength(maxDocumentLength)
                .build();
    }
}
