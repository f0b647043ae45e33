package dev.weir.engine.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.quality.CheckTarget;
import dev.weir.core.run.EngineContractLoads;
import dev.weir.core.run.Quarantine;
import dev.weir.core.spec.CheckRule;
import dev.weir.core.spec.CheckSpec;
import dev.weir.core.spec.Severity;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.Batch;
import dev.weir.core.spi.Column;
import dev.weir.core.spi.EngineSession;
import dev.weir.core.spi.RecordReader;
import dev.weir.core.spi.RecordSink;
import dev.weir.core.spi.RelationInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The rows of a batch read record by record keep, invisibly to stage SQL, where their record is:
 * a row a check rejects, on the batch itself or after transform stages, is quarantined with its
 * record's {@code file:line} and original text.
 */
abstract class RecordOriginsContract extends ContractTopic {
    private static final String FILE = "data/in.csv";
    private static final List<Column> COLUMNS = List.of(
            new Column(0, "id", "long", false),
            new Column(0, "qty", "int", false),
            new Column(0, "note", "string", false));
    private static final CheckSpec QTY_POSITIVE = check("qty");
    private static final CheckSpec TENS_POSITIVE = check("tens");

    RecordOriginsContract(ContractProject project) {
        super(project, "origins");
    }

    /**
     * Records of {@value #FILE}, by the line each starts on: {@code id,qty,note} values and the
     * text the file holds (line 3's record spans two lines).
     */
    private static final Map<Long, Object[]> RECORDS = new TreeMap<>(Map.of(
            2L, new Object[] {1L, 3, "one"},
            3L, new Object[] {2L, -1, "two\nlines"},
            5L, new Object[] {3L, 4, "three"},
            6L, new Object[] {2L, -2, "two again"},
            7L, new Object[] {4L, -1, "same"},
            8L, new Object[] {4L, -1, "same"}));

    private static String text(Object[] v) {
        return (v[0] == null ? "" : v[0]) + "," + v[1] + ",\"" + v[2] + "\"";
    }

    /** A reader as a file source is: it hands over each record's line, and gives the texts back. */
    private static final class FileReader implements RecordReader {
        private final Map<Long, Object[]> records;

        FileReader(Map<Long, Object[]> records) {
            this.records = records;
        }

        @Override
        public void read(RecordSink sink) {
            records.forEach((line, values) -> sink.row(values.clone(), FILE, line));
        }

        @Override
        public Map<Long, String> texts(String file, SortedSet<Long> lines) {
            Map<Long, String> texts = new TreeMap<>();
            if (file.equals(FILE)) {
                lines.stream().filter(records::containsKey).forEach(l -> texts.put(l, text(records.get(l))));
            }
            return texts;
        }
    }

    private static Batch.Records batch() {
        return batch(RECORDS);
    }

    private static Batch.Records batch(Map<Long, Object[]> records) {
        return new Batch.Records(COLUMNS, new FileReader(records), "records of " + FILE);
    }

    private static CheckSpec check(String column) {
        CheckRule rule = new CheckRule.Range(column, Optional.of(new CheckRule.Literal("0", false)), Optional.empty());
        return new CheckSpec(CheckSpec.defaultName(rule), rule, Severity.P1, true, "contracts/x.yaml:9");
    }

    @Test
    void stageSqlSeesExactlyTheBatchsColumns() {
        RelationInfo staged = session.stage(batch(), Optional.empty());

        assertThat(staged.schema().names()).containsExactly("id", "qty", "note");
        assertThat(session.runStage("all", "SELECT * FROM source").schema().names())
                .containsExactly("id", "qty", "note");
        assertThat(session.runStage("distinct_rows", "SELECT DISTINCT * FROM source")
                        .rowCount())
                .as("the two records of line 7 and 8 are one row")
                .isEqualTo(5);
        assertThat(session.runStage("both", "SELECT * FROM source UNION SELECT * FROM source")
                        .rowCount())
                .isEqualTo(5);
    }

    @Test
    void aRowCheckOnTheBatchQuarantinesEachRowWithItsRecordsLineAndText() {
        session.stage(batch(), Optional.empty());
        session.splitOnChecks("passing", "rejected", List.of(QTY_POSITIVE), CheckTarget.of("source"));
        TableId target = table("untransformed");

        long quarantined = new EngineContractLoads(project.store())
                .quarantineRejects(
                        session, target, "rejected", "in", List.of(), true, Optional.empty(), "origins-run-1");

        assertThat(quarantined).isEqualTo(4);
        assertThat(read(Quarantine.of(target), "check_name, origin, raw_record", "origin"))
                .as("identical records each keep their own line")
                .containsExactly(
                        row("range(qty)", FILE + ":3", "2,-1,\"two\nlines\""),
                        row("range(qty)", FILE + ":6", "2,-2,\"two again\""),
                        row("range(qty)", FILE + ":7", "4,-1,\"same\""),
                        row("range(qty)", FILE + ":8", "4,-1,\"same\""));
    }

