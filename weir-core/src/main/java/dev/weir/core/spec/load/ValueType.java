package dev.weir.core.spec.load;

/** The shape a key's value must have. */
enum ValueType {
    /** Any scalar, read as its text ({@code owner: 42} is the string "42"). */
    STRING("a string"),
    INTEGER("an integer"),
    BOOLEAN("true or false"),
    STRING_LIST("a list"),
    /** A mapping whose keys a {@link MappingRule} lists. */
    MAPPING("a mapping"),
    /** A list of mappings, each checked against the same {@link MappingRule}. */
    MAPPING_LIST("a list"),
    /** A mapping with free keys and scalar values, order kept ({@code columns}). */
    STRING_MAP("a mapping"),
    /** A list of free-form mappings, kept as written ({@code quality_gates}). */
    FREE_MAPPING_LIST("a list");

    private final String expected;

    ValueType(String expected) {
        this.expected = expected;
    }

    /** How a "wrong type" message names what was expected. */
    String expected() {
        return expected;
    }
}
