package dev.weir.connectors.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.spi.Column;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A SQLite file database, read whole and incrementally through the driver that ships with Weir. */
class SqliteExtractionIT {
    @TempDir
    Path root;

    private String url;
    private JdbcProject project;

    @BeforeEach
    void database() {
        url = "jdbc:sqlite:" + root.resolve("shop.db");
        project = new JdbcProject(root, Map.of()).write("connections/shop.yaml", "url: " + url + "\n");
        execute("CREATE TABLE events (id INTEGER PRIMARY KEY, seq INTEGER, name TEXT, score REAL)");
    }

    private void execute(String... sql) {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void sqliteIntegersAreLongsAndItsRealsDoubles() {
        execute("INSERT INTO events VALUES (1, 5000000000, 'a', 0.1)");
        project.pipeline("events", "  connection: shop\n  table: events\n  strategy: full\n");

        JdbcProject.Extract all = project.extract("events", Optional.empty());

        assertThat(all.columns().stream().map(Column::type)).containsExactly("long", "long", "string", "double");
        assertThat(all.rows().get(0)).containsExactly(1L, 5_000_000_000L, "a", 0.1d);
    }

    @Test
    void anIncrementalReadOnAnIntegerCursorTakesTheTablesOwnPrimaryKey() {
        execute("INSERT INTO events VALUES (1, 10, 'a', 1), (2, 20, 'b', 2)");
        project.pipeline(
                "events", "  connection: shop\n  table: events\n  strategy: incremental\n  incremental_key: seq\n");
        JdbcProject.Extract first = project.extract("events", Optional.empty());
        execute("INSERT INTO events VALUES (3, 20, 'c', 3), (4, 30, 'd', 4)");

        JdbcProject.Extract second = project.extract("events", first.end());

        assertThat(first.column("id")).containsExactlyInAnyOrder(1L, 2L);
        assertThat(second.column("id")).containsExactlyInAnyOrder(2L, 3L, 4L);
        assertThat(second.end().orElseThrow().state())
                .isEqualTo("{\"column\":\"seq\",\"type\":\"long\",\"value\":\"30\",\"key\":{\"id\":\"4\"}}");
    }
}
