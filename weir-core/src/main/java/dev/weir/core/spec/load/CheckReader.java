package dev.weir.core.spec.load;

import dev.weir.core.error.Location;
import dev.weir.core.plan.DidYouMean;
import dev.weir.core.spec.CheckRule;
import dev.weir.core.spec.CheckSpec;
import dev.weir.core.spec.Severity;
import dev.weir.core.spec.TableId;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads one check (a {@code quality_gates} item, or a contract's) into a {@link CheckSpec}, and
 * checks what the schema cannot express: which column keys a type takes, params that need one
 * another, bounds in order, patterns that compile and a blocking P0.
 */
final class CheckReader {
    /** The one type that may judge several columns at once, with {@code columns}. */
    private static final String UNIQUE = "unique";
    /**
     * Types that judge a whole relation, or rows through an expression that names its own columns;
     * every other type judges the one column named by {@code column}.
     */
    private static final Set<String> NO_COLUMN = Set.of("custom", "volume", "reconciliation", "custom_sql");
    /** Types that have nothing to do with one contract column. */
    private static final Set<String> WHOLE_TABLE = Set.of("volume", "reconciliation", "custom_sql");

    /** The check, or empty when it has a problem (each one reported). */
    Optional<CheckSpec> read(SectionValues check, CheckScope scope) {
        // A missing or unknown type was reported by the validator; nothing else can be judged without it.
        Optional<String> type = check.text("type").filter(SpecSchema.CHECK_PARAMS::containsKey);
        if (type.isEmpty()) {
            return Optional.empty();
        }
        List<String> columns = columns(check, type.get(), scope);
        SectionValues params = check.section("params");
        // params that are not a mapping were reported as such; saying what they lack would mislead.
        if (check.node("params").map(YamlNode.Mapping.class::isInstance).orElse(true)) {
            checkParams(check, params, type.get(), scope);
        }
        Optional<Severity> severity = check.choice("severity", Severity.values(), Severity::name);
        boolean blockWritten = check.node("block")
                .filter(n -> n instanceof YamlNode.Scalar s && s.isBoolean())
                .isPresent();
        if (severity.filter(Severity.P0::equals).isPresent() && blockWritten && !check.bool("block")) {
            check.problems()
                    .add(
                            check.location("block"),
                            "A P0 check always blocks",
                            "remove 'block: false', or use a lower severity such as P1");
        }
        if (check.problems().hasProblemsUnder(check.path()) || severity.isEmpty()) {
            return Optional.empty();
        }
        CheckRule rule = rule(type.get(), columns, params, scope);
        boolean blocking = blockWritten ? check.bool("block") : severity.get().blocksByDefault();
        return Optional.of(new CheckSpec(
                check.text("name").orElse(CheckSpec.defaultName(rule)),
                rule,
                severity.get(),
                blocking,
                check.problems().file() + ":" + check.here().line()));
    }

    /** Where a check's name is written, or the check itself when its name is the default one. */
    static Location nameLocation(SectionValues check) {
        return check.has("name") ? check.location("name") : check.here();
    }

    // The columns the check judges, as far as they are written correctly; problems are reported.
    private static List<String> columns(SectionValues check, String type, CheckScope scope) {
        FileProblems problems = check.problems();
        if (NO_COLUMN.contains(type)) {
            for (String key : List.of("column", "columns")) {
                if (check.has(key)) {
                    problems.add(
                            check.location(key),
                            "'" + key + "' does not apply to " + type + " checks",
                            type.equals("custom")
                                    ? "remove it: the expression names the columns it reads"
                                    : "remove it: " + type + " checks judge the relation as a whole");
                }
            }
            if (scope.ownColumn().isPresent() && WHOLE_TABLE.contains(type)) {
                problems.add(
                        check.location("type"),
                        "A " + type + " check judges the whole table, not one column",
                        "move it to the contract's checks");
            }
            return List.of();
        }
        if (scope.ownColumn().isPresent()) {
            String own = scope.ownColumn().get();
            for (String key : List.of("column", "columns")) {
                if (check.has(key)) {
                    problems.add(
                            check.location(key),
                            "'" + key + "' is implied in a contract column's checks",
                            "remove it: these checks judge column '" + own + "'");
                }
            }
            return List.of(own);
        }
        boolean unique = type.equals(UNIQUE);
        boolean severalWritten = check.has("columns");
        if (!unique && severalWritten) {
            problems.add(
                    check.location("columns"),
                    "'columns' only applies to unique checks",
                    "name one column, like 'column: order_id'");
        } else if (unique && severalWritten && check.has("column")) {
            problems.add(
                    check.location("columns"),
                    "Use either column or columns, not both",
                    "column names a one-column key, columns a key of several columns");
        }
        if (unique && severalWritten) {
            return severalColumns(check, scope);
        }
        // A non-unique check with columns was told to name one column; saying column is missing would repeat it.
        if (!check.has("column") && !severalWritten) {
            check.reportMissing(
                    "column",
                    unique
                            ? "add a line like 'column: order_id', or 'columns: [order_id, line_no]' for a key of several"
                            : type + " checks judge one column: add a line like 'column: order_id'");
            return List.of();
        }
        Optional<String> column = check.has("column") ? check.text("column") : Optional.empty();
        column.ifPresent(c -> checkDeclared(c, check.location("column"), scope, problems));
        return column.stream().toList();
    }

    private static List<String> severalColumns(SectionValues check, CheckScope scope) {
        FileProblems problems = check.problems();
        boolean list = check.node("columns")
                .filter(YamlNode.Sequence.class::isInstance)
                .isPresent();
        List<YamlNode> items = check.items("columns");
        if (list && items.isEmpty()) {
            problems.add(
                    check.location("columns"),
                    "Empty columns: a unique check needs at least one column",
                    "add a line like 'columns: [order_id, line_no]'");
        }
        String listPath = FileProblems.child(check.path(), "columns");
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof YamlNode.Scalar scalar && !scalar.isNull() && !scalar.isUnresolved()) {
                checkDeclared(scalar.text(), problems.at(scalar, FileProblems.item(listPath, i)), scope, problems);
            }
        }
        return check.strings("columns");
    }

    private static void checkDeclared(String column, Location at, CheckScope scope, FileProblems problems) {
        scope.declaredColumns()
                .filter(declared -> !declared.contains(column))
                .ifPresent(declared -> problems.add(
                        at,
                        "Column '" + column + "' is not declared in the contract",
                        DidYouMean.hint(column, declared)
                                .orElse(
                                        declared.isEmpty()
                                                ? "declare it in the contract's schema"
                                                : "declared columns: " + String.join(", ", declared))));
    }

    private static void checkParams(SectionValues check, SectionValues params, String type, CheckScope scope) {
        FileProblems problems = check.problems();
        // A param that seems absent may be written under an unknown key, which was reported already.
        boolean judgeAbsence = !check.hasUnknownKeys() && !params.hasUnknownKeys();
        switch (type) {
            case "range" -> {
                if (judgeAbsence && !params.has("min") && !params.has("max")) {
                    problems.add(
                            check.location("params"),
                            "A range check needs min or max",
                            "add a line like 'params: {min: 0, max: 1000}'");
                }
                Optional<CheckRule.Literal> min = literal(params, "min").filter(CheckRule.Literal::numeric);
                Optional<CheckRule.Literal> max = literal(params, "max").filter(CheckRule.Literal::numeric);
                if (min.isPresent()
                        && max.isPresent()
                        && new BigDecimal(min.get().text())
                                        .compareTo(new BigDecimal(max.get().text()))
                                > 0) {
                    problems.add(
                            params.location("max"),
                            "max " + max.get() + " is less than min " + min.get(),
                            "swap the bounds, or correct one of them");
                }
            }
            case "enum" -> {
                if (params.node("values")
                                .filter(YamlNode.Sequence.class::isInstance)
                                .isPresent()
                        && params.items("values").isEmpty()) {
                    problems.add(
                            params.location("values"),
                            "Empty values: an enum check needs at least one value",
                            "add a line like 'values: [pending, shipped, delivered]'");
                }
            }
            case "regex" ->
                params.text("pattern").filter(p -> params.has("pattern")).ifPresent(pattern -> {
                    try {
                        Pattern.compile(pattern);
                    } catch (PatternSyntaxException e) {
                        problems.add(
                                params.location("pattern"),
                                "Invalid regular expression: " + e.getDescription()
                                        + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""),
                                "write a Java regular expression such as '^[A-Z]{2}-[0-9]+$', quoted in YAML");
                    }
                });
            case "custom" ->
                notBlank(params, "expression", "write a SQL condition each row must meet, such as" + " quantity > 0");
            case "freshness" -> {
                if (judgeAbsence
                        && !params.has("max_age_hours")
                        && scope.defaultMaxAgeHours().isEmpty()) {
                    String example = check.has("params") ? "max_age_hours: 24" : "params: {max_age_hours: 24}";
                    params.reportMissing(
                            "max_age_hours",
                            "add a line like '" + example + "'"
                                    + (scope.inContract() ? ", or set sla.freshness_hours" : ""));
                }
            }
            case "volume" -> {
                if (judgeAbsence
                        && !params.has("min_rows")
                        && !params.has("max_rows")
                        && !params.has("max_change_percent")) {
                    problems.add(
                            check.location("params"),
                            "A volume check needs min_rows, max_rows or" + " max_change_percent",
                            "add a line like 'params: {min_rows: 1}'");
                }
                OptionalLong minRows = params.longInteger("min_rows");
                OptionalLong maxRows = params.longInteger("max_rows");
                if (minRows.isPresent() && maxRows.isPresent() && minRows.getAsLong() > maxRows.getAsLong()) {
                    problems.add(
                            params.location("max_rows"),
                            "max_rows " + maxRows.getAsLong() + " is less than min_rows " + minRows.getAsLong(),
                            "swap them, or correct one of them");
                }
            }
            case "distribution" -> {
                if (judgeAbsence && !params.has("max_share_percent") && !params.has("max_drift_percent")) {
                    problems.add(
                            check.location("params"),
                            "A distribution check needs max_share_percent or" + " max_drift_percent",
                            "add a line like 'params: {max_share_percent: 80}'");
                }
            }
            case "reconciliation" -> {
                notBlank(params, "expression", "write a SQL aggregate such as sum(quantity * unit_price)");
                notBlank(
                        params,
                        "target_expression",
                        "write a SQL aggregate such as sum(amount), or remove it to" + " use expression on both sides");
            }
            case "custom_sql" -> {
                notBlank(params, "sql", "write a query that returns the violating rows");
                params.text("sql")
                        .filter(sql -> !sql.isBlank() && !sql.contains(CheckRule.ViolationQuery.THIS))
                        .ifPresent(sql -> problems.add(
                                params.location("sql"),
                                "The query does not read " + CheckRule.ViolationQuery.THIS,
                                "write the checked relation as " + CheckRule.ViolationQuery.THIS + ", such as"
                                        + " 'select * from " + CheckRule.ViolationQuery.THIS + " where quantity < 0'"));
            }
            default -> {
                // not_null, unique and referential take nothing the schema does not already check.
            }
        }
    }

    private static void notBlank(SectionValues params, String key, String hint) {
        params.text(key)
                .filter(t -> params.has(key) && t.isBlank())
                .ifPresent(t -> params.problems().add(params.location(key), "Empty " + key, hint));
    }

    // Only called for a check without problems: every value read here is present and well-formed.
    private static CheckRule rule(String type, List<String> columns, SectionValues params, CheckScope scope) {
        String column = columns.isEmpty() ? "" : columns.get(0);
        return switch (type) {
            case "not_null" -> new CheckRule.NotNull(column);
            case "unique" -> new CheckRule.Unique(columns);
            case "range" -> new CheckRule.Range(column, literal(params, "min"), literal(params, "max"));
            case "enum" -> new CheckRule.AcceptedValues(column, params.strings("values"));
            case "regex" -> new CheckRule.Matches(column, params.text("pattern").orElseThrow());
            case "custom" -> new CheckRule.Expression(params.text("expression").orElseThrow());
            case "freshness" ->
                new CheckRule.Freshness(
                        column,
                        params.has("max_age_hours")
                                ? params.number("max_age_hours").orElseThrow()
                                : scope.defaultMaxAgeHours().orElseThrow());
            case "volume" ->
                new CheckRule.Volume(
                        params.longInteger("min_rows"),
                        params.longInteger("max_rows"),
                        params.number("max_change_percent"));
            case "referential" ->
                new CheckRule.Referential(
                        column,
                        TableId.parse(params.text("table").orElseThrow()),
                        params.text("to_column").orElse(column));
            case "distribution" ->
                new CheckRule.Distribution(
                        column, params.number("max_share_percent"), params.number("max_drift_percent"));
            case "reconciliation" -> reconciliation(params);
            case "custom_sql" -> new CheckRule.ViolationQuery(params.text("sql").orElseThrow());
            default ->
                throw new IllegalStateException("SpecSchema names a check type CheckReader cannot read: " + type);
        };
    }

    private static CheckRule reconciliation(SectionValues params) {
        String source = params.text("source").orElseThrow();
        String expression = params.text("expression").orElseThrow();
        return new CheckRule.Reconciliation(
                source.equals(SpecSchema.BATCH) ? Optional.empty() : Optional.of(TableId.parse(source)),
                expression,
                params.text("target_expression").orElse(expression),
                params.number("tolerance_percent").orElseThrow());
    }

    // Numbers are kept in plain decimal form (1e3 is 1000), so an engine can write them into SQL as they are.
    private static Optional<CheckRule.Literal> literal(SectionValues params, String key) {
        return params.node(key)
                .filter(YamlNode.Scalar.class::isInstance)
                .map(YamlNode.Scalar.class::cast)
                .filter(s -> !s.isUnresolved() && !s.isBoolean())
                .flatMap(s -> s.isNumber()
                        ? s.asDecimal().map(n -> new CheckRule.Literal(n.toPlainString(), true))
                        : Optional.of(new CheckRule.Literal(s.text(), false)));
    }
}
