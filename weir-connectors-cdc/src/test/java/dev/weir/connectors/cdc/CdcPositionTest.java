package dev.weir.connectors.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weir.core.spi.Position;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CdcPositionTest {
    @Test
    void aPositionReadsBackAsCommittedAndShowsTheLsnTheSlotMayBeConfirmedTo() {
        Map<String, Object> offset = new LinkedHashMap<>();
        offset.put("lsn", 0x16_B374_D900L);
        offset.put("lsn_proc", 0x16_B374_D848L);
        offset.put("lsn_commit", 0x16_B374_D848L);
        offset.put("messageType", "COMMIT");
        Position position = new CdcPosition("weir_orders", 42, offset).toPosition();

        assertThat(position.kind()).isEqualTo("postgres-cdc");
        assertThat(position.display()).isEqualTo("lsn 16/B374D848");
        CdcPosition read = CdcPosition.of(Optional.of(position)).orElseThrow();
        assertThat(read.slot()).isEqualTo("weir_orders");
        assertThat(read.sequence()).isEqualTo(42);
        assertThat(read.confirmable()).isEqualTo(0x16_B374_D848L);
    }

    @Test
    void debeziumResumesFromTheLastCommitWithoutSearchingTheWalOrReplayingATransaction() {
        Map<String, Object> offset = new LinkedHashMap<>();
        offset.put("lsn", 0x16_B374_D900L);
        offset.put("lsn_proc", 0x16_B374_D848L);
        offset.put("lsn_commit", 0x16_B374_D848L);
        offset.put("messageType", "COMMIT");
        offset.put("txId", 918L);
        offset.put("ts_usec", 1_764_000_000_000_000L);
        offset.put("transaction_id", "918:97568884808");
        offset.put("transaction_data_collection_order_public.orders", 3L);
        CdcPosition position = new CdcPosition("weir_orders", 42, offset);

        assertThat(position.resumeOffsetJson())
                .isEqualTo("{\"lsn\":" + 0x16_B374_D848L + ",\"txId\":918,\"ts_usec\":1764000000000000}");
    }

    @Test
    void aPositionOfAnotherSourceIsNoPosition() {
        assertThat(CdcPosition.of(Optional.of(new Position("kafka", "{}", "offsets"))))
                .isEmpty();
    }

    @Test
    void lsnsReadAndWriteInPostgresForm() {
        assertThat(Lsns.format(Lsns.parse("0/18FCD48"))).isEqualTo("0/18FCD48");
        assertThat(Lsns.parse("1/0")).isEqualTo(1L << 32);
    }

    @Test
    void slotNamesStayInPostgresLimits() {
        assertThat(ReplicationSlot.nameOf("bronze_customers")).isEqualTo("weir_bronze_customers");
        assertThat(ReplicationSlot.nameOf("x".repeat(80))).hasSize(63).startsWith("weir_x");
    }
}
