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
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Measures quality checks with DuckDB SQL over the relations of one session: counts, values and
 * failing rows, which core judges. It also splits a relation on row-level checks.
 */
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
            flags.append(", ")
                    .append(CheckSql.violation(rule, target))
                    .append(" AS ")
                    .append(flag);
            which.append(" WHEN ")
                    .append(flag)
                    .append(" THEN ")
                    .append(Sql.literal(checks.get(i).name()));
            why.append(" WHEN ").append(flag).append(" THEN ").append(CheckSql.reason(rule));
        }
        String r = CheckSql.ROW;
        String flagged = "SELECT " + r + ".*, " + which + " END AS " + CHECK + ", " + why + " END AS " + REASON
                + " FROM (SELECT " + r + ".*, to_json(" + r + ")::VARCHAR AS " + RECORD + flags + " FROM "
                + Sql.relation(target.relation()) + " " + r + ") " + r;
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE OR REPLACE TEMP TABLE " + FLAGS + " AS " + flagged);
            statement.execute("CREATE OR REPLACE TEMP TABLE " + Sql.ident(rejected) + " AS SELECT "
                    + Sql.identList(columns) + ", "
                    + CHECK + " AS " + Sql.ident(EngineSession.REJECTED_CHECK) + ", " + REASON + " AS "
                    + Sql.ident(EngineSession.REJECTED_REASON)
                    + ", " + RECORD + " AS " + Sql.ident(EngineSession.REJECTED_RECORD) + " FROM " + FLAGS + " WHERE "
                    + CHECK + " IS NOT NULL");
            statement.execute("CREATE OR REPLACE TEMP TABLE " + Sql.ident(passing) + " AS SELECT "
                    + Sql.identList(columns) + " FROM " + FLAGS + " WHERE " + CHECK + " IS NULL");
            statement.execute("DROP TABLE " + FLAGS);
        } catch (SQLException e) {
            throw new WeirException(
                    ErrorCode.CHECK_ERROR,
                    "Cannot evaluate the row checks "
                            + checks.stream().map(CheckSpec::name).collect(Collectors.joining(", ")) + ": "
                            + DuckDbErrors.firstLine(e),
                    null,
                    "fix the checks' columns or expressions (declared at "
                            + checks.stream().map(CheckSpec::origin).collect(Collectors.joining(", ")) + ")",
                    e);
        }
    }

    private CheckMeasurement rowRule(CheckRule.RowRule rule, CheckTarget target, int sampleSize) throws SQLException {
        String r = CheckSql.ROW;
        String flagged = "(SELECT to_json(" + r + ")::VARCHAR AS j, " + CheckSql.violation(rule, target) + " AS v FROM "
                + Sql.relation(target.relation()) + " " + r + ")";
        List<String> counts = one("SELECT count(*) FILTER (WHERE v), count(*) FROM " + flagged);
        long failing = Long.parseLong(counts.get(0));
        List<String> sample =
                failing == 0 ? List.of() : column("SELECT j FROM " + flagged + " WHERE v LIMIT " + sampleSize);
        return new CheckMeasurement.RowViolations(failing, Long.parseLong(counts.get(1)), sample);
    }

    private CheckMeasurement freshness(CheckRule.Freshness rule, CheckTarget target) throws SQLException {
        String c = Sql.ident(rule.column());
        List<String> row =
                one("SELECT CAST(max(" + c + ") AS VARCHAR), (epoch(CAST(now() AS TIMESTAMP)) - epoch(CAST(max(" + c
                        + ") AS TIMESTAMP))) / 3600.0 FROM " + Sql.relation(target.relation()));
        return row.get(0) == null
                ? CheckMeasurement.Freshness.noValue()
                : CheckMeasurement.Freshness.of(row.get(0), number(row.get(1)));
    }

    private CheckMeasurement volume(CheckRule.Volume rule, CheckTarget target) throws SQLException {
        long rows = count(Sql.relation(target.relation()));
        OptionalLong before =
                rule.maxChangePercent().isPresent() && target.previous().isPresent()
                        ? OptionalLong.of(count(Sql.relation(target.previous().get())))
                        : OptionalLong.empty();
        return new CheckMeasurement.Volume(rows, before);
    }

    private CheckMeasurement referential(CheckRule.Referential rule, CheckTarget target, int sampleSize)
            throws SQLException {
        String r = CheckSql.ROW;
        String orphans =
                "FROM " + Sql.relation(target.relation()) + " " + r + " WHERE " + r + "." + Sql.ident(rule.column())
                        + " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM " + Sql.table(rule.toTable()) + " p WHERE p."
                        + Sql.ident(rule.toColumn())
                        + " = " + r + "." + Sql.ident(rule.column()) + ")";
        long failing = Long.parseLong(one("SELECT count(*) " + orphans).get(0));
        List<String> sample = failing == 0
                ? List.of()
                : column("SELECT to_json(" + r + ")::VARCHAR " + orphans + " LIMIT " + sampleSize);
        return new CheckMeasurement.Orphans(failing, sample);
    }

    /**
     * Shares are grouped by the value as text; ties go to the value first in text order, NULL
     * sorting as {@code 'NULL'}.
     */
    private CheckMeasurement distribution(CheckRule.Distribution rule, CheckTarget target) throws SQLException {
        String shares = shares(rule.column(), target.relation());
        Optional<CheckMeasurement.ValueShare> largest = Optional.empty();
        if (rule.maxSharePercent().isPresent()) {
            largest =
                    first(rows("SELECT v, share FROM " + shares + " ORDER BY share DESC, coalesce(v, 'NULL') LIMIT 1"));
        }
        boolean compared =
                rule.maxDriftPercent().isPresent() && target.previous().isPresent();
        Optional<CheckMeasurement.ValueShare> moved = Optional.empty();
        if (compared) {
            moved = first(
                    rows(
                            "SELECT coalesce(n.v, o.v) AS v, abs(coalesce(n.share, 0) - coalesce(o.share, 0)) AS d FROM "
                                    + shares
                                    + " n FULL OUTER JOIN "
                                    + shares(rule.column(), target.previous().get())
                                    + " o ON n.v IS NOT DISTINCT FROM o.v ORDER BY d DESC, coalesce(n.v, o.v, 'NULL') LIMIT 1"));
        }
        return new CheckMeasurement.Distribution(largest, compared, moved);
    }

    private static Optional<CheckMeasurement.ValueShare> first(List<List<String>> rows) {
        return rows.stream()
                .findFirst()
                .map(row -> new CheckMeasurement.ValueShare(Optional.ofNullable(row.get(0)), number(row.get(1))));
    }

    private static String shares(String column, String relation) {
        return "(SELECT CAST(" + Sql.ident(column)
                + " AS VARCHAR) AS v, 100.0 * count(*) / sum(count(*)) OVER () AS share FROM " + Sql.relation(relation)
                + " GROUP BY ALL)";
    }

    private CheckMeasurement reconciliation(CheckRule.Reconciliation rule, CheckTarget target) throws SQLException {
        if (rule.source().isEmpty() && target.batch().isEmpty()) {
            throw new IllegalArgumentException("a reconciliation without params.source needs the extracted batch");
        }
        String source = rule.source().isPresent()
                ? Sql.table(rule.source().get())
                : Sql.relation(target.batch().get());
        List<String> row =
                one("SELECT CAST((SELECT " + rule.sourceExpression() + " FROM " + source + ") AS DOUBLE), CAST((SELECT "
                        + rule.targetExpression() + " FROM " + Sql.relation(target.relation()) + ") AS DOUBLE)");
        return new CheckMeasurement.Reconciliation(optionalNumber(row.get(0)), optionalNumber(row.get(1)));
    }

    private CheckMeasurement violationQuery(CheckRule.ViolationQuery rule, CheckTarget target, int sampleSize)
            throws SQLException {
        String query = "(" + rule.sql().replace(CheckRule.ViolationQuery.THIS, Sql.relation(target.relation())) + ") v";
        long failing = Long.parseLong(one("SELECT count(*) FROM " + query).get(0));
        List<String> sample =
                failing == 0 ? List.of() : column("SELECT to_json(v)::VARCHAR FROM " + query + " LIMIT " + sampleSize);
        return new CheckMeasurement.Violations(failing, sample);
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
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            return ValueText.rows(rs);
        }
    }

    /** A DOUBLE as DuckDB prints it ({@code 3.5}, {@code nan}, {@code inf}, {@code -inf}). */
    static double number(String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "nan":
                return Double.NaN;
            case "inf":
            case "infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf":
            case "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                return Double.parseDouble(text);
        }
    }

    private static OptionalDouble optionalNumber(String text) {
        return text == null ? OptionalDouble.empty() : OptionalDouble.of(number(text));
    }

    private static WeirException cannotEvaluate(CheckSpec check, SQLException e) {
        return new WeirException(
                ErrorCode.CHECK_ERROR,
                "Cannot evaluate check " + check.name() + ": " + DuckDbErrors.firstLine(e),
                null,
                "fix the check declared at " + check.origin(),
                e);
    }
}
