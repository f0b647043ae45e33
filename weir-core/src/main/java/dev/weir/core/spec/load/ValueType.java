package dev.weir.core.spec.load;

/** The shape a key's value must have. */
public enum ValueType {
    /** Any scalar, read as its text ({@code owner: 42} is the string "42"). */
    STRING("a string"),
    /** An integer that fits Java's {@code int}. */
    INTEGER("an integer"),
    /** An integer that fits Java's {@code long}, for row counts. */
    LONG("an integer"),
    /** A finite integer or decimal number. */
    NUMBER("a number"),
    /** A number or a string, kept as written; a bound the engine compares in a column's type. */
    LITERAL("a number or a string"),
    BOOLEAN("true or false"),
    STRING_LIST("a list"),
    /** A mapping whose keys a {@link MappingRule} lists. */
    MAPPING("a mapping"),
    /**
     * A mapping whose keys depend on a sibling key's value: a check's {@code params} by its
     * {@code type}. {@link KeyRule.Variants} holds a {@link MappingRule} for each value.
     */
    SELECTED_MAPPING("a mapping"),
    /** A list of mappings, each checked against the same {@link MappingRule}. */
    MAPPING_LIST("a list"),
    /** A mapping with free keys and scalar values, order kept ({@code columns}). */
    STRING_MAP("a mapping"),
    /**
     * A mapping of free names to mappings whose keys a plugin reads, not core: {@code weir.yaml}'s
     * {@code connections}. Their placeholders are left for the plugin, which resolves them when a
     * run connects.
     */
    NAMED_MAPPINGS("a mapping of names to mappings");

    private final String expected;

    ValueType(String expected) {
        this.expected = expected;
    }

    /** How a "wrong type" message names what was expected. */
    public String expected() {
        return expected;
    }
}
