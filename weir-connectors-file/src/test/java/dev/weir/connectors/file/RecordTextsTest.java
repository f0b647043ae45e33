package dev.weir.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.spec.CsvOptions;
import dev.weir.core.spi.RecordReader;
import dev.weir.core.spi.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows carry the physical line of their record, and a reader gives those records' texts back. */
class RecordTextsTest {
    private static final String CSV =
            "\uFEFFid,text\r\n1,\"two\r\nlines\"\r\n\r\n2,\"three\nmore\nlines\"\n3,plain\n4,x,extra\n5,last";

    @TempDir
    Path root;

    @Test
    void csvRowsCarryTheLineTheirRecordStartsOnAndItsTextComesBackExactly() throws IOException {
        RecordReader reader = csv(CSV);
        CollectingSink sink = new CollectingSink();
        reader.read(sink);

        assertThat(sink.rowOrigins).containsExactly("a.csv:2", "a.csv:5", "a.csv:8", "a.csv:10");
        assertThat(reader.texts("a.csv", new TreeSet<>(List.of(2L, 5L, 8L, 10L))))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        2L, "1,\"two\r\nlines\"",
                        5L, "2,\"three\nmore\nlines\"",
                        8L, "3,plain",
                        10L, "5,last"));
    }

    @Test
    void aLineWhereNoRecordStartsAndAnotherFileGiveNoText() throws IOException {
        RecordReader reader = csv(CSV);

        assertThat(reader.texts("a.csv", new TreeSet<>(List.of(3L, 6L, 8L)))).containsOnlyKeys(8L);
        assertThat(reader.texts("b.csv", new TreeSet<>(List.of(2L)))).isEmpty();
    }

    @Test
    void aFileThatIsGoneGivesNoText() throws IOException {
        RecordReader reader = csv(CSV);
        Files.delete(root.resolve("a.csv"));

        assertThat(reader.texts("a.csv", new TreeSet<>(List.of(2L)))).isEmpty();
    }

    @Test
    void jsonLinesRowsCarryTheirLineAndItsTextComesBack() throws IOException {
        Files.writeString(
                root.resolve("a.jsonl"), "\uFEFF{\"id\": 1}\n\n{\"id\": \"x\"}\r\n{\"id\": 3, \"amount\": 2.5}\n");
        RecordReader reader = new JsonLinesRecordReader(
                List.of(new SourceFile(root.resolve("a.jsonl"), "a.jsonl", 0)),
                List.of(DeclaredColumn.parse("id", "BIGINT NOT NULL"), DeclaredColumn.parse("amount", "DECIMAL(10,2)")),
                Map.of());
        CollectingSink sink = new CollectingSink();
        reader.read(sink);

        assertThat(sink.rowOrigins).containsExactly("a.jsonl:1", "a.jsonl:4");
        assertThat(reader.texts("a.jsonl", new TreeSet<>(List.of(1L, 4L))))
                .containsExactlyInAnyOrderEntriesOf(Map.of(1L, "{\"id\": 1}", 4L, "{\"id\": 3, \"amount\": 2.5}"));
    }

    private RecordReader csv(String content) throws IOException {
        Files.writeString(root.resolve("a.csv"), content);
        return new CsvRecordReader(
                List.of(new SourceFile(root.resolve("a.csv"), "a.csv", 0)),
                CsvOptions.DEFAULTS,
                List.of(DeclaredColumn.parse("id", "BIGINT"), DeclaredColumn.parse("text", "VARCHAR")),
                false,
                Map.of());
    }
}
