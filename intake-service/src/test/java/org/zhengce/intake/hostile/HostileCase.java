package org.zhengce.intake.hostile;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;

/**
 * One hostile input of the corpus: its family, the way in, a name saying what was done to the template, the input and
 * what intake must answer.
 */
record HostileCase(String family, Way way, String name, String department, Input input, Expect expect) {

    /** How the input reaches intake. */
    enum Way {
        /** {@code POST /events}, one JSON event. */
        JSON,
        /** One line of an NDJSON stream to {@code POST /events}. */
        NDJSON,
        /** One row of a CSV submission ({@code POST /submissions}), or a whole file when the file is the case. */
        CSV,
        /** One record on the department's own topic {@code dept.<code>.events}. */
        TOPIC
    }

    /** What is sent. */
    sealed interface Input {

        /** The whole body of a single JSON event. */
        record Body(byte[] bytes, MediaType type) implements Input {}

        /** One NDJSON line, without its line end. */
        record Line(byte[] bytes) implements Input {}

        /** One CSV row of a file of {@code type} with {@code header}; rows of a family with one header share a file. */
        record Row(String type, String header, String row) implements Input {}

        /** A whole CSV file, the file being the case. */
        record File(String type, MediaType contentType, byte[] bytes) implements Input {}

        /** A record on the department's topic: key, headers and value as bytes (null: absent). */
        record Record(
                @Nullable String key,
                Map<String, byte[]> headers,
                byte @Nullable [] value,
                @Nullable String eventId) implements Input {}
    }

    /** What intake must answer. */
    sealed interface Expect {

        /**
         * Refused by {@code rule} (at {@code path}, when given), kept as a rejection: HTTP {@code status} for a single
         * event; "rejected" for a line, a row or a record.
         */
        record Refused(int status, String rule, @Nullable String path) implements Expect {}

        /** Accepted, {@code field} masked (named in {@code maskedFields}), published. */
        record Masked(String field) implements Expect {}

        /** Accepted and published as it is (a topic record's key and headers are not part of the event). */
        record Accepted() implements Expect {}

        /** A re-send of an accepted event: the same platform event id, published once. */
        record Duplicate() implements Expect {}

        /** The same event id with another payload: 409, kept as a rejection. */
        record Conflict() implements Expect {}

        /** A whole file refused with {@code status}, the submission kept as refused. */
        record FileRefused(int status, String title) implements Expect {}
    }

    @Override
    public String toString() {
        return family + "/" + way + "/" + name;
    }
}
