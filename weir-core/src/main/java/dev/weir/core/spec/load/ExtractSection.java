package dev.weir.core.spec.load;

import dev.weir.core.spec.ExtractStrategy;
import dev.weir.core.spi.SourceSection;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** The {@code extract:} section as a source's factory reads it. */
final class ExtractSection extends SectionView implements SourceSection {
    private final String connection;
    private final ExtractStrategy strategy;
    private final Path projectRoot;

    ExtractSection(SectionValues values, String connection, ExtractStrategy strategy, Path projectRoot) {
        super(values);
        this.connection = Objects.requireNonNull(connection, "connection is null");
        this.strategy = Objects.requireNonNull(strategy, "strategy is null");
        this.projectRoot = Objects.requireNonNull(projectRoot, "projectRoot is null");
    }

    @Override
    public String connection() {
        return connection;
    }

    @Override
    public ExtractStrategy strategy() {
        return strategy;
    }

    @Override
    public Optional<String> incrementalKey() {
        return values().text("incremental_key");
    }

    @Override
    public Optional<String> keyType() {
        return values().text("key_type");
    }

    @Override
    public Path projectRoot() {
        return projectRoot;
    }
}
