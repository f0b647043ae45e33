package dev.weir.connectors.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Lists regular files matching a glob ({@code *}, {@code ?}, {@code **}, {@code {a,b}},
 * {@code [..]}) relative to a root directory, sorted by path so batches are deterministic.
 * Only the directory before the first wildcard is walked, and no deeper than the glob reaches
 * (any depth past a {@code **}). A symbolic link that matches but leads nowhere is reported, never
 * skipped in silence: a feed delivered as links whose targets are not there yet has not arrived.
 */
final class GlobMatcher {
    private static final String WILDCARDS = "*?[{";

    private final Path root;
    private final String pattern;

    GlobMatcher(Path root, String pattern) {
        this.root = root;
        this.pattern = pattern.replace('\\', '/');
    }

    /** The files that match, and the matching links whose target does not exist. */
    record Matches(List<Path> files, List<Path> danglingLinks) {}

    Matches matches() throws IOException {
        int firstWildcard = firstWildcard(pattern);
        if (firstWildcard < 0) {
            Path file = root.resolve(pattern).normalize();
            if (Files.isRegularFile(file)) {
                return new Matches(List.of(file), List.of());
            }
            return new Matches(List.of(), isDanglingLink(file) ? List.of(file) : List.of());
        }
        int lastSlash = pattern.lastIndexOf('/', firstWildcard);
        Path base = lastSlash < 0
                ? root
                : root.resolve(pattern.substring(0, lastSlash)).normalize();
        if (!Files.isDirectory(base)) {
            return new Matches(List.of(), List.of());
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        List<Path> files = new ArrayList<>();
        List<Path> dangling = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(base, depth(pattern.substring(lastSlash + 1)))) {
            walk.filter(p -> matcher.matches(root.relativize(p))).sorted().forEach(p -> {
                if (Files.isRegularFile(p)) {
                    files.add(p);
                } else if (isDanglingLink(p)) {
                    dangling.add(p);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause(); // a directory on the way that may not be read
        }
        return new Matches(files, dangling);
    }

    /** How many directory levels below the base the rest of the glob reaches. */
    private static int depth(String rest) {
        if (rest.contains("**")) {
            return Integer.MAX_VALUE;
        }
        return (int) rest.chars().filter(c -> c == '/').count() + 1;
    }

    private static boolean isDanglingLink(Path path) {
        return Files.isSymbolicLink(path) && !Files.exists(path);
    }

    private static int firstWildcard(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (WILDCARDS.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
