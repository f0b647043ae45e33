package dev.weir.core.spec;

import dev.weir.core.error.Location;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One column a contract promises: its SQL type, whether it may be NULL, what it means, whether it
 * holds personal data, the name it had before a rename, and the checks on its values. The type is
 * the one the column is loaded as; {@code typeLocation} is where it is written, for values that do
 * not fit it.
 */
public record ContractColumn(
        String name,
        String type,
        boolean nullable,
        String description,
        String businessDefinition,
        boolean pii,
        Optional<String> renamedFrom,
        List<CheckSpec> checks,
        Location typeLocation) {
    public ContractColumn {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(description, "description is null");
        Objects.requireNonNull(businessDefinition, "businessDefinition is null");
        Objects.requireNonNull(renamedFrom, "renamedFrom is null");
        checks = List.copyOf(checks);
        Objects.requireNonNull(typeLocation, "typeLocation is null");
    }
}
