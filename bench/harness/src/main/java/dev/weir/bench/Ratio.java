package dev.weir.bench;

/** A comparison measured in one invocation, with the target it is held to. */
record Ratio(String name, double value, String target, boolean met) {
    static Ratio atMost(String name, double value, double limit) {
        return new Ratio(name, value, "<= " + limit, value <= limit);
    }

    static Ratio atLeast(String name, double value, double limit) {
        return new Ratio(name, value, ">= " + limit, value >= limit);
    }
}
