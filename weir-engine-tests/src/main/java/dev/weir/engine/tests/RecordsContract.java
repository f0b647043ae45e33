package dev.weir.engine.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.RejectedBatchException;
import dev.weir.core.error.WeirException;
import dev.weir.core.spi.Batch;
import dev.weir.core.spi.Column;
import dev.weir.core.spi.EngineSession;
import dev.weir.core.spi.RecordReject;
import dev.weir.core.spi.RelationInfo;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A batch of records a source converted itself is staged value for value in its declared types;
 * its rejects fail the batch naming file, line and value, or under dead-letter become malformed
 * records with their reason, original text and origin.
 */
abstract class RecordsContract extends ContractTopic {
    private static final String MALFORMED = "malformed";
    private static final List<Column> COLUMNS = List.of(
            new Column(0, "id", "long", true),
            new Column(0, "qty", "int", false),
            new Column(0, "amount", "decimal(10,2)", false),
            new Column(0, "ratio", "double", false),
            new Column(0, "paid", "boolean", false),
            new Column(0, "day", "date", false),
            new Column(0, "at", "timestamp", false),
            new Column(0, "at_utc", "timestamptz", false),
            new Column(0, "ref", "uuid", false),
            new Column(0, "note", "string", false));
    private static final Object[] FIRST = {
        1L,
        3,
        new BigDecimal("12.50"),
        0.25,
        true,
        LocalDate.of(2024, 2, 29),
        LocalDateTime.of(2024, 1, 5, 10, 0, 0, 123_456_000),
        OffsetDateTime.of(2024, 1, 5, 9, 0, 0, 0, ZoneOffset.UTC),
        UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
        "line one\nline \"two\""
    };
    private static final Object[] SECOND = {2L, null, null, null, null, null, null, null, null, ""};
    private static final RecordReject BAD =
            new RecordReject("malformed_number", "column 'amount': '1O.00' is not a number", "3,1O.00", "in/a.csv:4");

    RecordsContract(ContractProject project) {
        super(project, "records");
    }

    private static Batch.Records batch(boolean withReject) {
        return new Batch.Records(
                COLUMNS,
                sink -> {
                    sink.row(FIRST.clone(), "in/a.csv", 2);
                    if (withReject) {
                        sink.reject(BAD);
                    }
                    sink.row(SECOND.clone(), "in/a.csv", 5);
                },
                "records of the test source");
    }

    @Test
    void convertedRecordsAreStagedInTheirDeclaredTypes() {
        RelationInfo staged = session.stage(batch(false), Optional.empty());

        assertThat(staged.rowCount()).isEqualTo(2);
        assertThat(staged.schema().columns())
                .extracting(Column::name, Column::type)
                .startsWith(
                        org.assertj.core.api.Assertions.tuple("id", "long"),
                        org.assertj.core.api.Assertions.tuple("qty", "int"),
                        org.assertj.core.api.Assertions.tuple("amount", "decimal(10,2)"),
                        org.assertj.core.api.Assertions.tuple("ratio", "double"),
                        org.assertj.core.api.Assertions.tuple("paid", "boolean"),
                        org.assertj.core.api.Assertions.tuple("day", "date"),
                        org.assertj.core.api.Assertions.tuple("at", "timestamp"),
                        org.assertj.core.api.Assertions.tuple("at_utc", "timestamptz"));
        assertThat(rows("SELECT id, qty, CAST(amount AS VARCHAR), paid, CAST(day AS VARCHAR),"
                        + " CAST(\"at\" AS VARCHAR), CAST(ref AS VARCHAR), note, note IS NULL FROM source ORDER BY id"))
                .containsExactly(
                        row(
                                "1",
                                "3",
                                "12.50",
                                "true",
                                "2024-02-29",
                                "2024-01-05 10:00:00.123456",
                                "123e4567-e89b-12d3-a456-426614174000",
                                "line one\nline \"two\"",
                                "false"),
                        row("2", null, null, null, null, null, null, "", "false"));
    }

    @Test
    void aRejectFailsTheBatchNamingFileLineColumnAndValue() {
        assertThatThrownBy(() -> session.stage(batch(true), Optional.empty()))
                .isInstanceOfSatisfying(WeirException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
                    assertThat(e.render())
                            .startsWith("in/a.csv:4: Cannot load record: column 'amount': '1O.00' is not a number"
                                    + " (malformed_number)");
                });
    }

    @Test
    void aFailedBatchIsReadToItsEndSoThatItsRecordsAreCounted() {
        RecordReject later =
                new RecordReject("bad_date", "column 'day': '2024-02-30' is not a date", "9,2024-02-30", "in/b.csv:2");
        Batch.Records batch = new Batch.Records(
                COLUMNS,
                sink -> {
                    sink.row(FIRST.clone(), "in/a.csv", 2);
                    sink.reject(BAD);
                    sink.row(SECOND.clone(), "in/a.csv", 5);
                    sink.reject(later);
                    sink.row(SECOND.clone(), "in/b.csv", 3);
                },
                "records of the test source");

        assertThatThrownBy(() -> session.stage(batch, Optional.empty()))
                .isInstanceOfSatisfying(RejectedBatchException.class, e -> {
                    assertThat(e.records()).isEqualTo(5);
                    assertThat(e.rejected()).isEqualTo(2);
                    assertThat(e.render())
                            .startsWith("in/a.csv:4: Cannot load record: column 'amount': '1O.00' is not a number"
                                    + " (malformed_number); 2 of the batch's 5 records are rejects");
                });
    }

    @Test
    void underDeadLetterRejectsAreMalformedRecordsWithReasonOriginalTextAndOrigin() {
        RelationInfo staged = malformedRecords().stageKeepingMalformed(batch(true), Optional.empty(), MALFORMED);

        assertThat(staged.rowCount()).isEqualTo(2);
        assertThat(rows("SELECT \"" + EngineSession.REJECTED_CHECK + "\", \"" + EngineSession.REJECTED_REASON + "\", \""
                        + EngineSession.REJECTED_RECORD + "\", \"" + EngineSession.REJECTED_ORIGIN + "\" FROM "
                        + MALFORMED))
                .containsExactly(row(
                        "parse",
                        "malformed_number: column 'amount': '1O.00' is not a number",
                        "3,1O.00",
                        "in/a.csv:4"));
    }

    @Test
    void theKeyFilterKeepsOnlyConvertedRecordsPastTheWatermark() {
        RelationInfo staged =
                session.stage(batch(false), Optional.of(new Batch.KeyFilter("id", Optional.of("1"), Optional.empty())));

        assertThat(rows("SELECT id FROM source")).containsExactly(row("2"));
        assertThat(staged.rowCount()).isEqualTo(1);
    }

    @Test
    void lazilyStagedRecordsHaveTheirDeclaredColumns() {
        assertThat(lazily().stageLazily(batch(false)).columns())
                .extracting(Column::name)
                .containsExactly("id", "qty", "amount", "ratio", "paid", "day", "at", "at_utc", "ref", "note");
        assertThat(rows("SELECT count(*) FROM source")).containsExactly(row("2"));
    }
}
