package dev.weir.core.health;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.quality.CheckResult;
import dev.weir.core.quality.CheckStatus;
import dev.weir.core.spi.RunStatus;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Puts a failed run on a branch of the seed's triage tree: by its error code when known, then by
 * the stage it stopped in and its failed checks, then by its message; {@link FailureClass#UNKNOWN}
 * when nothing matches rather than a guess.
 */
public final class FailureTriage {
    private static final List<MessageRule> MESSAGE_RULES = List.of(
            new MessageRule(FailureClass.OUT_OF_MEMORY, "outofmemory|out of memory|java heap space|memory limit"),
            new MessageRule(
                    FailureClass.PERMISSION,
                    "permission denied|access ?denied|not authori[sz]ed|forbidden|http 401|http 403"
                            + "|password authentication failed|token (has )?expired"),
            // the seed's "connection timeout" is the source's; its "timeout" branch is the run's own (SLA)
            new MessageRule(FailureClass.CONNECTION, "(connect|connection|read) time ?out|no complete response within"),
            new MessageRule(FailureClass.TIMEOUT, "timed? ?out|timeout|deadline exceeded"),
            new MessageRule(
                    FailureClass.DUPLICATE_KEY,
                    "duplicate key|share their merge key|same (merge )?key|unique constraint|primary key violation"),
            new MessageRule(
                    FailureClass.SCHEMA_MISMATCH,
                    "schema drift|column .* (removed|missing|dropped)|type change|changed type|no such column"),
            new MessageRule(FailureClass.QUALITY, "quality gate|check .* failed|checks? failed"),
            new MessageRule(
                    FailureClass.CONNECTION,
                    "cannot connect|connection (refused|reset|closed)|unknown host|unreachable"
                            + "|cannot read|no route to host"));

    private FailureTriage() {}

    public static FailureClass classify(
            RunStatus status,
            String stage,
            Optional<ErrorCode> code,
            Optional<String> message,
            List<CheckResult> checks) {
        if (status == RunStatus.SUCCESS || status == RunStatus.RUNNING) {
            return FailureClass.NOT_FAILED;
        }
        Optional<FailureClass> byCode = code.flatMap(FailureTriage::byCode);
        if (byCode.isPresent()) {
            return byCode.get();
        }
        String text = message.orElse("").toLowerCase(Locale.ROOT);
        for (MessageRule rule : MESSAGE_RULES) {
            if (rule.pattern().matcher(text).find()) {
                return rule.failureClass();
            }
        }
        if (stage.equals("schema")) {
            return FailureClass.SCHEMA_MISMATCH;
        }
        if (checks.stream().anyMatch(c -> c.blocking() && c.status() != CheckStatus.PASSED)) {
            return FailureClass.QUALITY;
        }
        return FailureClass.UNKNOWN;
    }

    /** The codes that name one branch; the others (a failed source, an internal error) need the message. */
    private static Optional<FailureClass> byCode(ErrorCode code) {
        return switch (code) {
            case SOURCE_UNAVAILABLE, METASTORE_UNAVAILABLE -> Optional.of(FailureClass.CONNECTION);
            case SCHEMA_DRIFT -> Optional.of(FailureClass.SCHEMA_MISMATCH);
            case QUALITY_GATE_FAILED, LOAD_REJECTED -> Optional.of(FailureClass.QUALITY);
            default -> Optional.empty();
        };
    }

    private record MessageRule(FailureClass failureClass, Pattern pattern) {
        MessageRule(FailureClass failureClass, String regex) {
            this(failureClass, Pattern.compile(regex));
        }
    }
}
