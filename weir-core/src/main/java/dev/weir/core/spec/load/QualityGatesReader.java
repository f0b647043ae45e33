package dev.weir.core.spec.load;

import dev.weir.core.spec.CheckSpec;
import dev.weir.core.spec.QualityGatesSpec;
import java.util.ArrayList;
import java.util.List;

/** Reads the {@code quality_gates:} section: the checks before and after the load. */
final class QualityGatesReader {
    private final CheckReader checks = new CheckReader();

    /** The checks that could be read; each problem is reported. */
    QualityGatesSpec read(SectionValues gates) {
        return new QualityGatesSpec(gate(gates, "pre_load"), gate(gates, "post_load"));
    }

    // Names are unique within a gate: each gate's results are told apart by name.
    private List<CheckSpec> gate(SectionValues gates, String key) {
        CheckNames names = new CheckNames(gates.problems());
        List<CheckSpec> read = new ArrayList<>();
        for (SectionValues check : gates.sections(key)) {
            checks.read(check, CheckScope.qualityGate()).ifPresent(spec -> {
                names.add(spec.name(), CheckReader.nameLocation(check));
                read.add(spec);
            });
        }
        return read;
    }
}
