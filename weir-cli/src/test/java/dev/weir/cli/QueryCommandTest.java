package dev.weir.cli;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.core.error.WeirException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryCommandTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "SELECT 1",
                "  with t AS (SELECT 1) SELECT * FROM t;",
                "(SELECT 1)",
                "DESCRIBE silver.orders",
                "FROM silver.orders"
            })
    void readOnlyStatementsAreAccepted(String sql) {
        assertThatCode(() -> QueryCommand.checkReadOnly(sql)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "DELETE FROM silver.orders",
                "COPY silver.orders TO 'x.csv'",
                "SELECT 1; DROP TABLE x",
                "ATTACH 'x.db'"
            })
    void writesAndSecondStatementsAreRefused(String sql) {
        assertThatThrownBy(() -> QueryCommand.checkReadOnly(sql))
                .isInstanceOf(WeirException.class)
                .hasMessageEndingWith("weir query runs one read-only statement");
    }

    @Test
    void copyOfAQueryToAFileIsRefused() {
        assertThatThrownBy(() -> QueryCommand.checkReadOnly("COPY (SELECT 1) TO '/tmp/x.parquet'"))
                .isInstanceOf(WeirException.class);
    }
}
