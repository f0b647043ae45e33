package dev.weir.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.core.spi.Column;
import dev.weir.core.spi.EngineSession;
import dev.weir.core.spi.RejectedRows;
import dev.weir.core.spi.RelationInfo;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuarantineRowsIT {
    private static final Instant AT = Instant.parse("2026-11-25T22:42:01.512Z");

    @TempDir
    Path dir;

    private DuckDbSession session;

    @BeforeEach
    void open() {
        session = (DuckDbSession) new DuckDbEngine(Optional.of("1GB")).openSession(dir.resolve("scratch"));
        String rejected = ", 'range(quantity)' AS \"" + EngineSession.REJECTED_CHECK
                + "\", 'quantity = -1 is outside [1, 100]' AS \"" + EngineSession.REJECTED_REASON + "\", '{}' AS \""
                + EngineSession.REJECTED_RECORD + "\"";
        session.runStage(
                "rejected",
                "SELECT * " + rejected + " FROM (VALUES (5282, 'x'), (NULL, 'y')) t(order_id, \"line id\")");
        session.runStage(
                "malformed",
                "SELECT 'parse' AS \"" + EngineSession.REJECTED_CHECK + "\", 'bad' AS \""
                        + EngineSession.REJECTED_REASON + "\", '1,2,' AS \"" + EngineSession.REJECTED_RECORD
                        + "\", 'data/orders.csv:3' AS \"" + EngineSession.REJECTED_ORIGIN + "\"");
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void rejectedRowsBecomeQuarantineRowsWithRunPipelineTimeAndOrigin() {
        RelationInfo rows = session.quarantineRows(
                "q",
                List.of(
                        new RejectedRows.Rejects(
                                "malformed", new RejectedRows.OriginColumn(EngineSession.REJECTED_ORIGIN)),
                        new RejectedRows.Rejects(
                                "rejected",
                                new RejectedRows.SourceKeys("bronze.orders", List.of("order_id", "line id")))),
                "20261125T224201Z-ee24d4e0",
                "silver_orders",
                AT);

        assertThat(rows.rowCount()).isEqualTo(3);
        assertThat(rows.schema().columns())
                .extracting(Column::name, Column::type)
                .containsExactly(
                        Tuple.tuple("run_id", "string"),
                        Tuple.tuple("pipeline", "string"),
                        Tuple.tuple("rejected_at", "timestamp"),
                        Tuple.tuple("check_name", "string"),
                        Tuple.tuple("reason", "string"),
                        Tuple.tuple("raw_record", "string"),
                        Tuple.tuple("origin", "string"));
        assertThat(session.query("SELECT * FROM q ORDER BY origin", 10).rows())
                .containsExactly(
                        List.of(
                                "20261125T224201Z-ee24d4e0",
                                "silver_orders",
                                "2026-11-25 22:42:01.512",
                                "range(quantity)",
                                "quantity = -1 is outside [1, 100]",
                                "{}",
                                "bronze.orders order_id=5282, line id=x"),
                        List.of(
                                "20261125T224201Z-ee24d4e0",
                                "silver_orders",
                                "2026-11-25 22:42:01.512",
                                "range(quantity)",
                                "quantity = -1 is outside [1, 100]",
                                "{}",
                                "bronze.orders order_id=NULL, line id=y"),
                        List.of(
                                "20261125T224201Z-ee24d4e0",
                                "silver_orders",
                                "2026-11-25 22:42:01.512",
                                "parse",
                                "bad",
                                "1,2,",
                                "data/orders.csv:3"));
    }

    @Test
    void withoutKeysTheOriginIsTheSource() {
        session.quarantineRows(
                "q",
                List.of(new RejectedRows.Rejects("rejected", new RejectedRows.SourceKeys("it's.csv", List.of()))),
                "r1",
                "p",
                AT);

        assertThat(session.query("SELECT DISTINCT origin FROM q", 10).rows()).containsExactly(List.of("it's.csv"));
    }

    @Test
    void someRelationOfRejectsIsNeeded() {
        assertThatThrownBy(() -> session.quarantineRows("q", List.of(), "r1", "p", AT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("quarantineRows needs at least one relation of rejects");
    }
}
