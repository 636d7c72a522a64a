package org.zhengce.intake.reading;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.jspecify.annotations.Nullable;
import org.zhengce.intake.validation.ValidationRule;
import org.zhengce.intake.validation.Violation;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.csv.CsvFactory;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvParser;
import tools.jackson.dataformat.csv.CsvReadFeature;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * Nightly CSV files: one event type per file, a header row, then one event per row, read as a stream.
 *
 * <p>Columns: the envelope's {@code eventId}, {@code department} (optional), {@code occurredAt}, {@code reportedAt},
 * the subject as {@code householdNumber} or {@code identityNumber} (exactly one non-empty per row) and
 * {@code communityCode}; every other column is a path into the fact, without prefix: {@code totalFen},
 * {@code lengthOfStayDays}, {@code members[0].identity.identityNumber}, {@code members[0].relationToHead},
 * {@code needs[1]} (indices 0 to 99; {@code fact.} before a path is allowed too, and needed for a fact field named like
 * an envelope column). For the household facts, whose record has a {@code communityCode} of
 * its own, the {@code communityCode} column fills both unless a {@code fact.communityCode} column is there. An empty
 * (or blank) cell is absent; a row whose every cell is empty is skipped but counted. Each row becomes the
 * {@link EventJson JSON form} with {@code type} the file's event type and is read by {@link EventJson#readText}, so its
 * violations have the same paths ({@code fact.totalFen}).
 */
