package dev.weir.core.plan;

import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the name a user most likely meant when they typed an unknown one: the candidate within edit
 * distance 2 (ignoring case), else one the input is a prefix of, or that is a prefix of the input.
 */
public final class DidYouMean {
    private static final int MAX_DISTANCE = 2;
    private static final int MIN_PREFIX = 3;

    private DidYouMean() {}

    /** The closest candidate, or empty when none is close; ties go to the earlier candidate. */
    public static Optional<String> closest(String input, Collection<String> candidates) {
        Objects.requireNonNull(input, "input is null");
        String typed = input.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = MAX_DISTANCE + 1;
        for (String candidate : candidates) {
            int distance = distance(typed, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        if (best != null) {
            return Optional.of(best);
        }
        return candidates.stream()
                .filter(c -> isPrefixPair(typed, c.toLowerCase(Locale.ROOT)))
                .findFirst();
    }

    /** {@code did you mean 'x'?} when a candidate is close, else empty. */
    public static Optional<String> hint(String input, Collection<String> candidates) {
        return closest(input, candidates).map(c -> "did you mean '" + c + "'?");
    }

    private static boolean isPrefixPair(String typed, String candidate) {
        return Math.min(typed.length(), candidate.length()) >= MIN_PREFIX
                && (candidate.startsWith(typed) || typed.startsWith(candidate));
    }

    // Optimal string alignment distance: a transposed pair of letters counts as one edit.
    private static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > MAX_DISTANCE) {
            return MAX_DISTANCE + 1;
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
