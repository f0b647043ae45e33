package dev.weir.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.Column;
import dev.weir.core.spi.EngineSession;
import dev.weir.core.spi.TableSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelationCountsIT {
    @TempDir
    Path dir;

    private EngineSession session;

    @BeforeEach
    void open() {
        session = new DuckDbEngine(Optional.of("1GB")).openSession(dir.resolve("scratch"));
        session.runStage(
                "orders",
                "SELECT * FROM (VALUES (1, 'a', 'paid'), (2, NULL, 'paid'), (NULL, 'c', NULL), (NULL, NULL, 'it''s'),"
                        + " (5, 'e', 'placed')) t(order_id, \"line id\", status)");
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void countCountsTheRowsOfASessionRelationOrAnAttachedTable() {
        session.attachTable(
                new TableId("silver", "empty"),
                new TableSchema(List.of(new Column(1, "id", "long", false))),
                List.of());

        assertThat(session.count("orders")).isEqualTo(5);
        assertThat(session.count("silver.empty")).isZero();
    }

    @Test
    void countByCountsTheRowsOfEachNonNullValueAsText() {
        assertThat(session.countBy("orders", "status")).isEqualTo(Map.of("paid", 2L, "placed", 1L, "it's", 1L));
        assertThat(session.countBy("orders", "order_id")).isEqualTo(Map.of("1", 1L, "2", 1L, "5", 1L));
    }

    @Test
    void countAnyNullCountsRowsWithANullInAnyOfTheColumnsQuotedByTheEngine() {
        assertThat(session.countAnyNull("orders", List.of("order_id"))).isEqualTo(2);
        assertThat(session.countAnyNull("orders", List.of("order_id", "line id")))
                .isEqualTo(3);
        assertThat(session.countAnyNull("orders", List.of("status"))).isEqualTo(1);
    }

    @Test
    void countAnyNullNeedsAColumn() {
        assertThatThrownBy(() -> session.countAnyNull("orders", List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("countAnyNull needs at least one column");
    }

    @Test
    void aMissingRelationIsAnInternalError() {
        assertThatThrownBy(() -> session.count("nope")).isInstanceOfSatisfying(WeirException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL);
            assertThat(e.getMessage()).contains("nope");
        });
    }
}
