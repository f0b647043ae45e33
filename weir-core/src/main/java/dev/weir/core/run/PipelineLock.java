package dev.weir.core.run;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Keeps two runs of one pipeline from overlapping, across processes. It is an operating-system
 * file lock, so a killed process releases it: no stale lock survives a crash. The lock file names
 * the run holding it, so the loser can say which run is in the way.
 */
final class PipelineLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private PipelineLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static PipelineLock acquire(Path lockDir, String pipeline, String runId) {
        return acquire(lockDir, pipeline, runId, "run pipeline '" + pipeline + "': it is already running");
    }

    /**
     * Takes {@code pipeline}'s lock for {@code runId}; {@code refusal} says what cannot be done and
     * why when the lock is taken (the holder is appended).
     */
    static PipelineLock acquire(Path lockDir, String pipeline, String runId, String refusal) {
        Path file = lockDir.resolve(pipeline + ".lock");
        try {
            Files.createDirectories(lockDir);
            FileChannel channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String holder = readHolder(channel);
                channel.close();
                throw WeirException.withHint(
                        ErrorCode.PIPELINE_BUSY,
                        "Cannot " + refusal + " (" + holder + ")",
                        "wait for that run to finish; `weir runs` shows it");
            }
            channel.truncate(0);
            String holder = "run " + runId + ", pid " + ProcessHandle.current().pid() + ", started " + Instant.now();
            channel.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            return new PipelineLock(channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lock " + file, e);
        }
    }

    private static String readHolder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(512);
        int read = channel.read(buffer, 0);
        return read <= 0 ? "another process" : new String(buffer.array(), 0, read, StandardCharsets.UTF_8).trim();
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
