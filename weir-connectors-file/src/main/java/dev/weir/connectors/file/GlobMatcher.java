package dev.weir.connectors.file;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.stream.Stream;

/**
 * Lists regular files matching a glob ({@code *}, {@code ?}, {@code **}, {@code {a,b}},
 * {@code [..]}) relative to a root directory, sorted by path so batches are deterministic.
 * Only the directory before the first wildcard is walked.
 */
final class GlobMatcher {
    private static final String WILDCARDS = "*?[{";

    private final Path root;
    private final String pattern;

    GlobMatcher(Path root, String pattern) {
        this.root = root;
        this.pattern = pattern.replace('\\', '/');
    }

    List<Path> matches() throws IOException {
        int firstWildcard = firstWildcard(pattern);
        if (firstWildcard < 0) {
            Path file = root.resolve(pattern).normalize();
            return Files.isRegularFile(file) ? List.of(file) : List.of();
        }
        int lastSlash = pattern.lastIndexOf('/', firstWildcard);
        Path base = lastSlash < 0
                ? root
                : root.resolve(pattern.substring(0, lastSlash)).normalize();
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        try (Stream<Path> walk = Files.walk(base)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> matcher.matches(root.relativize(p)))
                    .sorted()
                    .toList();
        }
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
