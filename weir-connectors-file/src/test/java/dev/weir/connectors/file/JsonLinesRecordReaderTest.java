package dev.weir.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.spi.SourceFile;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesRecordReaderTest {
    @TempDir
    Path root;

    @Test
    void aByteOrderMarkBeforeTheFirstLineIsNotPartOfIt() throws IOException {
        CollectingSink sink = read("\uFEFF{\"id\": 1, \"amount\": 2.50}\r\n{\"id\": 2, \"amount\": \"3.00\"}\n");

        assertThat(sink.rejects).isEmpty();
        assertThat(sink.rows).containsExactly(List.of(1L, new BigDecimal("2.50")), List.of(2L, new BigDecimal("3.00")));
    }

    @Test
    void keysAreMatchedByNameMissingOnesAreNullAndUndeclaredOnesIgnored() throws IOException {
        CollectingSink sink = read("{\"amount\": 1, \"extra\": [1, 2], \"id\": 7}\n{\"id\": 8}\n");

        assertThat(sink.rows).containsExactly(List.of(7L, new BigDecimal("1.00")), Arrays.asList(8L, null));
    }

    @Test
    void badLinesAreRejectsWithTheirTextAndLine() throws IOException {
        CollectingSink sink = read(
                "{\"id\": 1}\n\n{\"id\": 2, \"amount\": \"1O.00\"}\n[1, 2]\n{\"id\": 3\n{\"id\": 4.5}\n{\"amount\": 1}\n");

        assertThat(sink.rows).containsExactly(Arrays.asList(1L, null));
        assertThat(sink.reasons())
                .containsExactly(
                        "malformed_number",
                        "malformed_record",
                        "malformed_record",
                        "malformed_number",
                        "null_required");
        assertThat(sink.origins()).containsExactly("a.jsonl:3", "a.jsonl:4", "a.jsonl:5", "a.jsonl:6", "a.jsonl:7");
        assertThat(sink.rejects.get(2).record()).isEqualTo("{\"id\": 3");
    }

    @Test
    void keptExtraKeysAreTheirValuesJsonTextAndNullWhereALineLacksThem() throws IOException {
        CollectingSink sink = read(
                "{\"id\": 1, \"coupon\": \"x,\\\"y\\\"\", \"n\": 2.50, \"flag\": true, \"obj\": {\"a\": [1, 2]}}\n"
                        + "{\"id\": 2, \"arr\": [1, \"b\"], \"n\": null, \"big\": 12345678901234567890}\n",
                DeclaredColumn.text("coupon"),
                DeclaredColumn.text("n"),
                DeclaredColumn.text("flag"),
                DeclaredColumn.text("obj"),
                DeclaredColumn.text("arr"),
                DeclaredColumn.text("big"));

        assertThat(sink.rejects).isEmpty();
        assertThat(sink.rows)
                .containsExactly(
                        Arrays.asList(1L, null, "x,\"y\"", "2.50", "true", "{\"a\":[1,2]}", null, null),
                        Arrays.asList(2L, null, null, null, null, null, "[1,\"b\"]", "12345678901234567890"));
    }

    @Test
    void keysMatchColumnsIgnoringCaseAsSqlNamesDo() throws IOException {
        CollectingSink sink = read("{\"ID\": 1, \"Amount\": 2}\n", DeclaredColumn.text("note"));

        assertThat(sink.rows).containsExactly(Arrays.asList(1L, new BigDecimal("2.00"), null));
    }

    @Test
    void twoKeysThatNameOneColumnMakeTheLineAMalformedRecord() throws IOException {
        CollectingSink sink = read("{\"id\": 1, \"ID\": 2}\n{\"id\": 3}\n");

        assertThat(sink.rows).containsExactly(Arrays.asList(3L, null));
        assertThat(sink.rejects).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo("malformed_record");
            assertThat(r.detail()).isEqualTo("the keys 'id' and 'ID' name one column (column names ignore case)");
            assertThat(r.origin()).isEqualTo("a.jsonl:1");
        });
    }

    private CollectingSink read(String content, DeclaredColumn... extra) throws IOException {
        Files.writeString(root.resolve("a.jsonl"), content);
        CollectingSink sink = new CollectingSink();
        List<DeclaredColumn> columns = new java.util.ArrayList<>(List.of(
                DeclaredColumn.parse("id", "BIGINT NOT NULL"), DeclaredColumn.parse("amount", "DECIMAL(10,2)")));
        columns.addAll(List.of(extra));
        new JsonLinesRecordReader(List.of(new SourceFile(root.resolve("a.jsonl"), "a.jsonl", 0)), columns, Map.of())
                .read(sink);
        return sink;
    }
}