public final class CsvEvents {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final byte[] NO_SOURCE = new byte[0];
    private static final Set<String> ENVELOPE_COLUMNS =
            Set.of("eventId", "department", "occurredAt", "reportedAt", "communityCode");
    private static final String FACT_PREFIX = "fact.";
    private static final String COMMUNITY_CODE = "communityCode";
    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)((?:\\[[0-9]{1,2}\\])*)");
    private static final Pattern INDEX = Pattern.compile("\\[([0-9]+)\\]");
    private static final int DECODE_CHUNK = 64 * 1024;

    private CsvEvents() {}

    /**
     * One row of a CSV file, read.
     *
     * @param rowNumber the data row, from 1 (the header is not a row; 0 stands for the header itself when it is
     *     broken)
     * @param event the row read as an event, or its {@code MALFORMED_CSV} or {@code ENCODING} violation
     * @param source the row in the JSON form, every value text, as UTF-8 JSON: what {@link EventJson#readText} read,
     *     to keep and read again (it holds identity numbers in clear); empty for a row that could not be read. Not
     *     copied: do not change it
     */
    public record CsvRow(long rowNumber, ReadEvent event, byte[] source) {

        /** A row without its source (a broken header, a broken row). */
        CsvRow(long rowNumber, ReadEvent event) {
            this(rowNumber, event, NO_SOURCE);
        }

        @Override
        public boolean equals(@Nullable Object other) {
            return other instanceof CsvRow that
                    && rowNumber == that.rowNumber
                    && event.equals(that.event)
                    && Arrays.equals(source, that.source);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(rowNumber) * 31 + event.hashCode() + Arrays.hashCode(source);
        }

        /** The number and the event as {@link ReadEvent} prints it; never the source. */
        @Override
        public String toString() {
            return "CsvRow[rowNumber=" + rowNumber + ", event=" + event + ", " + source.length + " bytes]";
        }
    }

    /**
     * Decodes the whole file strictly, streaming, and says where it is not valid in {@code charset}, e.g. "not valid
     * UTF-8 at byte 1234 (send charset=GB18030 in Content-Type if the file is GB18030)", the byte counted from 0. A
     * UTF-8 byte order mark is allowed.
     *
     * @throws UncheckedIOException if the file cannot be read
     */
    public static Optional<String> encodingError(Path file, Charset charset) {
        CharsetDecoder decoder = strictDecoder(charset);
        ByteBuffer in = ByteBuffer.allocate(DECODE_CHUNK);
        CharBuffer out = CharBuffer.allocate(DECODE_CHUNK);
        long decodedBefore = 0;
        try (ReadableByteChannel channel = Files.newByteChannel(file)) {
            boolean end = false;
            while (!end) {
                end = channel.read(in) < 0;
                in.flip();
                CoderResult result;
                do {
                    result = decoder.decode(in, out, end);
                    if (result.isError()) {
                        return Optional.of(notValid(charset, decodedBefore + in.position()));
                    }
                    out.clear();
                } while (result.isOverflow());
                decodedBefore += in.position();
                in.compact();
            }
            while (decoder.flush(out).isOverflow()) {
                out.clear();
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * The rows of a CSV file of events of type {@code eventType}, streamed (one row in memory at a time). Close it.
     *
     * @param charset the file's encoding, decoded strictly: a byte not valid in it ends the rows with an
     *     {@code ENCODING} row naming the byte
     * @param eventType the fact type of every row ({@link EventTypes#names()}); unknown, every row has an
     *     {@code EVENT_TYPE_UNKNOWN} violation
     * @throws UncheckedIOException if the file cannot be opened
     */
    public static Rows rows(Path file, Charset charset, String eventType, EventJson json) {
        return rows(file, charset, eventType, json, Long.MAX_VALUE);
    }

    /**
     * {@link #rows(Path, Charset, String, EventJson)} with a limit on each row: a row longer than
     * {@code maxRowLength} characters (its line ends included) is a row with one {@code ROW_TOO_LONG} violation and no
     * source; a row with a cell longer than the {@link ReadingLimits#maxCellLength() cell limit} of {@code json} is a
     * row with one {@code CELL_TOO_LONG} violation, found while Jackson reads the cell (it never holds more of it). Both
     * are rejected alone: the rows after them still come.
     */
    public static Rows rows(Path file, Charset charset, String eventType, EventJson json, long maxRowLength) {
        return new Rows(file, charset, eventType, json, maxRowLength);
    }

    /**
     * The rows of one file, read lazily. A malformed row (more cells than the header has columns, a stray quote after a
     * quoted cell) is a row with one {@code MALFORMED_CSV} violation, and the rows after it still come. Jackson reads a
     * quoted cell up to the next quote, across line ends, so an unbalanced quote swallows the rest of the file: then
     * Jackson cannot resume, and the iteration ends with that row's {@code MALFORMED_CSV} naming the line where the
     * row starts and where the file ended. A broken header (none, a column twice) is one row numbered 0 and nothing
     * else.
     */
    public static final class Rows implements Iterator<CsvRow>, AutoCloseable {

        private final Path file;
        private final Charset charset;
        private final String eventType;
        private final EventJson json;
        private final long maxRowLength;
        private final int maxCellLength;
        private final CsvMapper csv;
        private final @Nullable Schema factSchema;
        private final Reader reader;
        private @Nullable MappingIterator<Map<String, String>> cells;
        private @Nullable CsvRow next;
        private boolean finished;
        private boolean headerChecked;
        private long rowNumber;
        private long lastErrorOffset = -1;

        private Rows(Path file, Charset charset, String eventType, EventJson json, long maxRowLength) {
            this.file = file;
            this.charset = charset;
            this.eventType = eventType;
            this.json = json;
            this.maxRowLength = maxRowLength;
            this.maxCellLength = json.limits().maxCellLength();
            // a cell past the limit fails in Jackson's text buffer, before it is held whole
            this.csv = CsvMapper.builder(CsvFactory.builder()
                            .streamReadConstraints(StreamReadConstraints.builder()
                                    .maxStringLength(maxCellLength)
                                    .maxNameLength(maxCellLength)
                                    .build())
                            .build())
                    .enable(CsvReadFeature.TRIM_HEADER_SPACES)
                    .build();
            this.factSchema = EventTypes.schemaOf(eventType).orElse(null);
            try {
                this.reader =
                        new BufferedReader(new InputStreamReader(Files.newInputStream(file), strictDecoder(charset)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open " + file, e);
            }
        }

        @Override
        public boolean hasNext() {
            if (next == null && !finished) {
                next = fetch();
            }
            return next != null;
        }

        @Override
        public CsvRow next() {
            if (!hasNext()) {
                throw new NoSuchElementException("no more rows in " + file.getFileName());
            }
            CsvRow row = next;
            next = null;
            return row;
        }

        /** Closes the file. */
        @Override
        public void close() {
            finished = true;
            try (Reader closing = reader) {
                if (cells != null) {
                    cells.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close " + file, e);
            }
        }

        private @Nullable CsvRow fetch() {
            while (true) {
                long startLine = -1;
                try {
                    MappingIterator<Map<String, String>> iterator = iterator();
                    boolean more = iterator.hasNextValue();
                    CsvRow header = headerProblem(iterator);
                    if (header != null || !more) {
                        finished = true;
                        return header;
                    }
                    // after hasNextValue the parser stands at the start of the row
                    startLine = iterator.parser().currentLocation().getLineNr();
                    long startOffset = iterator.parser().currentLocation().getCharOffset();
                    Map<String, String> row = iterator.nextValue();
                    rowNumber++;
                    long length = iterator.parser().currentLocation().getCharOffset() - startOffset;
                    if (startOffset >= 0 && length > maxRowLength) {
                        return new CsvRow(
                                rowNumber,
                                unreadable(
                                        ValidationRule.ROW_TOO_LONG,
                                        "row starting at line " + startLine + " is longer than " + maxRowLength
                                                + " characters"));
                    }
                    if (!row.values().stream().allMatch(String::isBlank)) {
                        return row(row, startLine);
                    }
                } catch (JacksonIOException e) {
                    finished = true;
                    if (e.getCause() instanceof CharacterCodingException) {
                        // the reader decodes ahead, so the row number is where reading stopped, not always the row
                        // of the byte; encodingError before reading gives the byte without reading any row
                        return new CsvRow(rowNumber + 1, unreadable(ValidationRule.ENCODING, encodingMessage()));
                    }
                    throw new UncheckedIOException(
                            "cannot read " + file, e.getCause() != null ? e.getCause() : new IOException(e));
                } catch (JacksonException e) {
                    return malformed(e, startLine);
                }
            }
        }

        private MappingIterator<Map<String, String>> iterator() {
            if (cells == null) {
                try {
                    skipByteOrderMark();
                } catch (CharacterCodingException e) {
                    throw JacksonIOException.construct(e);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + file, e);
                }
                cells = csv.readerFor(Map.class)
                        .with(CsvSchema.emptySchema().withHeader())
                        .readValues(reader);
            }
            return cells;
        }

        private void skipByteOrderMark() throws IOException {
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
        }

        /** A row numbered 0 when the header names a column twice (Jackson would keep the last cell silently). */
        private @Nullable CsvRow headerProblem(MappingIterator<Map<String, String>> iterator) {
            if (headerChecked) {
                return null;
            }
            headerChecked = true;
            CsvSchema header = ((CsvParser) iterator.parser()).getSchema();
            Set<String> seen = new HashSet<>();
            for (CsvSchema.Column column : header) {
                if (!seen.add(column.getName())) {
                    finished = true;
                    return new CsvRow(
                            0,
                            unreadable(
                                    ValidationRule.MALFORMED_CSV,
                                    "the header names column '" + column.getName() + "' twice"));
                }
            }
            return null;
        }

        /**
         * The row of a Jackson error. Jackson's iterator skips to the end of the broken row and goes on; when it cannot
         * (the same error again, or no location to compare), the iteration ends here.
         */
        private CsvRow malformed(JacksonException error, long startLine) {
            if (!headerChecked) {
                // no header could be read: an empty file, or a broken first line
                finished = true;
                return new CsvRow(
                        0, unreadable(ValidationRule.MALFORMED_CSV, "header: " + EventJson.parseError(error)));
            }
            rowNumber++;
            TokenStreamLocation location = error.getLocation();
            if (location == null && cells != null) {
                // a breach of the read constraints carries no location: where the parser stands is where it stopped
                location = cells.parser().currentLocation();
            }
            long offset = location == null ? -1 : location.getCharOffset();
            if (offset < 0 || offset <= lastErrorOffset) {
                finished = true;
            }
            lastErrorOffset = offset;
            String where = startLine > 0 ? "row starting at line " + startLine + ": " : "";
            if (error instanceof StreamConstraintsException) {
                return new CsvRow(
                        rowNumber,
                        unreadable(
                                ValidationRule.CELL_TOO_LONG,
                                where + "a cell is longer than " + maxCellLength + " characters"));
            }
            return new CsvRow(rowNumber, unreadable(ValidationRule.MALFORMED_CSV, where + EventJson.parseError(error)));
        }

        private CsvRow row(Map<String, String> row, long line) {
            List<Violation> conflicts = new ArrayList<>();
            ObjectNode event = NODES.objectNode();
            event.put("type", eventType);
            ObjectNode subject = NODES.objectNode();
            ObjectNode fact = NODES.objectNode();
            boolean factCommunityColumn = row.containsKey(FACT_PREFIX + COMMUNITY_CODE);
            row.forEach((column, cell) -> {
                if (cell.isBlank()) {
                    return;
                }
                if (ENVELOPE_COLUMNS.contains(column)) {
                    event.put(column, cell);
                    if (column.equals(COMMUNITY_CODE)
                            && !factCommunityColumn
                            && factSchema != null
                            && factSchema.getField(COMMUNITY_CODE) != null) {
                        fact.put(COMMUNITY_CODE, cell);
                    }
                } else if (column.equals(EventReading.HOUSEHOLD_NUMBER)
                        || column.equals(EventReading.IDENTITY_NUMBER)) {
                    subject.put(column, cell);
                } else {
                    String path = column.startsWith(FACT_PREFIX) ? column.substring(FACT_PREFIX.length()) : column;
                    if (!put(fact, path, cell)) {
                        conflicts.add(new Violation(
                                EventReading.unknown("fact", path),
                                ValidationRule.MALFORMED_CSV,
                                Offending.shown("line " + line + ": column " + column
                                        + " is inside a cell another column fills")));
                    }
                }
            });
            if (!subject.isEmpty()) {
                event.set("subject", subject);
            }
            event.set("fact", fact);
            ReadEvent read = json.readText(event);
            if (!conflicts.isEmpty()) {
                List<Violation> violations = new ArrayList<>(read.violations());
                violations.addAll(conflicts);
                read = new ReadEvent(read.eventId(), read.eventType(), read.event(), violations);
            }
            return new CsvRow(rowNumber, read, JSON.writeValueAsBytes(event));
        }

        private ReadEvent unreadable(ValidationRule rule, String message) {
            return new ReadEvent(null, eventType, null, List.of(new Violation("", rule, Offending.shown(message))));
        }

        private String encodingMessage() {
            return encodingError(file, charset).orElse("not valid " + charset.name());
        }
    }

    /**
     * Puts {@code cell} at {@code path} (segments {@code name} or {@code name[i]}, joined by dots) inside {@code fact},
     * creating objects and arrays on the way; an index beyond the end leaves nulls before it (each read as a missing
     * item). A column that is not such a path (or has an index above 99) is put as a field of that name, for the
     * reading to report as unknown.
     *
     * @return false if another column already holds a different kind of value on the way
     */
    private static boolean put(ObjectNode fact, String path, String cell) {
        List<Object> steps = steps(path);
        if (steps == null) {
            fact.put(path, cell);
            return true;
        }
        JsonNode container = fact;
        for (int index = 0; index < steps.size(); index++) {
            Object step = steps.get(index);
            Object following = index + 1 < steps.size() ? steps.get(index + 1) : null;
            JsonNode child = following == null
                    ? NODES.stringNode(cell)
                    : following instanceof Integer ? NODES.arrayNode() : NODES.objectNode();
            JsonNode existing = childOf(container, step);
            if (existing != null && !existing.isNull()) {
                if (following == null || existing.getNodeType() != child.getNodeType()) {
                    return false;
                }
                container = existing;
                continue;
            }
            setChild(container, step, child);
            container = child;
        }
        return true;
    }

    /** The steps of a path, names (String) and indices (Integer), or null if it is not a path. */
    private static @Nullable List<Object> steps(String path) {
        List<Object> steps = new ArrayList<>();
        for (String segment : path.split("\\.", -1)) {
            Matcher matcher = SEGMENT.matcher(segment);
            if (!matcher.matches()) {
                return null;
            }
            steps.add(matcher.group(1));
            Matcher index = INDEX.matcher(matcher.group(2));
            while (index.find()) {
                steps.add(Integer.valueOf(index.group(1)));
            }
        }
        return steps;
    }

    private static @Nullable JsonNode childOf(JsonNode container, Object step) {
        return step instanceof Integer index ? container.get(index) : container.get((String) step);
    }

    private static void setChild(JsonNode container, Object step, JsonNode child) {
        if (step instanceof Integer index) {
            ArrayNode array = (ArrayNode) container;
            while (array.size() <= index) {
                array.addNull();
            }
            array.set(index, child);
        } else {
            ((ObjectNode) container).set((String) step, child);
        }
    }

    private static CharsetDecoder strictDecoder(Charset charset) {
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static String notValid(Charset charset, long byteOffset) {
        String message = "not valid " + charset.name() + " at byte " + byteOffset;
        if (charset.equals(StandardCharsets.UTF_8)) {
            message += " (send charset=GB18030 in Content-Type if the file is GB18030)";
        }
        return message;
    }
}
