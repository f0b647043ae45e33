package dev.weir.engine.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.Location;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.ColumnDecl;
import dev.weir.core.spec.CsvOptions;
import dev.weir.core.spec.FileFormat;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.Batch;
import dev.weir.core.spi.EngineSession;
import dev.weir.core.spi.RelationInfo;
import dev.weir.core.spi.TableSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * A record that cannot be read fails the batch naming its file and line; under dead-letter it is
 * set aside instead, with where it is, why, and the raw record, and the good records are staged.
 */
abstract class MalformedRecordsContract extends ContractTopic {
    private static final ColumnDecl[] TYPED = {
        column("id", "BIGINT"), column("amount", "DECIMAL(10,2)"), column("day", "DATE")
    };
    private static final String MALFORMED = "malformed";

    MalformedRecordsContract(ContractProject project) {
        super(project, "malformed");
    }

    private static void assertMalformedAt(ThrowingCallable call, String file, int line) {
        assertThatThrownBy(call).isInstanceOfSatisfying(WeirException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
            assertThat(e.getMessage()).startsWith("Cannot read record: ");
            assertThat(e.location()).as("location of " + e.getMessage()).hasValueSatisfying(location -> {
                assertThat(location.file()).isEqualTo(file);
                if (line > 0) {
                    assertThat(location.line()).isEqualTo(line);
                }
            });
            assertThat(e.hint()).isPresent();
        });
    }

    /** The malformed records set aside: origin, check, raw record, sorted by origin. */
    private List<List<String>> setAside() {
        return rows("SELECT " + quoted(EngineSession.REJECTED_ORIGIN) + ", " + quoted(EngineSession.REJECTED_CHECK)
                + ", " + quoted(EngineSession.REJECTED_RECORD) + " FROM " + MALFORMED + " ORDER BY 1");
    }

    private List<String> reasons() {
        return rows("SELECT " + quoted(EngineSession.REJECTED_REASON) + " FROM " + MALFORMED + " ORDER BY "
                        + quoted(EngineSession.REJECTED_ORIGIN))
                .stream()
                .map(r -> r.get(0))
                .toList();
    }

    private static String quoted(String column) {
        return "\"" + column + "\"";
    }

    @Test
    void aValueThatDoesNotConvertToItsDeclaredTypeFailsNamingFileAndLine() {
        Batch.Files batch = csv(
                "malformed/value.csv",
                "id,amount,day\n1,9.99,2024-03-01\n2,3.50,2024-03-02\n3,oops,2024-03-03\n",
                TYPED);

        assertMalformedAt(() -> session.stage(batch, Optional.empty()), "data/malformed/value.csv", 4);
    }

    @Test
    void aRecordWithTooManyOrTooFewFieldsFailsNamingFileAndLine() {
        Batch.Files wide = csv(
                "malformed/wide.csv", "id,name\n1,a\n2,b,extra\n", column("id", "VARCHAR"), column("name", "VARCHAR"));
        Batch.Files narrow = csv(
                "malformed/narrow.csv", "id,name\n1,a\n2,b\n3\n", column("id", "VARCHAR"), column("name", "VARCHAR"));

        assertMalformedAt(() -> session.stage(wide, Optional.empty()), "data/malformed/wide.csv", 3);
        assertMalformedAt(() -> session.stage(narrow, Optional.empty()), "data/malformed/narrow.csv", 4);
    }

    @Test
    void anInvalidJsonLineFailsNamingTheFile() {
        Path file = project.write("malformed/bad.jsonl", "{\"id\": 1}\n{\"id\": \n");

        assertMalformedAt(
                () -> session.stage(files(FileFormat.JSONL, CsvOptions.DEFAULTS, List.of(), file), Optional.empty()),
                "data/malformed/bad.jsonl",
                0);
    }

    @Test
    void aBadRecordOfALazilyStagedBatchFailsTheWriteNamingFileAndLine() {
        Batch.Files batch = csv("malformed/lazy.csv", "id,amount,day\n1,9.99,2024-03-01\n2,9.99\n", TYPED);

        TableSchema schema = lazily().stageLazily(batch);

        assertMalformedAt(() -> loadUnchanged(append(table("lazy_bad")), schema), "data/malformed/lazy.csv", 3);
    }

    @Test
    void underDeadLetterBadCsvRecordsAreSetAsideWithFileLineReasonAndRawLine() {
        Batch.Files batch = csv(
                "malformed/mixed.csv",
                "id,amount,day\n1,9.99,2024-03-01\n2,nine,2024-03-01\n3,1.00,2024-02-30\n"
                        + "4,1.00\n5,2.00,2024-03-02\n",
                TYPED);

        RelationInfo staged = malformedRecords().stageKeepingMalformed(batch, Optional.empty(), MALFORMED);

        assertThat(staged.rowCount()).isEqualTo(2);
        assertThat(rows("SELECT id FROM source ORDER BY id")).containsExactly(row("1"), row("5"));
        assertThat(setAside())
                .containsExactly(
                        row("data/malformed/mixed.csv:3", "parse", "2,nine,2024-03-01"),
                        row("data/malformed/mixed.csv:4", "parse", "3,1.00,2024-02-30"),
                        row("data/malformed/mixed.csv:5", "parse", "4,1.00"));
        assertThat(reasons()).allSatisfy(reason -> assertThat(reason).isNotBlank());
        assertThat(reasons().get(0)).contains("amount");
    }

    @Test
    void underDeadLetterEachBadRecordNamesItsOwnFileAndNoneIsLost() {
        Path good = project.write("malformed/many/1.csv", "id,amount,day\n1,1.00,2024-03-01\n");
        Path bad = project.write("malformed/many/2.csv", "id,amount,day\n2,x,2024-03-01\n3,1.00,2024-03-01\n");
        Path lastBad = project.write("malformed/many/3.csv", "id,amount,day\n4,1.00,2024-03-01\n5,\"1.00,2024-03-01\n");

        RelationInfo staged = malformedRecords()
                .stageKeepingMalformed(
                        files(FileFormat.CSV, CsvOptions.DEFAULTS, List.of(TYPED), good, bad, lastBad),
                        Optional.empty(),
                        MALFORMED);

        assertThat(staged.rowCount()).isEqualTo(3);
        assertThat(setAside())
                .extracting(r -> r.get(0))
                .containsExactly("data/malformed/many/2.csv:2", "data/malformed/many/3.csv:3");
    }

    @Test
    void underDeadLetterAWatermarkStillAppliesToTheGoodRecords() {
        Batch.Files batch = csv(
                "malformed/filtered.csv",
                "id,amount,day\n1,1.00,2024-03-01\n2,bad,2024-03-02\n3,1.00,2024-03-03\n",
                TYPED);

        RelationInfo staged = malformedRecords()
                .stageKeepingMalformed(
                        batch,
                        Optional.of(new Batch.KeyFilter("day", Optional.of("2024-03-01"), Optional.empty())),
                        MALFORMED);

        assertThat(rows("SELECT id FROM source")).containsExactly(row("3"));
        assertThat(staged.rowCount()).isEqualTo(1);
        assertThat(setAside()).extracting(r -> r.get(0)).containsExactly("data/malformed/filtered.csv:3");
    }

    /**
     * Finding 1 of issue 11: text keys such as {@code 2024-01-32T10:00:00} or {@code yesterday} once
     * moved the watermark past every later row. Rejects are set aside with their reason; the
     * greatest valid key is the batch's end.
     */
    @Test
    void underDeadLetterRowsWithoutAValidKeyAreSetAsideWithTheirReasonAndNeverMoveTheWatermark() {
        TableId table = table("text_keys");
        load(
                append(table),
                "SELECT * FROM (VALUES (CAST(1 AS BIGINT), '2024-01-09 08:00:00'), (CAST(2 AS BIGINT), '2024-01-32T10:00:00'),"
                        + " (CAST(3 AS BIGINT), 'yesterday'), (CAST(4 AS BIGINT), NULL), (CAST(5 AS BIGINT), '2024-01-10 07:00:00'),"
                        + " (CAST(6 AS BIGINT), '2024-01-08 00:00:00'), (CAST(7 AS BIGINT), 'infinity')) AS t(id, updated_at)");
        attach(table);
        Optional<String> timestamp = Optional.of("timestamp");

        RelationInfo staged = malformedRecords()
                .stageKeepingMalformed(
                        new Batch.Table(table),
                        Optional.of(new Batch.KeyFilter("updated_at", Optional.of("2024-01-09 00:00:00"), timestamp)),
                        MALFORMED);

        assertThat(rows("SELECT id FROM source ORDER BY id")).containsExactly(row("1"), row("5"));
        assertThat(staged.rowCount()).isEqualTo(2);
        assertThat(session.maxValue(EngineSession.SOURCE, "updated_at", timestamp))
                .contains("2024-01-10 07:00:00");
        assertThat(setAside())
                .containsExactly(
                        row(
                                "malformed.text_keys updated_at=2024-01-32T10:00:00",
                                Batch.KeyFilter.CHECK,
                                "{\"id\":2,\"updated_at\":\"2024-01-32T10:00:00\"}"),
                        row(
                                "malformed.text_keys updated_at=NULL",
                                Batch.KeyFilter.CHECK,
                                "{\"id\":4,\"updated_at\":null}"),
                        row(
                                "malformed.text_keys updated_at=infinity",
                                Batch.KeyFilter.CHECK,
                                "{\"id\":7,\"updated_at\":\"infinity\"}"),
                        row(
                                "malformed.text_keys updated_at=yesterday",
                                Batch.KeyFilter.CHECK,
                                "{\"id\":3,\"updated_at\":\"yesterday\"}"));
        assertThat(reasons())
                .containsExactly(
                        "bad_key: updated_at = '2024-01-32T10:00:00' is not a valid timestamp",
                        "null_key: updated_at is NULL",
                        "bad_key: updated_at = 'infinity' is not a valid timestamp",
                        "bad_key: updated_at = 'yesterday' is not a valid timestamp");
    }

    @Test
    void underDeadLetterACsvKeepsItsUnparsableRecordsAndItsRowsWithoutAValidKeyApart() {
        Batch.Files batch = csv(
                "malformed/keys.csv",
                "id,updated_at\n1,2024-03-01 10:00:00\nx,2024-03-01 11:00:00\n3,\n4,2024-03-02 10:00:00\n",
                column("id", "BIGINT"),
                column("updated_at", "VARCHAR"));

        RelationInfo staged = malformedRecords()
                .stageKeepingMalformed(
                        batch,
                        Optional.of(new Batch.KeyFilter("updated_at", Optional.empty(), Optional.of("timestamp"))),
                        MALFORMED);

        assertThat(rows("SELECT id FROM source ORDER BY id")).containsExactly(row("1"), row("4"));
        assertThat(staged.rowCount()).isEqualTo(2);
        assertThat(setAside())
                .containsExactly(
                        row(
                                "data/malformed/keys.csv updated_at=NULL",
                                Batch.KeyFilter.CHECK,
                                "{\"id\":3,\"updated_at\":null}"),
                        row("data/malformed/keys.csv:3", "parse", "x,2024-03-01 11:00:00"));
    }

    @Test
    void underDeadLetterBadJsonLinesAreSetAsideAndTheGoodOnesTyped() {
        Path file = project.write(
                "malformed/rows.jsonl",
                "{\"id\": 1, \"amount\": 9.99, \"day\": \"2024-03-01\"}\n"
                        + "{\"id\": 2, \"amount\": \"nine\", \"day\": \"2024-03-01\"}\n"
                        + "{\"id\": 3, \"amount\": 1.0\n"
                        + "[1, 2]\n"
                        + "{\"id\": 4, \"day\": \"2024-03-02\"}\n");

        RelationInfo staged = malformedRecords()
                .stageKeepingMalformed(
                        files(FileFormat.JSONL, CsvOptions.DEFAULTS, List.of(TYPED), file),
                        Optional.empty(),
                        MALFORMED);

        assertThat(staged.schema().names()).containsExactly("id", "amount", "day");
        assertThat(rows("SELECT id, amount, day FROM source ORDER BY id"))
                .containsExactly(row("1", "9.99", "2024-03-01"), row("4", null, "2024-03-02"));
        assertThat(setAside())
                .extracting(r -> r.get(0), r -> r.get(1))
                .containsExactly(
                        tuple("data/malformed/rows.jsonl:2", "parse"),
                        tuple("data/malformed/rows.jsonl:3", "parse"),
                        tuple("data/malformed/rows.jsonl:4", "parse"));
        assertThat(setAside().get(2).get(2)).isEqualTo("[1, 2]");
    }

    @Test
    void underDeadLetterABatchWithoutBadRecordsSetsNothingAside() {
        RelationInfo staged = malformedRecords()
                .stageKeepingMalformed(
                        csv("malformed/ok.csv", "id,amount,day\n1,1.00,2024-03-01\n", TYPED),
                        Optional.empty(),
                        MALFORMED);

        assertThat(staged.rowCount()).isEqualTo(1);
        assertThat(setAside()).isEmpty();
    }

    @Test
    void underDeadLetterABatchOfRowsHasAnEmptyMalformedRelationWithTheRejectColumns() {
        List<Path> written = parquetFiles("malformed_rows", "SELECT * FROM (VALUES (CAST(1 AS BIGINT))) AS t(id)");

        RelationInfo staged = malformedRecords()
                .stageKeepingMalformed(new Batch.Rows(written, "rows of the test source"), Optional.empty(), MALFORMED);

        assertThat(staged.rowCount()).isEqualTo(1);
        assertThat(session.query("SELECT * FROM " + MALFORMED, 10).columns())
                .contains(
                        EngineSession.REJECTED_CHECK,
                        EngineSession.REJECTED_REASON,
                        EngineSession.REJECTED_RECORD,
                        EngineSession.REJECTED_ORIGIN);
        assertThat(setAside()).isEmpty();
    }

    /** The CLI prints a bad record's location as its rendering. */
    @Test
    void theLocationOfABadRecordRendersAsFileColonLine() {
        Batch.Files batch = csv("malformed/render.csv", "id,amount,day\n1,x,2024-03-01\n", TYPED);

        assertThatThrownBy(() -> session.stage(batch, Optional.empty()))
                .isInstanceOfSatisfying(
                        WeirException.class,
                        e -> assertThat(e.location().map(Location::render)).hasValue("data/malformed/render.csv:2"));
    }
}
