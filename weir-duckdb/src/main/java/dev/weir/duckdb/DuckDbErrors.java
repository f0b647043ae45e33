package dev.weir.duckdb;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import java.sql.SQLException;

/**
 * DuckDB's JDBC driver wraps errors of streamed results in a generic first line; this recovers
 * the engine's own message and drops the SQL excerpt it appends, and makes Weir errors of it.
 */
final class DuckDbErrors {
    private static final String WRAPPER = "Attempting to execute an unsuccessful or closed pending query result";

    private DuckDbErrors() {}

    /** The engine's message, all lines, without the driver's wrapper and the {@code LINE n:} excerpt. */
    static String message(SQLException e) {
        String text = e.getMessage() == null ? e.toString() : e.getMessage();
        int wrapper = text.indexOf(WRAPPER);
        if (wrapper >= 0) {
            text = text.substring(wrapper + WRAPPER.length()).replaceFirst("^\\s*Error:\\s*", "");
        }
        int excerpt = text.indexOf("\nLINE ");
        return (excerpt >= 0 ? text.substring(0, excerpt) : text).trim();
    }

    /** The first line of {@link #message}. */
    static String firstLine(SQLException e) {
        String message = message(e);
        return message.lines().findFirst().orElse(message).trim();
    }

    /** A {@code code} error with the first line of DuckDB's message, caused by {@code e}. */
    static WeirException failure(ErrorCode code, SQLException e) {
        return new WeirException(code, firstLine(e), null, null, e);
    }
}
