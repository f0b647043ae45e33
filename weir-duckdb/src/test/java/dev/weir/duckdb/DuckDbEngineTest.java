package dev.weir.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.spi.EngineSession;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbEngineTest {
    @TempDir
    Path dir;

    @Test
    void withoutAMemoryLimitASessionGets128MbPerCoreAndAtLeast256Mb() {
        long megabytes = Math.max(256, 128L * Runtime.getRuntime().availableProcessors());
        assertThat(DuckDbEngine.defaultMemoryLimit()).isEqualTo(megabytes + "MB");
        try (EngineSession session = new DuckDbEngine(Optional.empty()).openSession(dir)) {
            assertThat(session.query("SELECT current_setting('memory_limit')", 1)
                            .rows())
                    .containsExactly(List.of(limitAsDuckDbShowsIt(megabytes)));
        }
    }

    @Test
    void aMemoryLimitGivenReplacesTheDefault() {
        try (EngineSession session = new DuckDbEngine(Optional.of("1GB")).openSession(dir)) {
            assertThat(session.query("SELECT current_setting('memory_limit')", 1)
                            .rows())
                    .containsExactly(List.of("953.6 MiB"));
        }
    }

    /** DuckDB reads {@code 256MB} as 256,000,000 bytes and prints it in MiB with one decimal. */
    private static String limitAsDuckDbShowsIt(long megabytes) {
        return String.format(Locale.ROOT, "%.1f MiB", megabytes * 1_000_000 / (1024.0 * 1024.0));
    }
}
