package dev.weir.engine.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.SqlFailure;
import org.junit.jupiter.api.Test;

/**
 * A stage whose SQL fails says where in the SQL it failed, as a character offset of the text it
 * was given (core maps it to the user's file): unknown columns, syntax errors and values that do not
 * convert while the stage runs.
 */
abstract class StageSqlContract extends ContractTopic {
    StageSqlContract(ContractProject project) {
        super(project, "stage_sql");
    }

    private SqlFailure failure(String sql) {
        return catchThrowableOfType(() -> session.runStage("bad", sql), SqlFailure.class);
    }

    @Test
    void unknownColumnFailsAtTheColumn() {
        String sql = "SELECT id,\n  amout\nFROM (SELECT 1 AS id, 2 AS amount) AS t";

        SqlFailure e = failure(sql);

        assertThat(e.code()).isEqualTo(ErrorCode.TRANSFORM_FAILED);
        assertThat(e.getMessage()).startsWith("Cannot run stage 'bad': ").contains("amout");
        assertThat(e.offset()).hasValue(sql.indexOf("amout"));
    }

    @Test
    void offsetCountsCharactersNotBytesAfterNonAsciiText() {
        String sql = "SELECT 'Zoë 🦆' AS name, amout FROM (SELECT 1 AS amount) AS t";

        assertThat(failure(sql).offset()).hasValue(sql.indexOf("amout"));
    }

    @Test
    void syntaxErrorFailsWhereTheParserStopped() {
        String sql = "SELECT *\nFORM (SELECT 1 AS id) AS t";

        SqlFailure e = failure(sql);

        assertThat(e.offset()).isPresent();
        assertThat(e.offset().getAsInt()).isBetween(sql.indexOf("FORM"), sql.indexOf("(SELECT"));
    }

    @Test
    void valueThatDoesNotConvertFailsAtItsCast() {
        String sql = "SELECT id, CAST(amount AS INTEGER) AS amount FROM (SELECT 1 AS id, 'x' AS amount) AS t";

        SqlFailure e = failure(sql);

        assertThat(e.getMessage()).contains("'x'");
        assertThat(e.offset()).hasValue(sql.indexOf("CAST"));
    }
}
