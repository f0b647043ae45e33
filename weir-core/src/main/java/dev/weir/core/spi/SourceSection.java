package dev.weir.core.spi;

import dev.weir.core.spec.ExtractStrategy;
import java.nio.file.Path;
import java.util.Optional;

/** A pipeline's {@code extract:} section as its source's factory reads it: the common keys, already validated, and the source's own. */
public interface SourceSection extends SpecValues {
    /** {@code extract.connection}: what to read; its meaning is the source's. */
    String connection();

    ExtractStrategy strategy();

    /** {@code extract.incremental_key}, when written. */
    Optional<String> incrementalKey();

    /** {@code extract.key_type}, when written: the SQL type the incremental key is compared in. */
    Optional<String> keyType();

    /** The project directory, for sources that read paths relative to it. */
    Path projectRoot();
}
