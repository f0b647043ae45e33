package dev.weir.core.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The values of one validated spec mapping, defaults applied, as a plugin reads them. Keys were
 * checked against the plugin's rules already (types, allowed values, bounds, formats), so a reader
 * only checks what spans keys, and reports it with {@link #problem} at the place it was written.
 */
public interface SpecValues {
    /** Whether {@code key} was written with a value. */
    boolean has(String key);

    /** The text of a scalar key, or its default; empty when neither. */
    Optional<String> text(String key);

    /** A boolean key, or its default; false when neither. */
    boolean bool(String key);

    /** The items of a list of strings; empty when absent. */
    List<String> strings(String key);

    /** The entries of a mapping of strings, in the order written; empty when absent. */
    Map<String, String> pairs(String key);

    /** A nested mapping (empty values when absent, defaults still applied). */
    SpecValues section(String key);

    /**
     * Reports a problem at {@code key} (or at this mapping when the key is absent), as
     * {@code file:line:column: field: message — hint}; the project then does not load.
     */
    void problem(String key, String message, String hint);
}
