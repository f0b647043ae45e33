package dev.weir.duckdb;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spi.Column;
import dev.weir.core.spi.ColumnCasts;
import dev.weir.core.spi.EngineSession;
import dev.weir.core.spi.RelationInfo;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Casts a relation's columns to declared types with {@code TRY_CAST}: a non-NULL value that comes
 * out NULL does not fit, and its row goes to the rejected relation with the reason.
 */
final class ColumnCaster {
    private static final String FLAGS = "__weir_cast_flags";
    private static final String CHECK = "__weir_cast_check";
    private static final String REASON = "__weir_cast_reason";
    private static final String RECORD = "__weir_cast_record";
    private static final Set<String> NUMBERS = Set.of("int", "long", "float", "double");
    private static final Predicate<String> IS_NUMBER = t -> NUMBERS.contains(t) || t.startsWith("decimal(");

    private final SessionConnection sql;
    private final Function<String, Optional<String>> tableType;

    /** @param tableType the Iceberg type of a SQL type, as {@link EngineSession#tableType} */
    ColumnCaster(SessionConnection sql, Function<String, Optional<String>> tableType) {
        this.sql = sql;
        this.tableType = tableType;
    }

    ColumnCasts.Casted cast(String name, String rejected, String relation, List<ColumnCasts.Cast> casts) {
        List<Column> columns = sql.columnsOf(relation).columns();
        Map<String, String> types =
                casts.stream().collect(Collectors.toMap(ColumnCasts.Cast::column, ColumnCasts.Cast::sqlType));
        StringBuilder which = new StringBuilder("CASE");
        StringBuilder why = new StringBuilder("CASE");
        for (Column column : columns) {
            String type = types.get(column.name());
            if (type != null) {
                String value = "t." + Sql.ident(column.name());
                String misfit = "(" + value + " IS NOT NULL AND TRY_CAST(" + value + " AS " + type + ") IS NULL)";
                which.append(" WHEN ")
                        .append(misfit)
                        .append(" THEN ")
                        .append(Sql.literal("type(" + column.name() + ")"));
                why.append(" WHEN ").append(misfit).append(" THEN ").append(reason(column, value, type));
            }
        }
        String cols = Sql.identList(columns.stream().map(Column::name).toList());
        String castCols = columns.stream()
                .map(c -> types.containsKey(c.name())
                        ? "CAST(" + Sql.ident(c.name()) + " AS " + types.get(c.name()) + ") AS " + Sql.ident(c.name())
                        : Sql.ident(c.name()))
                .collect(Collectors.joining(", "));
        try (Statement statement = sql.jdbc().createStatement()) {
            statement.execute("CREATE OR REPLACE TEMP TABLE " + FLAGS + " AS SELECT t.*, to_json(t)::VARCHAR AS "
                    + RECORD + ", " + which + " END AS " + CHECK + ", " + why + " END AS " + REASON + " FROM "
                    + Sql.relation(relation) + " t");
            statement.execute("CREATE OR REPLACE TEMP TABLE " + Sql.ident(rejected) + " AS SELECT " + cols + ", "
                    + CHECK + " AS " + Sql.ident(EngineSession.REJECTED_CHECK) + ", " + REASON + " AS "
                    + Sql.ident(EngineSession.REJECTED_REASON) + ", " + RECORD + " AS "
                    + Sql.ident(EngineSession.REJECTED_RECORD) + " FROM " + FLAGS + " WHERE " + CHECK + " IS NOT NULL");
            statement.execute("CREATE OR REPLACE TEMP TABLE " + Sql.ident(name) + " AS SELECT " + castCols + " FROM "
                    + FLAGS + " WHERE " + CHECK + " IS NULL");
            statement.execute("DROP TABLE " + FLAGS);
        } catch (SQLException e) {
            throw new WeirException(
                    ErrorCode.SCHEMA_DRIFT,
                    "Cannot cast " + relation + " to the contract's types " + types + ": " + DuckDbErrors.firstLine(e),
                    null,
                    "declare types the engine knows in the contract",
                    e);
        }
        RelationInfo rejects = sql.describe(rejected);
        Optional<ColumnCasts.Misfit> first = rejects.rowCount() == 0
                ? Optional.empty()
                : sql
                        .select("SELECT " + Sql.ident(EngineSession.REJECTED_CHECK) + ", "
                                + Sql.ident(EngineSession.REJECTED_REASON) + " FROM " + Sql.ident(rejected)
                                + " LIMIT 1")
                        .stream()
                        .findFirst()
                        .map(r -> new ColumnCasts.Misfit(
                                r.get(0).substring(5, r.get(0).length() - 1), r.get(1)));
        return new ColumnCasts.Casted(sql.describe(name), rejects.rowCount(), first);
    }

    /** The reason a value does not fit: a number out of the type's range, or a value of another kind. */
    private String reason(Column column, String value, String type) {
        String shown = Sql.literal(column.name() + " = ") + " || CAST(" + value + " AS VARCHAR)";
        String outOfRange =
                Sql.literal("out_of_range: ") + " || " + shown + " || " + Sql.literal(" does not fit " + type);
        String mismatch =
                Sql.literal("type_mismatch: ") + " || " + shown + " || " + Sql.literal(" is not a valid " + type);
        boolean toNumber = tableType.apply(type).filter(IS_NUMBER).isPresent();
        if (!toNumber) {
            return mismatch;
        }
        if (IS_NUMBER.test(column.type())) {
            return outOfRange;
        }
        return "CASE WHEN TRY_CAST(" + value + " AS DOUBLE) IS NOT NULL THEN " + outOfRange + " ELSE " + mismatch
                + " END";
    }
}
