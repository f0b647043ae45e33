package dev.weir.connectors.cdc;

import dev.weir.core.spi.Column;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A column a change brings besides the table's own: what it is about the change, by its name in {@code extract.change_columns}. */
enum ChangeColumn {
    LSN("lsn", "_cdc_lsn", "long"),
    COMMIT_TIME("commit_time", "_cdc_commit_time", "timestamptz"),
    TRANSACTION_ID("transaction_id", "_cdc_transaction_id", "long");

    /** The column naming what the change did: {@code snapshot}, {@code insert}, {@code update} or {@code delete}. */
    static final String OPERATION = "_cdc_operation";
    /** The column ordering every change of the pipeline as the source committed them, from 1. */
    static final String SEQUENCE = "_cdc_sequence";
    /** The time a soft-deleted row was deleted at the source (its transaction's commit); NULL while it lives. */
    static final String DELETED_AT = "_deleted_at";

    static final String DELETE = "delete";

    private final String yamlName;
    private final String column;
    private final String type;

    ChangeColumn(String yamlName, String column, String type) {
        this.yamlName = yamlName;
        this.column = column;
        this.type = type;
    }

    String yamlName() {
        return yamlName;
    }

    Column column() {
        return new Column(0, column, type, false);
    }

    static List<String> yamlNames() {
        return Arrays.stream(values()).map(ChangeColumn::yamlName).toList();
    }

    static Optional<ChangeColumn> ofYaml(String name) {
        return Arrays.stream(values()).filter(c -> c.yamlName.equals(name)).findFirst();
    }
}
