package dev.weir.core.spec.load;

import dev.weir.core.error.Location;
import dev.weir.core.spec.BreakingChangePolicy;
import dev.weir.core.spec.CheckRule;
import dev.weir.core.spec.CheckSpec;
import dev.weir.core.spec.ContractColumn;
import dev.weir.core.spec.ContractSpec;
import dev.weir.core.spec.Severity;
import dev.weir.core.spec.SlaSpec;
import dev.weir.core.spec.TableId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Validates one contract file ({@code contracts/<name>.yaml}) and reads it into a
 * {@link ContractDraft}: its columns with their checks (a column declared {@code nullable: false}
 * gets a not_null check), and its table-level checks, which may only name declared columns.
 */
final class ContractReader {
    private static final String NOT_NULL = "not_null";

    private final SchemaValidator validator;
    private final CheckReader checkReader = new CheckReader();

    ContractReader(SchemaValidator validator) {
        this.validator = Objects.requireNonNull(validator, "validator is null");
    }

    /** The draft; it carries a spec only when the file had no problem at all. */
    ContractDraft read(Path file, YamlNode tree, FileProblems problems) {
        if (!(tree instanceof YamlNode.Mapping mapping)) {
            problems.add(
                    tree,
                    "",
                    "Expected a mapping with a contract section, found " + tree.describe(),
                    "start the file with a 'contract:' section");
            return ContractDraft.unreadable(problems.file());
        }
        validator.validate(mapping, SpecSchema.CONTRACT_FILE, "", problems);
        SectionValues contract =
                SectionValues.root(problems, mapping, SpecSchema.CONTRACT_FILE).section("contract");
        Optional<LocatedText> name = contract.text("name").map(n -> new LocatedText(n, contract.location("name")));
        name.ifPresent(n -> FileBaseName.check(file, n, "Contract", problems));
        TextValues.requireQuotedText(contract, "version", "version: \"1.0.0\"");
        Optional<LocatedText> table = contract.text("table")
                .filter(TableId::isValid)
                .map(t -> new LocatedText(t, contract.location("table")));

        SectionValues sla = contract.section("sla");
        List<SectionValues> columnSections = contract.sections("schema");
        CheckScope scope = CheckScope.contract(declaredColumns(columnSections), slaFreshnessHours(sla));
        CheckNames names = new CheckNames(problems);
        List<ContractColumn> columns = new ArrayList<>();
        for (SectionValues column : columnSections) {
            column(column, scope, names).ifPresent(columns::add);
        }
        List<CheckSpec> tableChecks = checks(contract.sections("checks"), scope, names);

        Optional<ContractSpec> spec = Optional.empty();
        if (problems.count() == 0 && name.isPresent() && table.isPresent()) {
            spec = Optional.of(new ContractSpec(
                    file,
                    name.get().text(),
                    contract.text("version").orElseThrow(),
                    contract.text("owner").orElseThrow(),
                    contract.strings("consumers"),
                    TableId.parse(table.get().text()),
                    new SlaSpec(
                            sla.number("freshness_hours"),
                            sla.number("availability_percent"),
                            sla.text("support_hours").orElse("")),
                    columns,
                    tableChecks,
                    contract.choice(
                                    "breaking_change_policy",
                                    BreakingChangePolicy.values(),
                                    BreakingChangePolicy::yamlName)
                            .orElseThrow(),
                    contract.text("notification_channel")));
        }
        return new ContractDraft(problems.file(), name, table, spec);
    }

    // Column names are compared ignoring case, as the engine does; the first declaration wins.
    private static List<String> declaredColumns(List<SectionValues> columns) {
        Map<String, Location> firstDeclared = new HashMap<>();
        List<String> declared = new ArrayList<>();
        for (SectionValues column : columns) {
            column.text("column").ifPresent(name -> {
                Location at = column.location("column");
                Location first = firstDeclared.putIfAbsent(name.toLowerCase(Locale.ROOT), at);
                if (first == null) {
                    declared.add(name);
                } else {
                    column.problems()
                            .add(
                                    at,
                                    "Duplicate column '" + name + "'",
                                    "also declared at line " + first.line()
                                            + "; declare each column once (names ignore case)");
                }
            });
        }
        return declared;
    }

    // An invalid freshness_hours (reported) is no default: freshness checks then need their own max_age_hours.
    private static OptionalDouble slaFreshnessHours(SectionValues sla) {
        boolean sound = !sla.problems().hasProblemsUnder(FileProblems.child(sla.path(), "freshness_hours"));
        return sound ? sla.number("freshness_hours") : OptionalDouble.empty();
    }

    private Optional<ContractColumn> column(SectionValues column, CheckScope scope, CheckNames names) {
        Optional<String> name = column.text("column");
        if (name.isEmpty()) {
            return Optional.empty();
        }
        List<SectionValues> listed = column.sections("checks");
        boolean listsNotNull = listed.stream()
                .anyMatch(c -> c.text("type").filter(NOT_NULL::equals).isPresent());
        boolean nullable = column.bool("nullable");
        if (column.has("nullable") && nullable && listsNotNull) {
            column.problems()
                    .add(
                            column.location("nullable"),
                            "Column '" + name.get() + "' is declared nullable but has a not_null check",
                            "set 'nullable: false', or remove the check");
        }
        List<CheckSpec> checks = new ArrayList<>();
        if (!nullable && !listsNotNull) {
            Location at = column.location("nullable");
            CheckRule rule = new CheckRule.NotNull(name.get());
            CheckSpec notNull =
                    new CheckSpec(CheckSpec.defaultName(rule), rule, Severity.P1, true, at.file() + ":" + at.line());
            names.add(notNull.name(), at);
            checks.add(notNull);
        }
        checks.addAll(checks(listed, scope.column(name.get()), names));
        return Optional.of(new ContractColumn(
                name.get(),
                column.text("type").orElse(""),
                nullable,
                column.text("description").orElse(""),
                column.text("business_definition").orElse(""),
                column.bool("pii"),
                column.text("renamed_from"),
                checks,
                column.location("type")));
    }

    private List<CheckSpec> checks(List<SectionValues> sections, CheckScope scope, CheckNames names) {
        List<CheckSpec> read = new ArrayList<>();
        for (SectionValues check : sections) {
            checkReader.read(check, scope).ifPresent(spec -> {
                names.add(spec.name(), CheckReader.nameLocation(check));
                read.add(spec);
            });
        }
        return read;
    }
}
