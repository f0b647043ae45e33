package dev.weir.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineLockTest {
    @TempDir
    Path dir;

    @Test
    void secondLockOfAPipelineFailsNamingTheHolder() {
        try (PipelineLock first = PipelineLock.acquire(dir, "orders", "run-1")) {
            assertThatThrownBy(() -> PipelineLock.acquire(dir, "orders", "run-2"))
                    .isInstanceOfSatisfying(WeirException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.PIPELINE_BUSY);
                        assertThat(e.getMessage())
                                .startsWith("Cannot run pipeline 'orders': it is already running (run run-1, pid ");
                    });
        }
    }

    @Test
    void releasedLockCanBeTakenAgainAndOtherPipelinesAreIndependent() {
        try (PipelineLock orders = PipelineLock.acquire(dir, "orders", "run-1");
                PipelineLock customers = PipelineLock.acquire(dir, "customers", "run-2")) {
            assertThat(customers).isNotNull();
        }
        try (PipelineLock again = PipelineLock.acquire(dir, "orders", "run-3")) {
            assertThat(again).isNotNull();
        }
    }
}
