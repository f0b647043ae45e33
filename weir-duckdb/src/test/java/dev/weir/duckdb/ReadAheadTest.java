package dev.weir.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spi.RecordReader;
import dev.weir.core.spi.RecordReject;
import dev.weir.core.spi.RecordSink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ReadAheadTest {
    private static final int RECORDS = ReadAhead.CHUNK_SIZE * ReadAhead.CHUNKS_AHEAD * 3 + 7;

    /** Writes what it is handed as text: {@code r<n>} for a row, {@code x<n>} for a reject. */
    private static class Collected implements RecordSink {
        final List<String> items = new ArrayList<>();

        @Override
        public void row(Object[] values, String file, long line) {
            items.add("r" + values[0] + "@" + file + ":" + line);
        }

        @Override
        public void reject(RecordReject reject) {
            items.add("x" + reject.record());
        }
    }

    private static RecordReject reject(int n) {
        return new RecordReject("malformed_number", "column 'n' is not a number", Integer.toString(n), "a.csv:" + n);
    }

    /** Every seventh record a reject, the rest rows, {@code count} in all. */
    private static RecordReader records(int count) {
        return sink -> {
            for (int n = 0; n < count; n++) {
                if (n % 7 == 0) {
                    sink.reject(reject(n));
                } else {
                    sink.row(new Object[] {n}, "a.csv", n + 2L);
                }
            }
        };
    }

    @Test
    void rowsAndRejectsReachTheSinkInInputOrderAcrossChunks() {
        Collected collected = new Collected();

        ReadAhead.read(records(RECORDS), collected, "test records");

        assertThat(collected.items).hasSize(RECORDS);
        for (int n = 0; n < RECORDS; n++) {
            assertThat(collected.items.get(n)).isEqualTo(n % 7 == 0 ? "x" + n : "r" + n + "@a.csv:" + (n + 2));
        }
    }

    @Test
    void theReadersFailureIsThrownAfterTheRowsReadBeforeIt() {
        WeirException unreadable = new WeirException(ErrorCode.SOURCE_UNAVAILABLE, "Cannot read b.csv: gone");
        Collected collected = new Collected();

        assertThatThrownBy(() -> ReadAhead.read(
                        sink -> {
                            records(2_000).read(sink);
                            throw unreadable;
                        },
                        collected,
                        "test records"))
                .isSameAs(unreadable);
        assertThat(collected.items).hasSize(2_000);
    }

    @Test
    void aFailingSinkStopsTheReaderBeforeReturning() {
        AtomicBoolean readerEnded = new AtomicBoolean();
        RecordReader endless = sink -> {
            try {
                for (long n = 0; ; n++) {
                    sink.row(new Object[] {n}, "a.csv", n + 2);
                }
            } finally {
                readerEnded.set(true);
            }
        };
        RecordSink failing = new Collected() {
            @Override
            public void row(Object[] values, String file, long line) {
                if ((Long) values[0] == 5_000) {
                    throw new WeirException(ErrorCode.SOURCE_FAILED, "Cannot append");
                }
            }
        };

        assertThatThrownBy(() -> ReadAhead.read(endless, failing, "test records"))
                .hasMessage("Cannot append");
        assertThat(readerEnded).isTrue();
    }

    @Test
    void anInterruptedTakerFailsAsCancelledAndStopsTheReader() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        AtomicBoolean readerEnded = new AtomicBoolean();
        RecordReader stalled = sink -> {
            try {
                sink.row(new Object[] {1}, "a.csv", 2);
                reading.countDown();
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                readerEnded.set(true);
            }
        };
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread taker = new Thread(() -> {
            try {
                ReadAhead.read(stalled, new Collected(), "test records");
            } catch (Throwable e) {
                failure.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        taker.start();
        reading.await();
        taker.interrupt();
        taker.join(10_000);

        assertThat(failure.get())
                .isInstanceOfSatisfying(
                        WeirException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CANCELLED));
        assertThat(stillInterrupted).as("the run's thread stays interrupted").isTrue();
        assertThat(readerEnded).isTrue();
    }
}
