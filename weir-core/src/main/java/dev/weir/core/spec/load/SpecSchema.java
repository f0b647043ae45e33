package dev.weir.core.spec.load;

import static dev.weir.core.spec.load.ValueType.BOOLEAN;
import static dev.weir.core.spec.load.ValueType.INTEGER;
import static dev.weir.core.spec.load.ValueType.LITERAL;
import static dev.weir.core.spec.load.ValueType.LONG;
import static dev.weir.core.spec.load.ValueType.NAMED_MAPPINGS;
import static dev.weir.core.spec.load.ValueType.NUMBER;
import static dev.weir.core.spec.load.ValueType.STRING;
import static dev.weir.core.spec.load.ValueType.STRING_LIST;

import dev.weir.core.spec.BreakingChangePolicy;
import dev.weir.core.spec.ErrorHandlingSpec;
import dev.weir.core.spec.ErrorStrategy;
import dev.weir.core.spec.ExtractStrategy;
import dev.weir.core.spec.LoadStrategy;
import dev.weir.core.spec.MergeMode;
import dev.weir.core.spec.ReconcileDeletesSpec;
import dev.weir.core.spec.ScheduleSpec;
import dev.weir.core.spec.Severity;
import dev.weir.core.spi.AlertChannelFactory;
import dev.weir.core.spi.SourceFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one description of every key Weir's spec files may hold: {@code weir.yaml} ({@link #project}),
 * pipeline files ({@link #pipeline}) and contract files ({@link #CONTRACT_FILE}); installed plugins add sources,
 * engines and alert channels. The validator checks files against it, the readers take
 * defaults from it, and a test keeps {@code docs/schema/*.schema.json} in step with it.
 */
final class SpecSchema {
    static final String DUCKDB = "duckdb";
    /** The reconciliation source that means the run's extracted batch rather than a table. */
    static final String BATCH = "batch";

    private static final Pattern PROJECT_NAME = Pattern.compile("[a-z][a-z0-9_-]*");
    private static final Pattern LOWER_IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern STAGE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern TABLE = Pattern.compile("[a-z_][a-z0-9_]*\\.[a-z_][a-z0-9_]*");
    private static final Pattern BATCH_OR_TABLE = Pattern.compile("(?:" + BATCH + "|" + TABLE.pattern() + ")");
    private static final Pattern JDBC_URL = Pattern.compile("jdbc:.+", Pattern.DOTALL);
    /**
     * The types an incremental key may be compared in: numbers, dates and timestamps, in lower or
     * upper case. Text is not one: '99' > '103' as text, and a watermark compared as text skips rows.
     */
    private static final Pattern KEY_TYPE = Pattern.compile("(?:smallint|integer|int|bigint|date|timestamp|timestamptz"
            + "|decimal\\([0-9]+, ?[0-9]+\\)|SMALLINT|INTEGER|INT|BIGINT|DATE|TIMESTAMP|TIMESTAMPTZ"
            + "|DECIMAL\\([0-9]+, ?[0-9]+\\))");

    private static final String LOWER_IDENTIFIER_TEXT = "a lower-case identifier such as silver_orders (a-z, 0-9, _)";
    private static final String TABLE_TEXT = "namespace.table in lower case, such as silver.orders";
    private static final String SPARK = "spark";
    private static final String SPARK_PLANNED = "the spark engine is planned but not available yet; use duckdb";

    static final MappingRule PIPELINE_INFO = MappingRule.of(
            KeyRule.of("name", STRING, "name: silver_orders")
                    .required()
                    .format(LOWER_IDENTIFIER, LOWER_IDENTIFIER_TEXT),
            KeyRule.of("owner", STRING, "owner: data-eng"),
            KeyRule.of("description", STRING, "description: Orders, cleaned and deduplicated"),
            KeyRule.of("schedule", STRING, "schedule: \"0 * * * *\""),
            KeyRule.of("catch_up", STRING, "catch_up: last")
                    .oneOf(names(ScheduleSpec.CatchUp.values(), ScheduleSpec.CatchUp::yamlName))
                    .defaultsTo("last"),
            KeyRule.of("on_busy", STRING, "on_busy: queue")
                    .oneOf(names(ScheduleSpec.OnBusy.values(), ScheduleSpec.OnBusy::yamlName))
                    .defaultsTo("queue"),
            KeyRule.of("max_concurrent", INTEGER, "max_concurrent: 1")
                    .atLeast(1)
                    .defaultsTo("1"),
            KeyRule.of(ScheduleReader.FOLLOW_INTERVAL, INTEGER, ScheduleReader.FOLLOW_INTERVAL + ": 10")
                    .atLeast(1)
                    .defaultsTo("10"),
            KeyRule.of("sla_minutes", INTEGER, "sla_minutes: 30").atLeast(0).defaultsTo("0"),
            KeyRule.of("tier", INTEGER, "tier: 1").range(1, 3).defaultsTo("3"),
            KeyRule.of("max_lag", INTEGER, "max_lag: 10000").atLeast(1),
            KeyRule.of("depends_on", STRING_LIST, "depends_on: [bronze_orders]")
                    .format(LOWER_IDENTIFIER, LOWER_IDENTIFIER_TEXT));

    /** The keys of {@code extract:} that every source shares; each source adds its own. */
    private static final List<KeyRule> EXTRACT_COMMON_TAIL = List.of(
            KeyRule.of("strategy", STRING, "strategy: full")
                    .required()
                    .oneOf(names(ExtractStrategy.values(), ExtractStrategy::yamlName)),
            KeyRule.of("incremental_key", STRING, "incremental_key: updated_at"),
            KeyRule.of("key_type", STRING, "key_type: timestamp")
                    .format(
                            KEY_TYPE,
                            "the type the key's values have: bigint, integer, smallint, decimal(p,s), date, timestamp"
                                    + " or timestamptz (a text key would compare character by character)"),
            KeyRule.of("watermark_storage", STRING, "watermark_storage: table")
                    .oneOf(List.of("table"))
                    .defaultsTo("table"),
            KeyRule.section(
                    "reconcile_deletes",
                    MappingRule.of(
                            KeyRule.of("every_runs", INTEGER, "every_runs: 10")
                                    .atLeast(1)
                                    .defaultsTo(String.valueOf(ReconcileDeletesSpec.DEFAULT_EVERY_RUNS)),
                            KeyRule.of("mode", STRING, "mode: delete")
                                    .oneOf(ReconcileDeletesSpec.Mode.yamlNames())
                                    .defaultsTo(ReconcileDeletesSpec.Mode.DELETE.yamlName()),
                            KeyRule.of("max_delete_percent", INTEGER, "max_delete_percent: 10")
                                    .range(0, 100)
                                    .defaultsTo(String.valueOf(ReconcileDeletesSpec.DEFAULT_MAX_DELETE_PERCENT))),
                    "reconcile_deletes: {every_runs: 10, mode: delete, max_delete_percent: 10}"));

    static final MappingRule STAGE = MappingRule.of(
            KeyRule.of("name", STRING, "name: clean")
                    .required()
                    .format(STAGE_NAME, "an identifier such as clean (letters, digits and _; no dots)"),
            KeyRule.of("sql", STRING, "sql: select * from source"),
            KeyRule.of("sql_file", STRING, "sql_file: sql/clean.sql"),
            KeyRule.of("operations", STRING_LIST, "operations: [dedupe, trim]"));

    static final MappingRule LOAD = MappingRule.of(
            KeyRule.of("target", STRING, "target: silver.orders").required().format(TABLE, TABLE_TEXT),
            KeyRule.of("strategy", STRING, "strategy: append")
                    .required()
                    .oneOf(names(LoadStrategy.values(), LoadStrategy::yamlName)),
            KeyRule.of("merge_keys", STRING_LIST, "merge_keys: [order_id]"),
            KeyRule.of("merge_mode", STRING, "merge_mode: merge-on-read")
                    .oneOf(names(MergeMode.values(), MergeMode::yamlName))
                    .defaultsTo(MergeMode.MERGE_ON_READ.yamlName()),
            KeyRule.of("sequence_by", STRING, "sequence_by: updated_at"),
            KeyRule.of("track_columns", STRING_LIST, "track_columns: [name, status]"),
            KeyRule.of("metadata_columns", STRING_LIST, "metadata_columns: [loaded_at, run_id, source]"),
            KeyRule.of("delete_when", STRING, "delete_when: \"op = 'D'\""),
            KeyRule.of("partition_key", STRING, "partition_key: day(order_date)"),
            KeyRule.of("clustering_keys", STRING_LIST, "clustering_keys: [customer_id]"));

    /** The {@code params} of each check type, by the type's YAML name (the order documentation lists them in). */
    static final Map<String, MappingRule> CHECK_PARAMS = checkParams();

    static final MappingRule CHECK = MappingRule.of(
            KeyRule.of("type", STRING, "type: not_null").required().oneOf(List.copyOf(CHECK_PARAMS.keySet())),
            KeyRule.of("name", STRING, "name: positive_quantity"),
            KeyRule.of("column", STRING, "column: order_id"),
            KeyRule.of("columns", STRING_LIST, "columns: [order_id, line_no]"),
            KeyRule.of("severity", STRING, "severity: P1")
                    .oneOf(names(Severity.values(), Severity::name))
                    .defaultsTo(Severity.P1.name()),
            KeyRule.of("block", BOOLEAN, "block: false"),
            KeyRule.selectedSection("params", "type", CHECK_PARAMS, "params: {min: 0, max: 1000}"));

    static final MappingRule QUALITY_GATES = MappingRule.of(
            KeyRule.sectionList("pre_load", CHECK, "pre_load: [{type: not_null, column: order_id}]"),
            KeyRule.sectionList("post_load", CHECK, "post_load: [{type: volume, params: {min_rows: 1}}]"));

    static final MappingRule SLA = MappingRule.of(
            KeyRule.of("freshness_hours", NUMBER, "freshness_hours: 24").above(0),
            KeyRule.of("availability_percent", NUMBER, "availability_percent: 99.9")
                    .range(0, 100),
            KeyRule.of("support_hours", STRING, "support_hours: business-hours")
                    .oneOf(List.of("business-hours", "24x7")));

    static final MappingRule CONTRACT_COLUMN = MappingRule.of(
            KeyRule.of("column", STRING, "column: order_id").required(),
            KeyRule.of("type", STRING, "type: BIGINT").required(),
            KeyRule.of("nullable", BOOLEAN, "nullable: false").defaultsTo("true"),
            KeyRule.of("description", STRING, "description: The shop's order number"),
            KeyRule.of("business_definition", STRING, "business_definition: One order, however many lines it has"),
            KeyRule.of("pii", BOOLEAN, "pii: true").defaultsTo("false"),
            KeyRule.of("renamed_from", STRING, "renamed_from: customer")
                    .format(LOWER_IDENTIFIER, LOWER_IDENTIFIER_TEXT),
            KeyRule.sectionList("checks", CHECK, "checks: [{type: unique}]"));

    static final MappingRule CONTRACT = MappingRule.of(
            KeyRule.of("name", STRING, "name: silver_orders")
                    .required()
                    .format(LOWER_IDENTIFIER, LOWER_IDENTIFIER_TEXT),
            KeyRule.of("version", STRING, "version: \"1.0.0\"").required(),
            KeyRule.of("owner", STRING, "owner: data-eng").required(),
            KeyRule.of("consumers", STRING_LIST, "consumers: [finance, bi]"),
            KeyRule.of("table", STRING, "table: silver.orders").required().format(TABLE, TABLE_TEXT),
            KeyRule.section("sla", SLA, "sla: {freshness_hours: 24, availability_percent: 99.9}"),
            KeyRule.sectionList(
                    "schema", CONTRACT_COLUMN, "schema: [{column: order_id, type: BIGINT, nullable: false}]"),
            KeyRule.sectionList("checks", CHECK, "checks: [{type: volume, params: {min_rows: 1}}]"),
            KeyRule.of("breaking_change_policy", STRING, "breaking_change_policy: notify-30-days")
                    .oneOf(names(BreakingChangePolicy.values(), BreakingChangePolicy::yamlName))
                    .defaultsTo(BreakingChangePolicy.NOTIFY_30_DAYS.yamlName()),
            KeyRule.of("notification_channel", STRING, "notification_channel: \"#data-alerts\""));

    static final MappingRule CONTRACT_FILE = MappingRule.of(KeyRule.section(
                    "contract",
                    CONTRACT,
                    "contract: {name: silver_orders, version: \"1.0.0\", owner: data-eng, table: silver.orders}")
            .required());

    /** {@code weir.yaml}, with the engines installed. */
    final MappingRule project;
    /** A pipeline file, with the sources, engines and alert channels installed. */
    final MappingRule pipeline;
    /** {@code extract:}: the common keys and every installed source's own. */
    final MappingRule extract;

    SpecSchema(SpecPlugins plugins) {
        MappingRule errorHandling = errorHandling(plugins);
        KeyRule engine = engine(plugins);
        this.project = MappingRule.of(
                KeyRule.of("name", STRING, "name: shop")
                        .required()
                        .format(PROJECT_NAME, "a lower-case name such as shop (a-z, 0-9, _ and -)"),
                engine.defaultsTo(DUCKDB),
                KeyRule.of("state_dir", STRING, "state_dir: .weir").defaultsTo(".weir"),
                KeyRule.of("warehouse", STRING, "warehouse: .weir/warehouse"),
                KeyRule.of("metastore", STRING, "metastore: jdbc:sqlite:.weir/weir.db")
                        .format(JDBC_URL, "a JDBC URL such as jdbc:sqlite:.weir/weir.db"),
                KeyRule.of("metastore_user", STRING, "metastore_user: weir"),
                KeyRule.of("metastore_password", STRING, "metastore_password: \"${env:WEIR_METASTORE_PASSWORD}\""),
                KeyRule.of(
                        "connections",
                        NAMED_MAPPINGS,
                        "connections: {shop: {url: \"jdbc:postgresql://localhost:5432/shop\", user: weir,"
                                + " password: \"${env:SHOP_DB_PASSWORD}\"}}"),
                KeyRule.section("alerts", ProjectSections.ALERTS, "alerts: {quiet_minutes: 60, digest_at: \"09:00\"}"),
                KeyRule.section(
                        "scheduler", ProjectSections.SCHEDULER, "scheduler: {time_zone: UTC, max_concurrent: 4}"),
                KeyRule.section(
                        "defaults",
                        MappingRule.of(
                                KeyRule.of("owner", STRING, "owner: data-eng"),
                                KeyRule.section(
                                        "error_handling", errorHandling, "error_handling: {strategy: fail-fast}")),
                        "defaults: {owner: data-eng}"));
        this.extract = extract(plugins);
        this.pipeline = MappingRule.of(
                KeyRule.section("pipeline", PIPELINE_INFO, "pipeline: {name: silver_orders}")
                        .required(),
                KeyRule.section(
                                "extract",
                                extract,
                                "extract: {source_system: files, connection: data/orders.csv, format: csv, strategy: full}")
                        .required(),
                KeyRule.section(
                        "transform",
                        MappingRule.of(
                                engine,
                                KeyRule.sectionList(
                                        "stages", STAGE, "stages: [{name: clean, sql: select * from source}]")),
                        "transform: {stages: [{name: clean, sql: select * from source}]}"),
                KeyRule.section("load", LOAD, "load: {target: silver.orders, strategy: append}")
                        .required(),
                KeyRule.section("quality_gates", QUALITY_GATES, "quality_gates: {pre_load: [], post_load: []}"),
                KeyRule.section("error_handling", errorHandling, "error_handling: {strategy: fail-fast}"));
    }

    private static KeyRule engine(SpecPlugins plugins) {
        KeyRule engine = KeyRule.of("engine", STRING, "engine: duckdb").oneOf(plugins.engines());
        return plugins.engines().contains(SPARK) ? engine : engine.planned(SPARK, SPARK_PLANNED);
    }

    private static MappingRule errorHandling(SpecPlugins plugins) {
        // sorted, so that the hint reads the same whatever order the class path lists the plugins in
        List<String> descriptions = plugins.alertChannels().stream()
                .map(AlertChannelFactory::description)
                .sorted()
                .toList();
        String description = descriptions.size() < 2
                ? String.join("", descriptions)
                : String.join(", ", descriptions.subList(0, descriptions.size() - 1)) + ", or "
                        + descriptions.get(descriptions.size() - 1);
        Pattern channels = Pattern.compile(plugins.alertChannels().stream()
                .map(f -> f.accepts().pattern())
                .map(p -> p.contains("|") ? "(?:" + p + ")" : p)
                .collect(Collectors.joining("|", "(", ")")));
        return MappingRule.of(
                KeyRule.of("strategy", STRING, "strategy: fail-fast")
                        .oneOf(Arrays.stream(ErrorStrategy.values())
                                .map(ErrorStrategy::yamlName)
                                .toList())
                        .defaultsTo(ErrorHandlingSpec.DEFAULTS.strategy().yamlName()),
                KeyRule.of("max_retries", INTEGER, "max_retries: 3")
                        .atLeast(0)
                        .defaultsTo(String.valueOf(ErrorHandlingSpec.DEFAULTS.maxRetries())),
                KeyRule.of("retry_delay_seconds", INTEGER, "retry_delay_seconds: 300")
                        .atLeast(0)
                        .defaultsTo(String.valueOf(ErrorHandlingSpec.DEFAULTS.retryDelaySeconds())),
                KeyRule.of("alert_channels", STRING_LIST, "alert_channels: [log]")
                        .format(channels, description));
    }

    /**
     * The common keys, then each source's own in the order of their source systems. A key two
     * sources declare must be declared alike, since one section holds it.
     */
    private static MappingRule extract(SpecPlugins plugins) {
        List<KeyRule> keys = new ArrayList<>();
        keys.add(KeyRule.of("source_system", STRING, "source_system: files")
                .required()
                .oneOf(List.copyOf(plugins.sources().keySet())));
        keys.add(KeyRule.of("connection", STRING, "connection: data/orders/*.csv")
                .required());
        keys.addAll(EXTRACT_COMMON_TAIL);
        Map<String, String> declaredBy = new LinkedHashMap<>();
        for (SourceFactory source : plugins.sources().values()) {
            for (KeyRule key : source.keys().keys()) {
                Optional<KeyRule> same =
                        keys.stream().filter(k -> k.key().equals(key.key())).findFirst();
                if (same.isEmpty()) {
                    keys.add(key);
                    declaredBy.put(key.key(), source.sourceSystem());
                } else if (!same.get().equals(key) || !declaredBy.containsKey(key.key())) {
                    throw new IllegalStateException(
                            "Source plugin '" + source.sourceSystem() + "' declares extract key '" + key.key()
                                    + "' unlike " + declaredBy.getOrDefault(key.key(), "the common keys"));
                }
            }
        }
        return new MappingRule(keys);
    }

    /** The common keys of {@code extract:}, which every source accepts. */
    static List<String> commonExtractKeys() {
        List<String> names = new ArrayList<>(List.of("source_system", "connection"));
        EXTRACT_COMMON_TAIL.forEach(k -> names.add(k.key()));
        return names;
    }

    private static Map<String, MappingRule> checkParams() {
        Map<String, MappingRule> params = new LinkedHashMap<>();
        params.put("not_null", MappingRule.of());
        params.put("unique", MappingRule.of());
        params.put(
                "range", MappingRule.of(KeyRule.of("min", LITERAL, "min: 0"), KeyRule.of("max", LITERAL, "max: 1000")));
        params.put(
                "enum",
                MappingRule.of(KeyRule.of("values", STRING_LIST, "values: [pending, shipped, delivered]")
                        .required()));
        params.put(
                "regex",
                MappingRule.of(KeyRule.of("pattern", STRING, "pattern: \"^[A-Z]{2}-[0-9]+$\"")
                        .required()));
        params.put(
                "custom",
                MappingRule.of(KeyRule.of("expression", STRING, "expression: quantity * unit_price >= 0")
                        .required()));
        params.put(
                "freshness",
                MappingRule.of(
                        KeyRule.of("max_age_hours", NUMBER, "max_age_hours: 24").above(0)));
        params.put(
                "volume",
                MappingRule.of(
                        KeyRule.of("min_rows", LONG, "min_rows: 1").atLeast(0),
                        KeyRule.of("max_rows", LONG, "max_rows: 1000000").atLeast(0),
                        KeyRule.of("max_change_percent", NUMBER, "max_change_percent: 50")
                                .atLeast(0)));
        params.put(
                "referential",
                MappingRule.of(
                        KeyRule.of("table", STRING, "table: silver.customers")
                                .required()
                                .format(TABLE, TABLE_TEXT),
                        KeyRule.of("to_column", STRING, "to_column: customer_id")));
        params.put(
                "distribution",
                MappingRule.of(
                        KeyRule.of("max_share_percent", NUMBER, "max_share_percent: 80")
                                .range(0, 100),
                        KeyRule.of("max_drift_percent", NUMBER, "max_drift_percent: 10")
                                .atLeast(0)));
        params.put(
                "reconciliation",
                MappingRule.of(
                        KeyRule.of("source", STRING, "source: batch")
                                .format(
                                        BATCH_OR_TABLE,
                                        "batch (the run's extracted rows), or a table as namespace.table in lower case")
                                .defaultsTo(BATCH),
                        KeyRule.of("expression", STRING, "expression: sum(quantity * unit_price)")
                                .required(),
                        KeyRule.of("target_expression", STRING, "target_expression: sum(amount)"),
                        KeyRule.of("tolerance_percent", NUMBER, "tolerance_percent: 1")
                                .atLeast(0)
                                .defaultsTo("0")));
        params.put(
                "custom_sql",
                MappingRule.of(
                        KeyRule.of("sql", STRING, "sql: \"select * from {{ this }} where shipped_at < ordered_at\"")
                                .required()));
        return Collections.unmodifiableMap(params);
    }

    private static <E extends Enum<E>> List<String> names(E[] values, Function<E, String> yamlName) {
        return Arrays.stream(values).map(yamlName).toList();
    }
}
