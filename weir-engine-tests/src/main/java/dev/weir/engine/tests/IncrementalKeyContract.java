package dev.weir.engine.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.RejectedBatchException;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.Batch;
import dev.weir.core.spi.EngineSession;
import dev.weir.core.spi.RelationInfo;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Batches staged past a watermark on an incremental key: the key is compared in its type, never
 * as text, and a row whose key is NULL or invalid is a reject that never moves the watermark.
 */
abstract class IncrementalKeyContract extends ContractTopic {
    IncrementalKeyContract(ContractProject project) {
        super(project, "keys");
    }

    @Test
    void aWatermarkOnATypedKeyKeepsRowsAfterIt() {
        Batch.Files batch = csv(
                "staging/events.csv",
                "id,updated_at\n1,2024-01-01 00:00:00\n2,2024-01-02 00:00:00\n" + "3,2024-01-02 00:00:01\n",
                column("id", "BIGINT"),
                column("updated_at", "TIMESTAMP"));

        RelationInfo past = session.stage(batch, Optional.of(after("updated_at", "2024-01-02 00:00:00")));
        assertThat(rows("SELECT id FROM source")).containsExactly(row("3"));
        assertThat(past.rowCount()).isEqualTo(1);

        RelationInfo first = session.stage(batch, Optional.of(firstRun("updated_at", Optional.empty())));
        assertThat(first.rowCount()).as("the first run extracts every row").isEqualTo(3);
    }

