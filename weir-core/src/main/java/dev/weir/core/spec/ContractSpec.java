package dev.weir.core.spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A data contract ({@code contracts/*.yaml}, the seed's Data Contract Template): what the table
 * {@code table} promises its consumers. Every pipeline that loads {@code table} is bound to it:
 * its row-level checks run on each batch before the load, its table-level {@code checks} on the
 * table before it is published.
 */
public record ContractSpec(
        Path file,
        String name,
        String version,
        String owner,
        List<String> consumers,
        TableId table,
        SlaSpec sla,
        List<ContractColumn> columns,
        List<CheckSpec> checks,
        BreakingChangePolicy breakingChangePolicy,
        Optional<String> notificationChannel) {
    public ContractSpec {
        Objects.requireNonNull(file, "file is null");
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(version, "version is null");
        Objects.requireNonNull(owner, "owner is null");
        consumers = List.copyOf(consumers);
        Objects.requireNonNull(table, "table is null");
        Objects.requireNonNull(sla, "sla is null");
        columns = List.copyOf(columns);
        checks = List.copyOf(checks);
        Objects.requireNonNull(breakingChangePolicy, "breakingChangePolicy is null");
        Objects.requireNonNull(notificationChannel, "notificationChannel is null");
    }

    public Optional<ContractColumn> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    /** Every check the contract declares: each column's, then the table-level ones. */
    public List<CheckSpec> allChecks() {
        List<CheckSpec> all = new ArrayList<>();
        columns.forEach(c -> all.addAll(c.checks()));
        all.addAll(checks);
        return List.copyOf(all);
    }
}
