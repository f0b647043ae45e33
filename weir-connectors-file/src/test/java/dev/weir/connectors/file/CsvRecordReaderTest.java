package dev.weir.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.CsvOptions;
import dev.weir.core.spi.SourceFile;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvRecordReaderTest {
    @TempDir
    Path root;

    private final Map<String, String> files = new LinkedHashMap<>();
    private boolean failOnMissingColumns;

    @Test
    void columnsAreMatchedByHeaderNameWhateverTheirOrderExtraColumnsIgnoredMissingNullableOnesNull()
            throws IOException {
        file("a.csv", "id,amount,note\n1,2.50,first\n");
        file("b.csv", "amount,extra1,id,extra2\n3.00,x,2,y\n");
        file("c.csv", "ID,Amount\n3,4.25\n");

        CollectingSink sink = read("id: BIGINT NOT NULL", "amount: DECIMAL(10,2)", "note: VARCHAR");

        assertThat(sink.rejects).isEmpty();
        assertThat(sink.rows)
                .containsExactly(
                        List.of(1L, new BigDecimal("2.50"), "first"),
                        Arrays.asList(2L, new BigDecimal("3.00"), null),
                        Arrays.asList(3L, new BigDecimal("4.25"), null));
    }

    @Test
    void aMissingNotNullColumnMakesEachRecordOfThatFileAReject() throws IOException {
        file("a.csv", "amount\n1\n2\n");

        CollectingSink sink = read("id: BIGINT NOT NULL", "amount: BIGINT");

        assertThat(sink.reasons()).containsExactly("missing_column", "missing_column");
        assertThat(sink.rejects.get(0).detail()).isEqualTo("NOT NULL column 'id' is not in the header of a.csv");
        assertThat(sink.rejects.get(0).record()).isEqualTo("1");
    }

    @Test
    void aMissingNotNullColumnFailsTheFileBeforeAnyOfItsRecordsWhenMissingColumnsFail() throws IOException {
        file("a.csv", "id,amount,day\n1,1,2024-01-01\n");
        file("b.csv", "amount\n1\n2\n");
        failOnMissingColumns = true;

        CollectingSink sink = new CollectingSink();
        assertThatThrownBy(() -> read(sink, "id: BIGINT NOT NULL", "amount: BIGINT", "day: DATE NOT NULL"))
                .isInstanceOfSatisfying(WeirException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
                    assertThat(e.render())
                            .isEqualTo("b.csv:1: Cannot load file: its header lacks the NOT NULL columns [id, day]"
                                    + System.lineSeparator()
                                    + "hint: add them to the file, or declare them without NOT NULL; with"
                                    + " extract.missing_columns: reject (the default) each record of such a file is a"
                                    + " missing_column reject");
                });
        assertThat(sink.rows).containsExactly(List.of(1L, 1L, LocalDate.of(2024, 1, 1)));
        assertThat(sink.rejects).isEmpty();
    }

    @Test
    void originsArePhysicalLinesCountingQuotedLineBreaksCrlfAndBlankLines() throws IOException {
        file("a.csv", "\uFEFFid,text\r\n1,\"two\r\nlines\"\r\n\r\n2,\"three\nmore\nlines\"\n3,bad\"quote\n4,x,extra\n");

        CollectingSink sink = read("id: BIGINT", "text: VARCHAR");

        assertThat(sink.rejects).as(sink.rejects.toString()).hasSize(1);
        assertThat(sink.rows)
                .containsExactly(
                        List.of(1L, "two\r\nlines"), List.of(2L, "three\nmore\nlines"), List.of(3L, "bad\"quote"));
        assertThat(sink.rejects).singleElement().satisfies(r -> {
            assertThat(r.origin()).isEqualTo("a.csv:9");
            assertThat(r.reason()).isEqualTo("malformed_record");
            assertThat(r.record()).isEqualTo("4,x,extra");
        });
    }

    @Test
    void everyRejectKeepsItsOriginalTextAndLineAfterMultiLineRecords() throws IOException {
        StringBuilder csv = new StringBuilder("id,amount\n");
        for (int i = 0; i < 300; i++) {
            csv.append(i).append(",\"").append(i).append("\n.00\"\n");
        }
        csv.append("300,1O.00\n");
        file("a.csv", csv.toString());

        CollectingSink sink = read("id: BIGINT", "amount: VARCHAR");
        CollectingSink typed = read("id: BIGINT", "amount: DECIMAL(10,2)");

        assertThat(sink.rows).hasSize(301);
        assertThat(typed.rejects).hasSize(301);
        assertThat(typed.rejects.get(300).origin()).isEqualTo("a.csv:602");
        assertThat(typed.rejects.get(300).record()).isEqualTo("300,1O.00");
        assertThat(typed.rejects.get(300).detail()).isEqualTo("column 'amount': '1O.00' is not a number");
        assertThat(typed.rejects.get(1).record()).isEqualTo("1,\"1\n.00\"");
        assertThat(typed.rejects.get(1).origin()).isEqualTo("a.csv:4");
    }

    @Test
    void valuesThatDoNotConvertAreRejectsWithTheirReasonNeverCoercedOrNull() throws IOException {
        file(
                "a.csv",
                "id,amount,day,at,flag\n"
                        + "1,12.50,2024-02-29,2024-01-05 10:00:00,true\n"
                        + "2,12.3.4,2024-01-01,2024-01-05T10:00:00,false\n"
                        + "3,\"12,50\",2024-01-01,2024-01-05 10:00,yes\n"
                        + "4,12.345,2024-01-01,2024-01-05 10:00,no\n"
                        + "5,1.00,2024-02-30,2024-01-05 10:00,no\n"
                        + "6,1.00,2024-01-01,2024-01-32T10:00:00,no\n"
                        + "7,1.00,2024-01-01,yesterday,maybe\n"
                        + "99999999999,1.00,2024-01-01,2024-01-01,no\n"
                        + ",1.00,2024-01-01,2024-01-01,no\n");

        CollectingSink sink =
                read("id: INTEGER NOT NULL", "amount: DECIMAL(10,2)", "day: DATE", "at: TIMESTAMP", "flag: BOOLEAN");

        assertThat(sink.rows).hasSize(1);
        assertThat(sink.reasons())
                .containsExactly(
                        "malformed_number",
                        "malformed_number",
                        "out_of_range",
                        "bad_date",
                        "bad_timestamp",
                        "bad_timestamp",
                        "out_of_range",
                        "null_required");
        assertThat(sink.rejects.get(5).detail())
                .isEqualTo("column 'at': 'yesterday' is not a valid timestamp (expected yyyy-MM-dd HH:mm:ss[.ffffff]);"
                        + " column 'flag': 'maybe' is not a boolean (true/false, yes/no, 1/0)");
    }

    @Test
    void datesFollowTheDeclaredFormatStrictly() throws IOException {
        file("a.csv", "day\n05/01/2024\n31/02/2024\n2024-01-05\n");

        CollectingSink sink = read("day: DATE FORMAT 'dd/MM/yyyy'");

        assertThat(sink.rows).containsExactly(List.of(LocalDate.of(2024, 1, 5)));
        assertThat(sink.reasons()).containsExactly("bad_date", "bad_date");
    }

    @Test
    void anUnterminatedQuoteInTheLastRecordIsOneRejectHoldingTheRestOfTheFile() throws IOException {
        file("a.csv", "id,text\n1,ok\n2,\"never closed\n3,more\n");

        CollectingSink sink = read("id: BIGINT", "text: VARCHAR");

        assertThat(sink.rows).containsExactly(List.of(1L, "ok"));
        assertThat(sink.rejects).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo("malformed_record");
            assertThat(r.origin()).isEqualTo("a.csv:3");
            assertThat(r.record()).isEqualTo("2,\"never closed\n3,more");
        });
    }

    @Test
    void veryLongFieldsAndAnEightMegabyteLastRecordLoad() throws IOException {
        String longField = "x".repeat(100_000);
        String huge = "y".repeat(8 * 1024 * 1024);
        file("a.csv", "id,text\n1,\"" + longField + "\"\n2,\"" + huge + "\"");
        file("b.csv", "id,text\n3,z\n");

        CollectingSink sink = read("id: BIGINT", "text: VARCHAR");

        assertThat(sink.rejects).isEmpty();
        assertThat(sink.rows).extracting(r -> r.get(0)).containsExactly(1L, 2L, 3L);
        assertThat((String) sink.rows.get(1).get(1)).hasSize(huge.length());
    }

    @Test
    void quotedEmptyTextIsTheEmptyStringAndAnUnquotedEmptyFieldIsNull() throws IOException {
        file("a.csv", "id,text\n1,\"\"\n2,\n");

        CollectingSink sink = read("id: BIGINT", "text: VARCHAR");

        assertThat(sink.rows).containsExactly(List.of(1L, ""), Arrays.asList(2L, null));
    }

    @Test
    void bytesInvalidInTheEncodingMakeTheRecordAReject() throws IOException {
        Path path = root.resolve("a.csv");
        byte[] bad = "id,text\n1,caf\u00e9\n2,ok\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(path, bad);
        files.put("a.csv", "");

        CollectingSink sink = read("id: BIGINT", "text: VARCHAR");

        assertThat(sink.rows).containsExactly(List.of(2L, "ok"));
        assertThat(sink.reasons()).containsExactly("bad_encoding");
        assertThat(sink.origins()).containsExactly("a.csv:2");
    }

    @Test
    void aHeaderWithRepeatedNamesIgnoringCaseMakesTheFileUnreadable() throws IOException {
        file("a.csv", "id,ID\n1,2\n");

        assertThatThrownBy(() -> read("id: BIGINT"))
                .isInstanceOfSatisfying(
                        WeirException.class,
                        e -> assertThat(e.render())
                                .startsWith(
                                        "a.csv:1: Cannot read file: its header [id, ID] has an empty or repeated column name"));
    }

    @Test
    void anEmptyFileHoldsNoRecords() throws IOException {
        file("a.csv", "");

        assertThat(read("id: BIGINT").rows).isEmpty();
    }

    private void file(String name, String content) throws IOException {
        Files.writeString(root.resolve(name), content);
        files.put(name, content);
    }

    private CollectingSink read(String... declarations) {
        CollectingSink sink = new CollectingSink();
        read(sink, declarations);
        return sink;
    }

    private void read(CollectingSink sink, String... declarations) {
        List<DeclaredColumn> columns = new ArrayList<>();
        for (String d : declarations) {
            int colon = d.indexOf(':');
            columns.add(DeclaredColumn.parse(d.substring(0, colon), d.substring(colon + 1)));
        }
        List<SourceFile> sources = files.keySet().stream()
                .map(n -> new SourceFile(root.resolve(n), n, 0))
                .toList();
        new CsvRecordReader(sources, CsvOptions.DEFAULTS, columns, failOnMissingColumns, Map.of()).read(sink);
    }
}
