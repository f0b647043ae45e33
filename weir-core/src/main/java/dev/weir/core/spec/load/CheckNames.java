package dev.weir.core.spec.load;

import dev.weir.core.error.Location;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The check names used in one scope (a quality gate, a contract): results and alerts tell checks
 * apart by name, so a second use of a name is a problem, reported where it is written.
 */
final class CheckNames {
    private final FileProblems problems;
    private final Map<String, Location> firstUse = new HashMap<>();

    CheckNames(FileProblems problems) {
        this.problems = Objects.requireNonNull(problems, "problems is null");
    }

    void add(String name, Location at) {
        Location first = firstUse.putIfAbsent(name, at);
        if (first != null) {
            problems.add(
                    at,
                    "Duplicate check name '" + name + "'",
                    "also used at line " + first.line() + "; give one of them its own 'name:'");
        }
    }
}
