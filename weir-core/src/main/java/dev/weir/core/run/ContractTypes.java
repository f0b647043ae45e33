package dev.weir.core.run;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spec.ContractColumn;
import dev.weir.core.spec.ContractSpec;
import dev.weir.core.spec.TableId;
import dev.weir.core.spi.Column;
import dev.weir.core.spi.ColumnCasts;
import dev.weir.core.spi.EngineSession;
import dev.weir.core.spi.RelationInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A contract's column types are the types its table's columns are loaded as: the relation to load
 * is cast to them, whatever type the engine inferred (a {@code sum} of {@code DECIMAL(10,2)} is a
 * wider decimal). A row with a value that does not fit is a reject: quarantined under dead-letter,
 * else an error at the contract's line that names the column and the value.
 */
final class ContractTypes {
    /** The relation cast to the contract's types. */
    static final String TYPED = "__weir_typed";
    /** The rows whose values did not fit, with the columns of a rejected-rows relation. */
    static final String MISTYPED = "__weir_mistyped";

    /** The relation to load and how many of its rows did not fit (relation {@link #MISTYPED}). */
    record Typed(RelationInfo relation, long rejectedRows) {}

    private ContractTypes() {}

    /** Whether a relation loaded into the contract's table is cast (the contract declares column types). */
    static boolean casts(Optional<ContractSpec> contract) {
        return contract.filter(c -> !c.columns().isEmpty()).isPresent();
    }

    /**
     * {@code relation} cast to {@code contract}'s column types; columns the contract does not declare,
     * or that the relation lacks (schema drift reports them), are left as they are.
     *
     * @param quarantine whether rows that do not fit go to the quarantine (dead-letter) rather than fail the run
     * @throws WeirException {@code LOAD_REJECTED} at the contract's type when a value does not fit and
     *     {@code quarantine} is false; {@code SCHEMA_DRIFT} there when the engine does not know the type
     */
    static Typed apply(
            EngineSession session, RelationInfo relation, ContractSpec contract, TableId target, boolean quarantine) {
        List<ColumnCasts.Cast> casts = new ArrayList<>();
        for (ContractColumn promised : contract.columns()) {
            Optional<Column> column = relation.schema().column(promised.name());
            if (column.isEmpty()) {
                continue;
            }
            Optional<String> type = session.tableType(promised.type());
            if (type.isEmpty()) {
                throw new WeirException(
                        ErrorCode.SCHEMA_DRIFT,
                        "Cannot load into " + target + ": column '" + promised.name() + "' has type '" + promised.type()
                                + "', which the engine does not know",
                        promised.typeLocation(),
                        "write a SQL type such as BIGINT, VARCHAR, DECIMAL(10,2), DATE or TIMESTAMP",
                        null);
            }
            if (!type.get().equals(column.get().type())) {
                casts.add(new ColumnCasts.Cast(promised.name(), promised.type()));
            }
        }
        if (casts.isEmpty()) {
            return new Typed(relation, 0);
        }
        ColumnCasts.Casted casted = EngineCapabilities.require(
                        session, ColumnCasts.class, "cast columns to the types of a contract")
                .castColumns(TYPED, MISTYPED, relation.name(), casts);
        if (casted.rejectedRows() > 0 && !quarantine) {
            throw doesNotFit(contract, target, casted);
        }
        return new Typed(casted.cast(), casted.rejectedRows());
    }

    private static WeirException doesNotFit(ContractSpec contract, TableId target, ColumnCasts.Casted casted) {
        ColumnCasts.Misfit first = casted.first().orElseThrow();
        long rows = casted.rejectedRows();
        return new WeirException(
                ErrorCode.LOAD_REJECTED,
                "Cannot load into " + target + ": " + rows + (rows == 1 ? " row does" : " rows do")
                        + " not fit the contract's types: " + first.reason(),
                contract.column(first.column()).orElseThrow().typeLocation(),
                "make the last transform stage produce values that fit (round, filter, or cast them), or change"
                        + " the contract's type with its consumers; under error_handling.strategy: dead-letter"
                        + " such rows are quarantined and the rest loads",
                null);
    }
}
