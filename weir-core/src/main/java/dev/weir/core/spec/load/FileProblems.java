package dev.weir.core.spec.load;

import dev.weir.core.error.Location;
import dev.weir.core.error.SpecProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Collects the problems of one spec file into the list shared by the whole load. */
final class FileProblems {
    private final String file;
    private final List<SpecProblem> sink;
    private final List<String> fields = new ArrayList<>();

    /** @param file the file's path relative to the project root, with forward slashes */
    FileProblems(String file, List<SpecProblem> sink) {
        this.file = Objects.requireNonNull(file, "file is null");
        this.sink = Objects.requireNonNull(sink, "sink is null");
    }

    String file() {
        return file;
    }

    Location at(YamlNode node, String field) {
        return new Location(file, node.line(), node.column(), field);
    }

    /** Where a key (not its value) was written: problems about the key itself point there. */
    Location atKey(YamlNode.Entry entry, String field) {
        return new Location(file, entry.line(), entry.column(), field);
    }

    void add(YamlNode node, String field, String message, String hint) {
        add(at(node, field), message, hint);
    }

    void add(Location location, String message, String hint) {
        sink.add(new SpecProblem(location, message, hint));
        fields.add(location.field());
    }

    /** How many problems this file has reported so far; records are only built while it stays 0. */
    int count() {
        return fields.size();
    }

    /**
     * Whether a problem was reported at {@code path} or inside it ({@code path.key}, {@code path[0]}):
     * one check of a list is built when its own values are sound, so the others can still be compared.
     */
    boolean hasProblemsUnder(String path) {
        return fields.stream().anyMatch(f -> f.equals(path) || f.startsWith(path + ".") || f.startsWith(path + "["));
    }

    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    static String item(String path, int index) {
        return path + "[" + index + "]";
    }
}
