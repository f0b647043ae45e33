package dev.weir.engine.tests;

import dev.weir.core.spi.Engine;
import dev.weir.core.spi.TableStore;
import dev.weir.lakehouse.IcebergTableStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The Weir project one run of the contract suite works in: a temporary directory with input files,
 * an Iceberg warehouse and its SQLite catalog (a real {@link IcebergTableStore}), and the engine
 * under test. The suite's tests share it; each uses tables of its own.
 */
final class ContractProject implements AutoCloseable {
    private final Engine engine;
    private final Path dir;
    private final IcebergTableStore store;
    private int sessions;

    private ContractProject(Engine engine, Path dir) {
        this.engine = engine;
        this.dir = dir;
        this.store =
                IcebergTableStore.open(dir.resolve(".weir/warehouse"), "jdbc:sqlite:" + dir.resolve(".weir/weir.db"));
    }

    static ContractProject open(Engine engine) {
        Objects.requireNonNull(engine, "engine is null");
        try {
            return new ContractProject(
                    engine, Files.createTempDirectory("weir-engine-contract-").toRealPath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Engine engine() {
        return engine;
    }

    TableStore store() {
        return store;
    }

    /** A new scratch directory for one engine session. */
    Path newScratchDir() {
        return dir.resolve(".weir/tmp/session-" + ++sessions);
    }

    /** A directory for the files one test writes itself, e.g. the Parquet files of a source. */
    Path newDir(String name) {
        try {
            return Files.createDirectories(dir.resolve("data").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code content} as UTF-8 to {@code data/<relativePath>} and returns the file. */
    Path write(String relativePath, String content) {
        return write(relativePath, content.getBytes(StandardCharsets.UTF_8));
    }

    Path write(String relativePath, byte[] content) {
        Path file = dir.resolve("data").resolve(relativePath);
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The path of {@code file} relative to the project, as a source reports it in messages. */
    String relative(Path file) {
        return dir.relativize(file).toString().replace('\\', '/');
    }

    @Override
    public void close() {
        store.close();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the contract project " + dir, e);
        }
    }
}
