package dev.weir.core.spec.load;

import dev.weir.core.spec.ContractSpec;
import java.util.Objects;
import java.util.Optional;

/**
 * What the project-wide checks need from one contract file, with locations, whether or not the
 * file was valid enough to build its {@link ContractSpec}.
 */
record ContractDraft(
        String file, Optional<LocatedText> name, Optional<LocatedText> table, Optional<ContractSpec> spec) {
    ContractDraft {
        Objects.requireNonNull(file, "file is null");
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(table, "table is null");
        Objects.requireNonNull(spec, "spec is null");
    }

    static ContractDraft unreadable(String file) {
        return new ContractDraft(file, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
