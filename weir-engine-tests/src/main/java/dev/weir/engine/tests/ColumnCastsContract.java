package dev.weir.engine.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.spi.Column;
import dev.weir.core.spi.ColumnCasts;
import dev.weir.core.spi.EngineSession;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A relation is cast to a contract's types: each column comes out as the declared type, and a row
 * whose value does not fit goes to the rejected relation with the column and the reason.
 */
abstract class ColumnCastsContract extends ContractTopic {
    ColumnCastsContract(ContractProject project) {
        super(project, "column_casts");
    }

    private ColumnCasts.Casted cast(String sql, ColumnCasts.Cast... casts) {
        session.runStage("loaded", sql);
        return capability(ColumnCasts.class).castColumns("typed", "misfits", "loaded", List.of(casts));
    }

    @Test
    void sumOfADecimalComesOutAsTheDeclaredDecimal() {
        ColumnCasts.Casted casted = cast(
                "SELECT day, sum(CAST(amount AS DECIMAL(10,2))) AS revenue FROM (VALUES (1, '10.00'), (1, '20.50'),"
                        + " (2, NULL)) AS t(day, amount) GROUP BY day",
                new ColumnCasts.Cast("revenue", "DECIMAL(10,2)"));

        assertThat(casted.rejectedRows()).isZero();
        assertThat(casted.first()).isEmpty();
        assertThat(casted.cast().schema().columns())
                .extracting(Column::name, Column::type)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("day", "int"),
                        org.assertj.core.groups.Tuple.tuple("revenue", "decimal(10,2)"));
        assertThat(rows("SELECT day, revenue FROM typed ORDER BY day"))
                .containsExactly(row("1", "30.50"), row("2", null));
    }

    @Test
    void numberTheTypeCannotHoldIsOutOfRange() {
        ColumnCasts.Casted casted = cast(
                "SELECT id, sum(CAST(amount AS DECIMAL(10,2))) AS revenue FROM (VALUES (1, '99999999.99'),"
                        + " (1, '99999999.99'), (2, '5.00')) AS t(id, amount) GROUP BY id",
                new ColumnCasts.Cast("revenue", "DECIMAL(10,2)"));

        assertThat(casted.rejectedRows()).isEqualTo(1);
        assertThat(casted.cast().rowCount()).isEqualTo(1);
        assertThat(casted.first())
                .contains(new ColumnCasts.Misfit(
                        "revenue", "out_of_range: revenue = 199999999.98 does not fit DECIMAL(10,2)"));
        assertThat(rows("SELECT id, " + EngineSession.REJECTED_CHECK + ", " + EngineSession.REJECTED_RECORD
                        + " FROM misfits"))
                .containsExactly(row("1", "type(revenue)", "{\"id\":1,\"revenue\":199999999.98}"));
    }

    @Test
    void textThatIsNotANumberIsATypeMismatchAndTheFirstColumnThatDoesNotFitNamesTheReject() {
        ColumnCasts.Casted casted = cast(
                "SELECT * FROM (VALUES ('7', 'x', '2024-03-01'), ('n/a', 'y', 'soon')) AS t(qty, label, day)",
                new ColumnCasts.Cast("qty", "INTEGER"),
                new ColumnCasts.Cast("day", "DATE"));

        assertThat(casted.rejectedRows()).isEqualTo(1);
        assertThat(casted.first())
                .contains(new ColumnCasts.Misfit("qty", "type_mismatch: qty = n/a is not a valid INTEGER"));
        assertThat(casted.cast().schema().columns()).extracting(Column::type).containsExactly("int", "string", "date");
        assertThat(rows("SELECT qty, label, day FROM typed")).containsExactly(row("7", "x", "2024-03-01"));
    }
}
