package dev.weir.duckdb;

import dev.weir.core.spi.Cancellation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Stops the statement a session is running once its run is cancelled. A thread blocked in DuckDB's
 * native code does not notice an interrupt, and DuckDB's JDBC driver cancels only through the
 * statement that is executing, so a watched session's connection hands out statements it keeps
 * track of; one daemon thread per engine looks at every watched run's cancellation every
 * {@value #POLL_MILLIS} ms and cancels them (an idle statement ignores it). The running one then
 * fails with DuckDB's "Interrupted" error.
 */
final class StatementCanceller implements AutoCloseable {
    static final long POLL_MILLIS = 100;

    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "weir-duckdb-cancel");
        thread.setDaemon(true);
        return thread;
    });

    /** A connection watched for a run's cancellation, and what stops the watch. */
    record Watched(Connection connection, AutoCloseable stop) {}

    Watched watch(Connection connection, Cancellation cancellation) {
        Set<Statement> statements = ConcurrentHashMap.newKeySet();
        ScheduledFuture<?> poll = watcher.scheduleWithFixedDelay(
                () -> {
                    if (cancellation.isCancelled()) {
                        statements.forEach(s -> cancel(s, statements));
                    }
                },
                POLL_MILLIS,
                POLL_MILLIS,
                TimeUnit.MILLISECONDS);
        return new Watched(tracking(connection, statements), () -> poll.cancel(false));
    }

    /** {@code connection}, keeping every statement it creates in {@code statements}. */
    private static Connection tracking(Connection connection, Set<Statement> statements) {
        return (Connection) Proxy.newProxyInstance(
                StatementCanceller.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (result instanceof Statement statement) {
                        statements.add(statement);
                    }
                    return result;
                });
    }

    private static void cancel(Statement statement, Set<Statement> statements) {
        try {
            if (statement.isClosed()) {
                statements.remove(statement);
            } else {
                statement.cancel();
            }
        } catch (SQLException e) {
            statements.remove(statement);
        }
    }

    @Override
    public void close() {
        watcher.shutdownNow();
    }
}
