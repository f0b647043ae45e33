package dev.weir.duckdb;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.quality.CheckMeasurement;
import dev.weir.core.quality.CheckTarget;
import dev.weir.core.spec.CheckRule;
import dev.weir.core.spec.CheckSpec;
import dev.weir.core.spi.EngineSession;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Evaluates quality checks with DuckDB SQL over the relations of one session. */
final class CheckEvaluator {
    private static final String FLAGS = "__weir_check_flags";
    private static final String CHECK = "__weir_check";
    private static final String REASON = "__weir_reason";
    private static final String RECORD = "__weir_record";

    private final Connection connection;

    CheckEvaluator(Connection connection) {
        this.connection = connection;
    }

    CheckMeasurement measure(CheckSpec check, CheckTarget target, int sampleSize) {
        try {
            CheckRule rule = check.rule();
            if (rule instanceof CheckRule.RowRule row) {
                return rowRule(row, target, sampleSize);
            }
            if (rule instanceof CheckRule.Freshness freshness) {
                return freshness(freshness, target);
            }
            if (rule instanceof CheckRule.Volume volume) {
                return volume(volume, target);
            }
            if (rule instanceof CheckRule.Referential referential) {
                return referential(referential, target, sampleSize);
            }
            if (rule instanceof CheckRule.Distribution distribution) {
                return distribution(distribution, target);
            }
            if (rule instanceof CheckRule.Reconciliation reconciliation) {
                return reconciliation(reconciliation, target);
            }
            if (rule instanceof CheckRule.ViolationQuery query) {
                return violationQuery(query, target, sampleSize);
            }
            throw new IllegalArgumentException("unhandled rule " + rule);
        } catch (SQLException e) {
            throw cannotEvaluate(check, e);
        }
    }

