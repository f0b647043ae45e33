package dev.weir.core.spec;

/** Formats the file source reads. */
public enum FileFormat {
    CSV("csv"),
    JSONL("jsonl"),
    PARQUET("parquet");

    private final String yamlName;

    FileFormat(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }
}
