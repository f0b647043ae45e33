package dev.weir.core.run;

import java.util.Locale;

/** The steps of one run, in order; a failed run records the step it failed in. */
enum RunStage {
    START,
    LOCK,
    EXTRACT,
    TRANSFORM,
    SCHEMA,
    QUALITY,
    LOAD,
    AUDIT,
    COMMIT,
    DONE;

    /** The name in run records and stage events. */
    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
