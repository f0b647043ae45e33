package dev.weir.core.spec.load;

import dev.weir.core.spec.ErrorHandlingSpec;
import dev.weir.core.spec.ErrorStrategy;

/** Reads an {@code error_handling:} section key by key over inherited settings. */
final class ErrorHandlingReader {

    /** Each key the section writes overrides the same key of {@code inherited}. */
    ErrorHandlingSpec read(SectionValues section, ErrorHandlingSpec inherited) {
        ErrorStrategy strategy = section.has("strategy")
                ? section.choice("strategy", ErrorStrategy.values(), ErrorStrategy::yamlName)
                        .orElse(inherited.strategy())
                : inherited.strategy();
        int maxRetries = section.has("max_retries") ? section.integer("max_retries") : inherited.maxRetries();
        int retryDelay = section.has("retry_delay_seconds")
                ? section.integer("retry_delay_seconds")
                : inherited.retryDelaySeconds();
        try {
            return new ErrorHandlingSpec(
                    strategy,
                    maxRetries,
                    retryDelay,
                    section.has("alert_channels") ? section.strings("alert_channels") : inherited.alertChannels());
        } catch (IllegalArgumentException e) {
            // Negative counts were reported by the validator; keep reading the file with the inherited values.
            return inherited;
        }
    }
}
