package dev.weir.examples.crm;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The systems the CRM demo loads from: a PostgreSQL database of customers and a JSON API of orders,
 * both local and seeded with the first day. {@code examples/crm/demo} runs this class:
 *
 * <pre>
 * CrmServices start DIR        starts both, writes DIR/services.env (the variables the project reads) and
 *                              serves until stopped (SIGTERM, Ctrl-C), then stops PostgreSQL
 * CrmServices second-day       applies the second day's changes to the database at $CRM_DB_URL
 * </pre>
 *
 * Both read {@code CRM_API_TOKEN} (the token the API requires) and {@code CRM_DB_PASSWORD} (the
 * password of the role {@code weir_reader}) from the environment.
 */
public final class CrmServices implements AutoCloseable {
    private final CrmDatabase database;
    private final OrdersApi api;

    private CrmServices(CrmDatabase database, OrdersApi api) {
        this.database = database;
        this.api = api;
    }

    /** Starts the database (its files under {@code dir/postgres}) and the API on a free port. */
    public static CrmServices start(Path dir, String apiToken, String readerPassword) {
        CrmDatabase database = CrmDatabase.start(dir.resolve("postgres"), readerPassword);
        try {
            return new CrmServices(database, OrdersApi.start(0, database.url(), apiToken));
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** The JDBC URL of the CRM database. */
    public String databaseUrl() {
        return database.url();
    }

    /** The URL of the orders API. */
    public String apiUrl() {
        return api.url();
    }

    /** How many requests the API has answered. */
    public int apiRequests() {
        return api.requests();
    }

    /** The variables that point the project at these services, the secrets included. */
    public Map<String, String> environment(String apiToken, String readerPassword) {
        return Map.of(
                "CRM_DB_URL",
                databaseUrl(),
                "CRM_DB_USER",
                CrmDatabase.READER,
                "CRM_DB_PASSWORD",
                readerPassword,
                "CRM_API_URL",
                apiUrl(),
                "CRM_API_TOKEN",
                apiToken);
    }

    /** Applies the second day's changes; false if they were applied before. */
    public boolean applySecondDay() {
        return applySecondDay(databaseUrl());
    }

    static boolean applySecondDay(String databaseUrl) {
        try (Connection db = CrmDatabase.connectAsOwner(databaseUrl)) {
            return CrmData.applySecondDay(db);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot apply the second day's changes: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            api.close();
        } finally {
            database.close();
        }
    }

    public static void main(String[] args) throws InterruptedException {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "dev/weir/examples/crm/services-logback.xml");
        }
        PrintStream out = System.out;
        try {
            if (args.length == 2 && args[0].equals("start")) {
                serve(Path.of(args[1]).toAbsolutePath(), out);
            } else if (args.length == 1 && args[0].equals("second-day")) {
                boolean applied = applySecondDay(required("CRM_DB_URL"));
                out.println(applied ? "second day applied" : "the second day was applied before");
            } else {
                System.err.println("usage: CrmServices start DIR | CrmServices second-day");
                System.exit(2);
            }
        } catch (IllegalArgumentException e) {
            System.err.println("CrmServices: " + e.getMessage());
            System.exit(2);
        }
    }

    private static void serve(Path dir, PrintStream out) throws InterruptedException {
        String token = required("CRM_API_TOKEN");
        String password = required("CRM_DB_PASSWORD");
        CrmServices services = start(dir, token, password);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            services.close();
            stopped.countDown();
        }));
        Path envFile = dir.resolve("services.env");
        StringBuilder env = new StringBuilder();
        services.environment(token, password).entrySet().stream()
                .filter(e -> !e.getKey().equals("CRM_API_TOKEN") && !e.getKey().equals("CRM_DB_PASSWORD"))
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> env.append("export ")
                        .append(e.getKey())
                        .append("='")
                        .append(e.getValue())
                        .append("'\n"));
        try {
            Path partial = dir.resolve("services.env.tmp");
            Files.writeString(partial, env);
            Files.move(partial, envFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + envFile, e);
        }
        out.println("PostgreSQL at " + services.databaseUrl() + ", orders API at " + services.apiUrl());
        stopped.await();
    }

    private static String required(String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("set " + variable);
        }
        return value;
    }
}
