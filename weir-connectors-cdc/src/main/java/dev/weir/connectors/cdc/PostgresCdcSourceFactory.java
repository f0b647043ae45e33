package dev.weir.connectors.cdc;

import static dev.weir.core.spec.load.ValueType.INTEGER;
import static dev.weir.core.spec.load.ValueType.NUMBER;
import static dev.weir.core.spec.load.ValueType.STRING;
import static dev.weir.core.spec.load.ValueType.STRING_LIST;

import dev.weir.connectors.jdbc.ConnectionSpec;
import dev.weir.connectors.jdbc.ProjectDatabase;
import dev.weir.core.spec.ExtractSpec;
import dev.weir.core.spec.ExtractStrategy;
import dev.weir.core.spec.load.KeyRule;
import dev.weir.core.spec.load.MappingRule;
import dev.weir.core.spi.HealthFinding;
import dev.weir.core.spi.Source;
import dev.weir.core.spi.SourceContext;
import dev.weir.core.spi.SourceFactory;
import dev.weir.core.spi.SourceOptions;
import dev.weir.core.spi.SourceSection;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * {@code source_system: postgres} with {@code strategy: cdc}: a table's inserts, updates and
 * deletes, from a replication slot of the pipeline's own (pgoutput), through Debezium's embedded
 * engine; a snapshot of the table first.
 */
public final class PostgresCdcSourceFactory implements SourceFactory {
    private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*)?");

    private static final MappingRule KEYS = MappingRule.of(
            // declared exactly as the jdbc source declares it: a key two sources share must be one rule
            KeyRule.of("table", STRING, "table: public.orders"),
            KeyRule.of("deletes", STRING, "deletes: soft")
                    .oneOf(List.of("delete", "soft"))
                    .defaultsTo("delete"),
            KeyRule.of("change_columns", STRING_LIST, "change_columns: [lsn, commit_time]"),
            KeyRule.of("max_changes", INTEGER, "max_changes: 100000")
                    .range(1, 100_000_000)
                    .defaultsTo("100000"),
            // declared exactly as the kafka source declares it
            KeyRule.of("max_batch_seconds", NUMBER, "max_batch_seconds: 60").defaultsTo("60"));

    @Override
    public String sourceSystem() {
        return "postgres";
    }

    @Override
    public MappingRule keys() {
        return KEYS;
    }

    @Override
    public Set<ExtractStrategy> strategies() {
        return EnumSet.of(ExtractStrategy.CDC);
    }

    @Override
    public Optional<SourceOptions> read(SourceSection extract) {
        Optional<ConnectionSpec> connection = ProjectDatabase.read(extract);
        Optional<String> table = table(extract);
        Optional<List<ChangeColumn>> changeColumns = changeColumns(extract);
        Optional<Duration> maxBatchTime = seconds(extract);
        if (connection.isEmpty() || table.isEmpty() || changeColumns.isEmpty() || maxBatchTime.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CdcOptions(
                connection.get(),
                table.get(),
                extract.text("deletes").orElseThrow().equals("soft"),
                changeColumns.get(),
                Integer.parseInt(extract.text("max_changes").orElseThrow()),
                maxBatchTime.get()));
    }

    @Override
    public Source open(ExtractSpec extract, SourceContext context) {
        return new PostgresCdcSource((CdcOptions) extract.options(), context);
    }

    @Override
    public List<String> dropOrigin(ExtractSpec extract, SourceContext context) {
        CdcOptions options = (CdcOptions) extract.options();
        try (ProjectDatabase database = new ProjectDatabase(options.connection(), context);
                Connection connection = database.open()) {
            connection.setAutoCommit(true);
            return new ReplicationSlot(connection, ReplicationSlot.nameOf(context.pipeline())).drop();
        } catch (SQLException e) {
            throw new ProjectDatabase(options.connection(), context)
                    .failure("Cannot drop the replication slot of " + context.pipeline(), e);
        }
    }

    @Override
    public List<HealthFinding> checkOrigins(
            Map<String, ExtractSpec> extracts, Function<String, SourceContext> contexts) {
        return new SlotFindings(extracts, contexts).check();
    }

    private static Optional<String> table(SourceSection extract) {
        Optional<String> table = extract.text("table");
        if (table.isEmpty()) {
            extract.problem(
                    "table",
                    "Missing required key 'table'",
                    "name the table whose changes to read, such as 'table: public.orders'");
            return Optional.empty();
        }
        if (!TABLE.matcher(table.get()).matches()) {
            extract.problem(
                    "table",
                    "Invalid table '" + table.get() + "'",
                    "write schema.table or table, unquoted, such as 'table: public.orders'");
            return Optional.empty();
        }
        return table;
    }

    private static Optional<List<ChangeColumn>> changeColumns(SourceSection extract) {
        List<String> names = extract.has("change_columns")
                ? extract.strings("change_columns")
                : List.of(ChangeColumn.LSN.yamlName(), ChangeColumn.COMMIT_TIME.yamlName());
        List<ChangeColumn> columns = new ArrayList<>();
        for (String name : names) {
            Optional<ChangeColumn> column = ChangeColumn.ofYaml(name);
            if (column.isEmpty()) {
                extract.problem(
                        "change_columns",
                        "Unknown change column '" + name + "'",
                        "use any of " + ChangeColumn.yamlNames() + " (the operation and sequence columns are"
                                + " always there)");
                return Optional.empty();
            }
            if (!columns.contains(column.get())) {
                columns.add(column.get());
            }
        }
        return Optional.of(columns);
    }

    private static Optional<Duration> seconds(SourceSection extract) {
        double seconds = Double.parseDouble(extract.text("max_batch_seconds").orElseThrow());
        if (seconds <= 0 || seconds > 86_400) {
            extract.problem(
                    "max_batch_seconds",
                    "max_batch_seconds must be more than 0 and at most 86400",
                    "write a number such as 'max_batch_seconds: 30'");
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(Math.round(seconds * 1e9)));
    }
}