    @Test
    void aRowRejectedAfterAStageIsTracedByItsKeyToTheLastRecordOfThatKey() {
        session.stage(batch(), Optional.empty());
        session.runStage("clean", "SELECT id AS id, qty * 10 AS tens, upper(note) AS label FROM source WHERE id <> 4");
        session.splitOnChecks("passing", "rejected", List.of(TENS_POSITIVE), CheckTarget.of("clean"));
        TableId target = table("staged");

        new EngineContractLoads(project.store())
                .quarantineRejects(
                        session, target, "rejected", "in", List.of("id"), false, Optional.empty(), "origins-run-2");

        assertThat(read(Quarantine.of(target), "origin, raw_record", "raw_record"))
                .as("both rows of key 2 point at its last record")
                .containsExactly(row(FILE + ":6", "2,-2,\"two again\""), row(FILE + ":6", "2,-2,\"two again\""));
    }

    @Test
    void ofRecordsSharingAKeyTheOneWithTheGreatestSequenceValueIsTheOrigin() {
        session.stage(batch(), Optional.empty());
        session.runStage("clean", "SELECT id, max(qty) * 10 AS tens FROM source WHERE id = 2 GROUP BY id");
        session.splitOnChecks("passing", "rejected", List.of(TENS_POSITIVE), CheckTarget.of("clean"));
        TableId target = table("sequenced");

        new EngineContractLoads(project.store())
                .quarantineRejects(
                        session, target, "rejected", "in", List.of("id"), false, Optional.of("qty"), "origins-run-3");

        assertThat(read(Quarantine.of(target), "origin, raw_record", "origin"))
                .containsExactly(row(FILE + ":3", "2,-1,\"two\nlines\""));
    }

    @Test
    void aRowWhoseKeyIsNotInTheBatchKeepsTheSourceAndKeyAndItselfAsJson() {
        session.stage(batch(), Optional.empty());
        session.runStage("totals", "SELECT note AS label, sum(qty) AS tens FROM source GROUP BY note");
        session.splitOnChecks("passing", "rejected", List.of(TENS_POSITIVE), CheckTarget.of("totals"));
        TableId target = table("aggregated");

        new EngineContractLoads(project.store())
                .quarantineRejects(
                        session, target, "rejected", "in", List.of("label"), false, Optional.empty(), "origins-run-4");

        assertThat(read(Quarantine.of(target), "origin, raw_record", "origin"))
                .containsExactly(
                        row("in label=same", "{\"label\":\"same\",\"tens\":-2}"),
                        row("in label=two\nlines", "{\"label\":\"two\\nlines\",\"tens\":-1}"),
                        row("in label=two again", "{\"label\":\"two again\",\"tens\":-2}"));
    }

    @Test
    void rowsOfABatchFilteredOnAKeyAreTracedToo() {
        session.stage(batch(), Optional.of(after("id", "2")));
        session.splitOnChecks("passing", "rejected", List.of(QTY_POSITIVE), CheckTarget.of("source"));
        TableId target = table("filtered");

        new EngineContractLoads(project.store())
                .quarantineRejects(
                        session, target, "rejected", "in", List.of("id"), true, Optional.empty(), "origins-run-5");

        assertThat(read(Quarantine.of(target), "origin", "origin")).containsExactly(row(FILE + ":7"), row(FILE + ":8"));
        assertThat(session.runStage("after", "SELECT * FROM source").schema().names())
                .containsExactly("id", "qty", "note");
    }

    @Test
    void aRowWithoutAValidIncrementalKeyIsSetAsideWithItsRecordsLineAndText() {
        Map<Long, Object[]> records = new TreeMap<>(RECORDS);
        records.put(9L, new Object[] {null, 5, "no id"});

        RelationInfo staged =
                malformedRecords().stageKeepingMalformed(batch(records), Optional.of(after("id", "3")), "malformed");

        assertThat(staged.rowCount()).isEqualTo(2);
        assertThat(rows("SELECT " + quoted(EngineSession.REJECTED_CHECK) + ", " + quoted(EngineSession.REJECTED_RECORD)
                        + ", " + quoted(EngineSession.REJECTED_ORIGIN) + " FROM malformed"))
                .containsExactly(row(Batch.KeyFilter.CHECK, ",5,\"no id\"", FILE + ":9"));
        assertThat(session.runStage("after", "SELECT * FROM source").schema().names())
                .containsExactly("id", "qty", "note");
    }

    private static String quoted(String column) {
        return "\"" + column + "\"";
    }
}
