package dev.weir.metastore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SchemaMigrationTest {
    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

    @Test
    void latestVersionIsTheNewestMigrationFile() throws IOException {
        int newest = migrations(SqlDialect.SQLITE).stream()
                .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))
                .max()
                .orElseThrow();
        assertThat(SchemaMigration.LATEST_VERSION).isEqualTo(newest);
    }

    @Test
    void everyDialectHasTheSameMigrationsUnderTheSameNames() throws IOException {
        assertThat(migrations(SqlDialect.POSTGRES)).isEqualTo(migrations(SqlDialect.SQLITE));
    }

    private static List<String> migrations(SqlDialect dialect) throws IOException {
        String folder = dialect.migrations().substring(dialect.migrations().lastIndexOf('/') + 1);
        try (Stream<Path> files = Files.list(MIGRATIONS.resolve(folder))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .sorted()
                    .toList();
        }
    }
}
