package dev.weir.duckdb;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import dev.weir.core.spi.RecordReader;
import dev.weir.core.spi.RecordReject;
import dev.weir.core.spi.RecordSink;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Runs a {@link RecordReader} on a thread of its own while the calling thread hands what it read
 * to a sink: the source's parsing and converting and the engine's appending then take two cores
 * side by side instead of one after the other (measured: a 1M-row CSV's staging takes about the
 * longer of the two, not their sum). Rows and rejects reach the sink in input order, in chunks; the
 * reader waits when the sink falls behind, so no more than a few chunks are ever held.
 */
final class ReadAhead {
    /** Rows and rejects handed over at once: large enough that handing over costs nothing per row. */
    static final int CHUNK_SIZE = 1024;
    /** Chunks read ahead of the sink. */
    static final int CHUNKS_AHEAD = 8;

    private ReadAhead() {}

    /**
     * Hands everything {@code reader} reads to {@code sink}, on the calling thread, in input order.
     * A failure of the reader is thrown here once the rows read before it are handed over; a failure
     * of the sink stops the reader, which is waited for, so no file stays open.
     *
     * @throws WeirException {@code CANCELLED} when the calling thread is interrupted
     */
    static void read(RecordReader reader, RecordSink sink, String description) {
        BlockingQueue<Chunk> chunks = new ArrayBlockingQueue<>(CHUNKS_AHEAD);
        Producer producer = new Producer(reader, chunks);
        Thread thread = new Thread(producer, "weir-read-ahead");
        thread.setDaemon(true);
        thread.start();
        boolean finished = false;
        try {
            while (true) {
                Chunk chunk = chunks.take();
                chunk.handTo(sink);
                if (chunk.last) {
                    finished = true;
                    chunk.rethrowFailure();
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WeirException(
                    ErrorCode.CANCELLED, "Cannot stage " + description + ": the run was cancelled", null, null, e);
        } finally {
            if (!finished) {
                producer.stop(thread);
            }
        }
    }

    /**
     * Rows ({@code Object[]}, with their file and line) and rejects ({@link RecordReject}) in input
     * order; the last chunk may carry the reader's failure.
     */
    private static final class Chunk {
        final Object[] items;
        final String[] files;
        final long[] lines;
        int size;
        boolean last;
        Throwable failure;

        Chunk(int capacity) {
            this.items = new Object[capacity];
            this.files = new String[capacity];
            this.lines = new long[capacity];
        }

        void handTo(RecordSink sink) {
            for (int i = 0; i < size; i++) {
                if (items[i] instanceof RecordReject reject) {
                    sink.reject(reject);
                } else {
                    sink.row((Object[]) items[i], files[i], lines[i]);
                }
            }
        }

        void rethrowFailure() {
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
        }
    }

    /** The reading thread: fills chunks and queues them, and a last one when the reader returns or fails. */
    private static final class Producer implements Runnable, RecordSink {
        private final RecordReader reader;
        private final BlockingQueue<Chunk> chunks;
        private volatile boolean stopped;
        private Chunk filling = new Chunk(CHUNK_SIZE);

        Producer(RecordReader reader, BlockingQueue<Chunk> chunks) {
            this.reader = reader;
            this.chunks = chunks;
        }

        @Override
        public void run() {
            Throwable failure = null;
            try {
                reader.read(this);
            } catch (Stopped e) {
                return;
            } catch (Throwable e) { // handed to the taking thread, which rethrows it as its own failure
                failure = e;
            }
            if (stopped) {
                return;
            }
            filling.last = true;
            filling.failure = failure;
            try {
                chunks.put(filling);
            } catch (InterruptedException e) {
                // stopped while handing over the end: the taker is gone
            }
        }

        @Override
        public void row(Object[] values, String file, long line) {
            add(values, file, line);
        }

        @Override
        public void reject(RecordReject reject) {
            add(reject, null, 0);
        }

        private void add(Object item, String file, long line) {
            if (stopped) {
                throw new Stopped();
            }
            filling.items[filling.size] = item;
            filling.files[filling.size] = file;
            filling.lines[filling.size] = line;
            filling.size++;
            if (filling.size == CHUNK_SIZE) {
                try {
                    chunks.put(filling);
                } catch (InterruptedException e) {
                    throw new Stopped();
                }
                filling = new Chunk(CHUNK_SIZE);
            }
        }

        /** Stops reading (the taker failed or was cancelled) and waits until the reader has closed its input. */
        void stop(Thread thread) {
            stopped = true;
            thread.interrupt();
            chunks.clear();
            boolean interrupted = Thread.interrupted();
            try {
                while (thread.isAlive()) {
                    try {
                        thread.join();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Unwinds the reader once the taker has stopped taking. */
    private static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super(null, null, false, false);
        }
    }
}
