package dev.weir.core.spec;

import java.util.List;
import java.util.Objects;

/** The {@code error_handling:} section. */
public record ErrorHandlingSpec(
        ErrorStrategy strategy, int maxRetries, int retryDelaySeconds, List<String> alertChannels) {
    public static final ErrorHandlingSpec DEFAULTS = new ErrorHandlingSpec(ErrorStrategy.FAIL_FAST, 3, 300, List.of());

    public ErrorHandlingSpec {
        Objects.requireNonNull(strategy, "strategy is null");
        if (maxRetries < 0 || retryDelaySeconds < 0) {
            throw new IllegalArgumentException("max_retries and retry_delay_seconds must not be negative");
        }
        alertChannels = List.copyOf(alertChannels);
    }
}
