package dev.weir.connectors.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.core.error.WeirException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A driver Weir does not ship is used once its jar is in the project's {@code drivers/} folder:
 * DuckDB's, which is not on this module's class path.
 */
class DriversFolderIT {
    @TempDir
    Path root;

    private JdbcProject project() {
        return new JdbcProject(root, Map.of())
                .write("connections/duck.yaml", "url: jdbc:duckdb:" + root.resolve("events.duckdb") + "\n")
                .pipeline("p", "  connection: duck\n  query: select 42::bigint as id, 'x' as name\n  strategy: full\n");
    }

    @Test
    void aDriverJarInTheDriversFolderIsUsed() throws IOException {
        Path jars = Path.of(System.getProperty("weir.test.drivers"));
        Files.createDirectories(root.resolve("drivers"));
        try (var found = Files.list(jars)) {
            for (Path jar : found.toList()) {
                Files.copy(jar, root.resolve("drivers").resolve(jar.getFileName()));
            }
        }

        JdbcProject.Extract read = project().extract("p", Optional.empty());

        assertThat(read.rows()).singleElement().satisfies(r -> assertThat(r).containsExactly(42L, "x"));
    }

    @Test
    void withoutItsDriverAConnectionSaysWhereToPutOne() {
        assertThatThrownBy(() -> project().extract("p", Optional.empty()))
                .isInstanceOf(WeirException.class)
                .hasMessage("Cannot connect to 'duck': no JDBC driver accepts its URL")
                .satisfies(e -> assertThat(((WeirException) e).hint().orElseThrow())
                        .endsWith("put the jar of another database's driver into the project's drivers/ folder"));
    }
}
