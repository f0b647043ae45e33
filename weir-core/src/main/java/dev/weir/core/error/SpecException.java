package dev.weir.core.error;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when specs fail validation; carries every problem found, not just the first. */
public final class SpecException extends WeirException {
    private static final long serialVersionUID = 1L;

    private final transient List<SpecProblem> problems;

    public SpecException(List<SpecProblem> problems) {
        super(ErrorCode.SPEC_INVALID, summary(problems));
        this.problems = List.copyOf(problems);
    }

    public List<SpecProblem> problems() {
        return problems;
    }

    @Override
    public String render() {
        return problems.stream().map(SpecProblem::render).collect(Collectors.joining(System.lineSeparator()));
    }

    private static String summary(List<SpecProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a SpecException needs at least one problem");
        }
        return problems.size() == 1 ? problems.get(0).render() : problems.size() + " problems in specs";
    }
}