    /**
     * Flags each row with the first of {@code checks} it fails, then splits the relation into the
     * rows that pass them all and one rejected row per failing row.
     */
    void split(String passing, String rejected, List<CheckSpec> checks, CheckTarget target, List<String> columns) {
        StringBuilder which = new StringBuilder("CASE");
        StringBuilder why = new StringBuilder("CASE");
        StringBuilder flags = new StringBuilder();
        for (int i = 0; i < checks.size(); i++) {
            CheckRule.RowRule rule = (CheckRule.RowRule) checks.get(i).rule();
            String flag = Sql.ident("__weir_v" + i);
            flags.append(", ").append(CheckSql.violation(rule, target)).append(" AS ").append(flag);
            which.append(" WHEN ").append(flag).append(" THEN ").append(Sql.literal(checks.get(i).name()));
            why.append(" WHEN ").append(flag).append(" THEN ").append(CheckSql.reason(rule));
        }
        String r = CheckSql.ROW;
        String flagged = "SELECT " + r + ".*, " + which + " END AS " + CHECK + ", " + why + " END AS " + REASON
                + " FROM (SELECT " + r + ".*, to_json(" + r + ")::VARCHAR AS " + RECORD + flags + " FROM "
                + Sql.relation(target.relation()) + " " + r + ") " + r;
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE OR REPLACE TEMP TABLE " + FLAGS + " AS " + flagged);
            statement.execute("CREATE OR REPLACE TEMP TABLE " + Sql.ident(rejected) + " AS SELECT " + Sql.identList(columns) + ", "
                    + CHECK + " AS " + Sql.ident(EngineSession.REJECTED_CHECK) + ", " + REASON + " AS " + Sql.ident(EngineSession.REJECTED_REASON)
                    + ", " + RECORD + " AS " + Sql.ident(EngineSession.REJECTED_RECORD) + " FROM " + FLAGS + " WHERE " + CHECK + " IS NOT NULL");
            statement.execute("CREATE OR REPLACE TEMP TABLE " + Sql.ident(passing) + " AS SELECT " + Sql.identList(columns) + " FROM "
                    + FLAGS + " WHERE " + CHECK + " IS NULL");
            statement.execute("DROP TABLE " + FLAGS);
        } catch (SQLException e) {
            throw new WeirException(ErrorCode.CHECK_ERROR, "Cannot evaluate the row checks " + checks.stream().map(CheckSpec::name)
                    .collect(Collectors.joining(", ")) + ": " + DuckDbErrors.firstLine(e), null,
                    "fix the checks' columns or expressions (declared at " + checks.stream().map(CheckSpec::origin)
                            .collect(Collectors.joining(", ")) + ")", e);
        }
    }

    private CheckMeasurement rowRule(CheckRule.RowRule rule, CheckTarget target, int sampleSize) throws SQLException {
        String r = CheckSql.ROW;
        String flagged = "(SELECT to_json(" + r + ")::VARCHAR AS j, " + CheckSql.violation(rule, target) + " AS v FROM "
                + Sql.relation(target.relation()) + " " + r + ")";
        List<String> counts = one("SELECT count(*) FILTER (WHERE v), count(*) FROM " + flagged);
        long failing = Long.parseLong(counts.get(0));
        List<String> sample = failing == 0 ? List.of() : column("SELECT j FROM " + flagged + " WHERE v LIMIT " + sampleSize);
        return new CheckMeasurement(failing == 0, failing + " of " + counts.get(1) + " rows fail", "0 rows", failing, sample);
    }

    private CheckMeasurement freshness(CheckRule.Freshness rule, CheckTarget target) throws SQLException {
        String c = Sql.ident(rule.column());
        List<String> row = one("SELECT CAST(max(" + c + ") AS VARCHAR), (epoch(CAST(now() AS TIMESTAMP)) - epoch(CAST(max(" + c
                + ") AS TIMESTAMP))) / 3600.0 FROM " + Sql.relation(target.relation()));
        String threshold = "newest at most " + number(rule.maxAgeHours()) + " h old";
        if (row.get(0) == null) {
            return new CheckMeasurement(false, "no value", threshold, 1, List.of());
        }
        double ageHours = Double.parseDouble(row.get(1));
        boolean passed = ageHours <= rule.maxAgeHours();
        return new CheckMeasurement(passed, "newest " + row.get(0) + ", " + number(ageHours) + " h old", threshold, passed ? 0 : 1,
                List.of());
    }

    private CheckMeasurement volume(CheckRule.Volume rule, CheckTarget target) throws SQLException {
        long rows = count(Sql.relation(target.relation()));
        List<String> limits = new ArrayList<>();
        boolean passed = true;
        if (rule.minRows().isPresent() || rule.maxRows().isPresent()) {
            limits.add("rows in [" + (rule.minRows().isPresent() ? rule.minRows().getAsLong() : 0) + ", "
                    + (rule.maxRows().isPresent() ? Long.toString(rule.maxRows().getAsLong()) : "∞") + "]");
            passed = rows >= rule.minRows().orElse(0) && rows <= rule.maxRows().orElse(Long.MAX_VALUE);
        }
        String observed = rows + " rows";
        if (rule.maxChangePercent().isPresent()) {
            limits.add("change at most " + number(rule.maxChangePercent().getAsDouble()) + "%");
            if (target.previous().isPresent()) {
                long before = count(Sql.relation(target.previous().get()));
                double change = before == 0 ? (rows == 0 ? 0 : Double.POSITIVE_INFINITY) : 100.0 * Math.abs(rows - before) / before;
                observed += " (" + (rows >= before ? "+" : "-") + number(change) + "% against " + before + ")";
                passed &= change <= rule.maxChangePercent().getAsDouble();
            } else {
                observed += " (no earlier state to compare with)";
            }
        }
        return new CheckMeasurement(passed, observed, String.join(", ", limits), passed ? 0 : 1, List.of());
    }

    private CheckMeasurement referential(CheckRule.Referential rule, CheckTarget target, int sampleSize) throws SQLException {
        String r = CheckSql.ROW;
        String orphans = "FROM " + Sql.relation(target.relation()) + " " + r + " WHERE " + r + "." + Sql.ident(rule.column())
                + " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM " + Sql.table(rule.toTable()) + " p WHERE p." + Sql.ident(rule.toColumn())
                + " = " + r + "." + Sql.ident(rule.column()) + ")";
        long failing = Long.parseLong(one("SELECT count(*) " + orphans).get(0));
        List<String> sample = failing == 0 ? List.of() : column("SELECT to_json(" + r + ")::VARCHAR " + orphans + " LIMIT " + sampleSize);
        return new CheckMeasurement(failing == 0, failing + " rows without a match", "every value in " + rule.toTable() + "."
                + rule.toColumn(), failing, sample);
    }

    private CheckMeasurement distribution(CheckRule.Distribution rule, CheckTarget target) throws SQLException {
        List<String> limits = new ArrayList<>();
        List<String> observed = new ArrayList<>();
        boolean passed = true;
        String shares = shares(rule.column(), target.relation());
        if (rule.maxSharePercent().isPresent()) {
            double max = rule.maxSharePercent().getAsDouble();
            limits.add("no value above " + number(max) + "% of rows");
            List<List<String>> top = rows("SELECT v, share FROM " + shares + " ORDER BY share DESC, v LIMIT 1");
            if (!top.isEmpty()) {
                double share = Double.parseDouble(top.get(0).get(1));
                observed.add("largest " + top.get(0).get(0) + " at " + number(share) + "%");
                passed = share <= max;
            }
        }
        if (rule.maxDriftPercent().isPresent()) {
            double max = rule.maxDriftPercent().getAsDouble();
            limits.add("no share moving more than " + number(max) + " points");
            if (target.previous().isPresent()) {
                List<List<String>> drift = rows("SELECT coalesce(n.v, o.v), abs(coalesce(n.share, 0) - coalesce(o.share, 0)) AS d FROM "
                        + shares + " n FULL OUTER JOIN " + shares(rule.column(), target.previous().get())
                        + " o ON n.v IS NOT DISTINCT FROM o.v ORDER BY d DESC, 1 LIMIT 1");
                if (!drift.isEmpty()) {
                    double moved = Double.parseDouble(drift.get(0).get(1));
                    observed.add("share of " + drift.get(0).get(0) + " moved " + number(moved) + " points");
                    passed &= moved <= max;
                }
            } else {
                observed.add("no earlier state to compare with");
            }
        }
        return new CheckMeasurement(passed, observed.isEmpty() ? "no rows" : String.join("; ", observed), String.join(", ", limits),
                passed ? 0 : 1, List.of());
    }

    private static String shares(String column, String relation) {
        return "(SELECT coalesce(CAST(" + Sql.ident(column) + " AS VARCHAR), 'NULL') AS v, 100.0 * count(*) / sum(count(*)) OVER () AS share FROM "
                + Sql.relation(relation) + " GROUP BY ALL)";
    }

    private CheckMeasurement reconciliation(CheckRule.Reconciliation rule, CheckTarget target) throws SQLException {
        if (rule.source().isEmpty() && target.batch().isEmpty()) {
            throw new SQLException("there is no extracted batch to reconcile with here; name a table in params.source");
        }
        String source = rule.source().isPresent() ? Sql.table(rule.source().get()) : Sql.relation(target.batch().get());
        List<String> row = one("SELECT CAST((SELECT " + rule.sourceExpression() + " FROM " + source + ") AS DOUBLE), CAST((SELECT "
                + rule.targetExpression() + " FROM " + Sql.relation(target.relation()) + ") AS DOUBLE)");
        double expected = row.get(0) == null ? 0 : Double.parseDouble(row.get(0));
        double actual = row.get(1) == null ? 0 : Double.parseDouble(row.get(1));
        double variance = Math.abs(expected - actual);
        double allowed = Math.abs(expected) * rule.tolerancePercent() / 100.0;
        boolean passed = variance <= allowed + 1e-9 * Math.max(1, Math.abs(expected));
        String percent = expected == 0 ? (variance == 0 ? "0" : "∞") : number(100.0 * variance / Math.abs(expected));
        return new CheckMeasurement(passed, "target " + number(actual) + ", source " + number(expected) + " (" + percent + "% apart)",
                "within " + number(rule.tolerancePercent()) + "%", passed ? 0 : 1, List.of());
    }

    private CheckMeasurement violationQuery(CheckRule.ViolationQuery rule, CheckTarget target, int sampleSize) throws SQLException {
        String query = "(" + rule.sql().replace(CheckRule.ViolationQuery.THIS, Sql.relation(target.relation())) + ") v";
        long failing = Long.parseLong(one("SELECT count(*) FROM " + query).get(0));
        List<String> sample = failing == 0 ? List.of() : column("SELECT to_json(v)::VARCHAR FROM " + query + " LIMIT " + sampleSize);
        return new CheckMeasurement(failing == 0, failing + " violations", "0 violations", failing, sample);
    }

    private long count(String relation) throws SQLException {
        return Long.parseLong(one("SELECT count(*) FROM " + relation).get(0));
    }

    private List<String> one(String sql) throws SQLException {
        return rows(sql).get(0);
    }

    private List<String> column(String sql) throws SQLException {
        return rows(sql).stream().map(r -> r.get(0)).toList();
    }

    private List<List<String>> rows(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            return ValueText.rows(rs);
        }
    }

    private static String number(double value) {
        if (value == Math.rint(value) && !Double.isInfinite(value)) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static WeirException cannotEvaluate(CheckSpec check, SQLException e) {
        return new WeirException(ErrorCode.CHECK_ERROR, "Cannot evaluate check " + check.name() + ": " + DuckDbErrors.firstLine(e),
                null, "fix the check declared at " + check.origin(), e);
    }
}
