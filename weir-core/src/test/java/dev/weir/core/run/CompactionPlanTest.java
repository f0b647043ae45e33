package dev.weir.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.core.spi.DataFileRef;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class CompactionPlanTest {
    private static final long MB = 1024 * 1024;
    private static final long TARGET = 100 * MB;
    private static final int MIN_INPUT_FILES = 3;

    @Test
    void smallFilesOfAPartitionAreMergedIntoGroupsOfAtMostTheTargetSize() {
        List<DataFileRef> files =
                List.of(file("a", 40, "p=1"), file("b", 40, "p=1"), file("c", 30, "p=1"), file("d", 30, "p=1"));

        CompactionPlan plan = CompactionPlan.of(files, TARGET, MIN_INPUT_FILES);

        assertThat(plan.groups())
                .extracting(CompactionPlanTest::names)
                .containsExactly(List.of("a", "b"), List.of("c", "d"));
    }

    @Test
    void partitionsAreNeverMergedAndOneWithTooFewSmallFilesIsLeftAlone() {
        List<DataFileRef> files = List.of(
                file("a", 1, "p=1"),
                file("b", 1, "p=1"),
                file("c", 1, "p=1"),
                file("d", 1, "p=2"),
                file("e", 1, "p=2"));

        CompactionPlan plan = CompactionPlan.of(files, TARGET, MIN_INPUT_FILES);

        assertThat(plan.groups()).extracting(CompactionPlanTest::names).containsExactly(List.of("a", "b", "c"));
    }

    @Test
    void filesWithDeletesAreRewrittenWhateverTheirSizeAndLargeFilesWithoutAreKept() {
        List<DataFileRef> files = List.of(
                withDeletes("big-with-deletes", 90, "p=1"),
                file("big", 80, "p=1"),
                withDeletes("small-with-deletes", 1, "p=2"));

        CompactionPlan plan = CompactionPlan.of(files, TARGET, MIN_INPUT_FILES);

        assertThat(plan.groups())
                .extracting(CompactionPlanTest::names)
                .containsExactly(List.of("big-with-deletes"), List.of("small-with-deletes"));
    }

    @Test
    void aSmallFileThatFitsNoGroupButItsOwnIsNotRewrittenAlone() {
        List<DataFileRef> files =
                List.of(file("a", 70, "p=1"), file("b", 70, "p=1"), file("c", 70, "p=1"), file("d", 20, "p=1"));

        CompactionPlan plan = CompactionPlan.of(files, TARGET, MIN_INPUT_FILES);

        assertThat(plan.groups()).extracting(CompactionPlanTest::names).containsExactly(List.of("a", "d"));
    }

    @Test
    void optionsRefuseATargetOfNothingAndASingleInputFile() {
        assertThatThrownBy(() -> new CompactionOptions(OptionalLong.of(0), 5, 1))
                .hasMessage("targetFileSizeBytes must be positive: 0");
        assertThatThrownBy(() -> new CompactionOptions(OptionalLong.empty(), 1, 1))
                .hasMessage("minInputFiles must be at least 2: 1");
        assertThat(CompactionOptions.smallFileBytes(CompactionOptions.DEFAULT_TARGET_FILE_SIZE_BYTES))
                .isEqualTo(384 * MB);
        assertThat(CompactionOptions.defaults().targetFor(OptionalLong.of(MB))).isEqualTo(MB);
        assertThat(CompactionOptions.defaults().targetFor(OptionalLong.empty()))
                .isEqualTo(CompactionOptions.DEFAULT_TARGET_FILE_SIZE_BYTES);
        assertThat(new CompactionOptions(OptionalLong.of(2 * MB), 5, 1).targetFor(OptionalLong.of(MB)))
                .isEqualTo(2 * MB);
    }

    private static List<String> names(List<DataFileRef> group) {
        return group.stream().map(DataFileRef::path).toList();
    }

    private static DataFileRef file(String name, long megabytes, String partition) {
        return new DataFileRef(name, name, 1, megabytes * MB, List.of(), partition);
    }

    private static DataFileRef withDeletes(String name, long megabytes, String partition) {
        return new DataFileRef(name, name, 1, megabytes * MB, List.of(name + "-deletes"), partition);
    }
}
