package dev.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TableHistoryTest {
    @Test
    void liveRecordsLeaveOutTheRowsPositionDeletesRemove() {
        assertThat(TableCommand.liveRecords(Map.of("total-records", "280", "total-position-deletes", "20")))
                .isEqualTo("260");
        assertThat(TableCommand.liveRecords(Map.of("total-records", "240"))).isEqualTo("240");
        assertThat(TableCommand.liveRecords(Map.of())).isEmpty();
    }
}
