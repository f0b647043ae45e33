package dev.weir.core.spec;

/**
 * A column Weir adds to every row it loads ({@code load.metadata_columns}), as dbt and dlt users
 * expect: when it was loaded, by which run, from where. An append-only table with
 * {@code loaded_at} can be read incrementally without a business timestamp.
 */
public enum MetadataColumn {
    /** The start of the run that loaded the row, a UTC {@code timestamptz}. */
    LOADED_AT("loaded_at", "_weir_loaded_at", "timestamptz"),
    /** The id of the run that loaded the row. */
    RUN_ID("run_id", "_weir_run_id", "string"),
    /**
     * Where the row came from: {@code file:line} of its record for a batch of files loaded without
     * transform stages or casts; otherwise the extract's connection (a glob, a table, a URL).
     */
    SOURCE("source", "_weir_source", "string");

    /** The prefix of every metadata column's name: such columns are never a change of the data. */
    public static final String PREFIX = "_weir_";

    private final String yamlName;
    private final String column;
    private final String icebergType;

    MetadataColumn(String yamlName, String column, String icebergType) {
        this.yamlName = yamlName;
        this.column = column;
        this.icebergType = icebergType;
    }

    public String yamlName() {
        return yamlName;
    }

    /** The column's name in the table. */
    public String column() {
        return column;
    }

    public String icebergType() {
        return icebergType;
    }
}