    /** Fail-fast: a row that cannot be placed before or after the watermark fails the batch, never vanishes. */
    @Test
    void aRowWithoutAKeyFailsTheBatchNamingTheFirstAndHowManyThereAre() {
        Batch.Files batch = csv(
                "staging/null_keys.csv",
                "id,updated_at\n1,2024-01-01 00:00:00\n2,\n3,\n",
                column("id", "BIGINT"),
                column("updated_at", "TIMESTAMP"));

        for (Optional<String> watermark : List.of(Optional.<String>empty(), Optional.of("2023-12-31 00:00:00"))) {
            assertThatThrownBy(() -> session.stage(
                            batch, Optional.of(new Batch.KeyFilter("updated_at", watermark, Optional.empty()))))
                    .isInstanceOfSatisfying(RejectedBatchException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
                        assertThat(e.records())
                                .as("the batch's rows, counted in the failed run")
                                .isEqualTo(3);
                        assertThat(e.rejected()).isEqualTo(2);
                        assertThat(e.getMessage())
                                .isEqualTo("Cannot extract incrementally on 'updated_at': 2 rows have no valid key;"
                                        + " the first, {\"id\":2,\"updated_at\":null}: null_key: updated_at is NULL");
                        assertThat(e.hint())
                                .hasValueSatisfying(
                                        hint -> assertThat(hint).contains("error_handling.strategy: dead-letter"));
                    });
        }
    }

    /** As text '99' > '103': a watermark compared so skips rows for good. */
    @Test
    void aTextKeyWithoutADeclaredTypeIsRefusedRatherThanComparedAsText() {
        Batch.Files batch = csv(
                "staging/text_key.csv", "id,name\n99,a\n103,b\n", column("id", "VARCHAR"), column("name", "VARCHAR"));

        for (Optional<String> watermark : List.of(Optional.<String>empty(), Optional.of("99"))) {
            assertThatThrownBy(() ->
                            session.stage(batch, Optional.of(new Batch.KeyFilter("id", watermark, Optional.empty()))))
                    .isInstanceOfSatisfying(WeirException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_FAILED);
                        assertThat(e.getMessage())
                                .isEqualTo("Cannot extract incrementally on 'id': it is text, and text compares"
                                        + " character by character ('99' > '103')");
                        assertThat(e.hint())
                                .hasValueSatisfying(hint -> assertThat(hint).contains("key_type: bigint"));
                    });
        }
    }

    @Test
    void aTextKeyWithADeclaredTypeIsComparedInThatType() {
        Batch.Files batch = csv(
                "staging/typed_text_key.csv",
                "id,name\n7,a\n99,b\n103,c\n1000,d\n",
                column("id", "VARCHAR"),
                column("name", "VARCHAR"));
        Optional<String> bigint = Optional.of("bigint");

        RelationInfo past = session.stage(batch, Optional.of(new Batch.KeyFilter("id", Optional.of("99"), bigint)));

        assertThat(rows("SELECT name FROM source ORDER BY name")).containsExactly(row("c"), row("d"));
        assertThat(past.rowCount()).isEqualTo(2);
        assertThat(types(past)).as("the staged column keeps its type").containsExactly("string", "string");
        assertThat(session.maxValue(EngineSession.SOURCE, "id", bigint)).contains("1000");
    }

    @Test
    void aWeirTableWithATextTimestampKeyIsComparedAsTimestamps() {
        TableId table = table("text_timestamps");
        load(
                append(table),
                "SELECT * FROM (VALUES (CAST(1 AS BIGINT), '2024-01-09 08:00:00'), (CAST(2 AS BIGINT), '2024-01-10 07:00:00'),"
                        + " (CAST(3 AS BIGINT), '2024-01-10T09:00:00')) AS t(id, updated_at)");
        attach(table);
        Optional<String> timestamp = Optional.of("timestamp");

        RelationInfo past = session.stage(
                new Batch.Table(table),
                Optional.of(new Batch.KeyFilter("updated_at", Optional.of("2024-01-09 12:00:00"), timestamp)));

        assertThat(rows("SELECT id FROM source ORDER BY id")).containsExactly(row("2"), row("3"));
        assertThat(past.rowCount()).isEqualTo(2);
        assertThat(session.maxValue(EngineSession.SOURCE, "updated_at", timestamp))
                .as("compared as text, '2024-01-10T09:00:00' would be greater")
                .contains("2024-01-10 09:00:00");
    }

    @Test
    void aDeclaredKeyTypeUnlikeTheTypeOfATypedColumnIsRefused() {
        Batch.Files batch = csv(
                "staging/typed_key.csv",
                "id,updated_at\n1,2024-01-01 10:00:00\n",
                column("id", "BIGINT"),
                column("updated_at", "TIMESTAMP"));

        assertThatThrownBy(() -> session.stage(
                        batch, Optional.of(new Batch.KeyFilter("updated_at", Optional.empty(), Optional.of("date")))))
                .isInstanceOfSatisfying(WeirException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_FAILED);
                    assertThat(e.getMessage())
                            .startsWith("Cannot extract incrementally on 'updated_at': it is TIMESTAMP,"
                                    + " not text, and key_type date would compare it otherwise");
                });
    }

    /** Runs that compared a text key as text may have committed a watermark such as 'yesterday'. */
    @Test
    void aWatermarkThatIsNotAValueOfTheKeyTypeIsASourceErrorNamingIt() {
        Batch.Files batch = csv(
                "staging/old_watermark.csv",
                "id,updated_at\n1,2024-01-01 10:00:00\n",
                column("id", "BIGINT"),
                column("updated_at", "VARCHAR"));

        assertThatThrownBy(() -> session.stage(
                        batch,
                        Optional.of(
                                new Batch.KeyFilter("updated_at", Optional.of("yesterday"), Optional.of("timestamp")))))
                .isInstanceOfSatisfying(WeirException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_FAILED);
                    assertThat(e.getMessage())
                            .isEqualTo("Cannot extract incrementally on 'updated_at': the committed watermark"
                                    + " 'yesterday' is not a valid timestamp");
                    assertThat(e.hint())
                            .hasValueSatisfying(hint -> assertThat(hint).contains("weir table rollback"));
                });
    }

    @Test
    void aWatermarkOnAColumnTheBatchLacksIsASourceErrorNamingTheColumns() {
        Batch.Files batch = csv(
                "staging/no_key.csv",
                "id,changed_at\n1,2024-01-01\n",
                column("id", "VARCHAR"),
                column("changed_at", "VARCHAR"));

        assertThatThrownBy(() -> session.stage(batch, Optional.of(firstRun("updated_at", Optional.empty()))))
                .isInstanceOfSatisfying(WeirException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_FAILED);
                    assertThat(e.getMessage())
                            .isEqualTo("Cannot extract incrementally on 'updated_at': the source has no such column");
                    assertThat(e.hint())
                            .hasValueSatisfying(
                                    hint -> assertThat(hint).contains("id").contains("changed_at"));
                });
    }
}
