package dev.weir.core.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * What a health check found about one thing.
 *
 * @param subject what was checked: {@code table silver.orders}, {@code database /path/weir.db}
 * @param problem what is wrong; empty when the check passed
 * @param detail on success what was checked (counts), on failure empty or more on the problem
 * @param repair the command or step that fixes the problem; empty when healthy or when none is known
 */
public record HealthFinding(String subject, Optional<String> problem, String detail, Optional<String> repair) {
    public HealthFinding {
        Objects.requireNonNull(subject, "subject is null");
        Objects.requireNonNull(problem, "problem is null");
        Objects.requireNonNull(detail, "detail is null");
        Objects.requireNonNull(repair, "repair is null");
    }

    public static HealthFinding healthy(String subject, String detail) {
        return new HealthFinding(subject, Optional.empty(), detail, Optional.empty());
    }

    public static HealthFinding problem(String subject, String problem, Optional<String> repair) {
        return new HealthFinding(subject, Optional.of(problem), "", repair);
    }

    public boolean healthy() {
        return problem.isEmpty();
    }
}
