package dev.weir.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.spi.SourceFile;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
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

    private CollectingSink read(String content) throws IOException {
        Files.writeString(root.resolve("a.jsonl"), content);
        CollectingSink sink = new CollectingSink();
        new JsonLinesRecordReader(
                        List.of(new SourceFile(root.resolve("a.jsonl"), "a.jsonl", 0)),
                        List.of(
                                DeclaredColumn.parse("id", "BIGINT NOT NULL"),
                                DeclaredColumn.parse("amount", "DECIMAL(10,2)")))
                .read(sink);
        return sink;
    }
}
