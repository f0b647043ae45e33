package dev.weir.core.run;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spi.EngineSession;

/** What a step needs of an engine beyond the core of every session. */
final class EngineCapabilities {
    private EngineCapabilities() {}

    /**
     * {@code session} as {@code capability}.
     *
     * @param purpose what cannot be done without it, such as {@code upsert into silver.orders}
     * @throws WeirException {@code USAGE} naming the capability when the engine lacks it
     */
    static <T> T require(EngineSession session, Class<T> capability, String purpose) {
        return session.capability(capability)
                .orElseThrow(() -> WeirException.withHint(
                        ErrorCode.USAGE,
                        "Cannot " + purpose + ": the engine has no " + capability.getSimpleName() + " capability",
                        "run this pipeline on an engine that has it (transform.engine), such as duckdb"));
    }
}
