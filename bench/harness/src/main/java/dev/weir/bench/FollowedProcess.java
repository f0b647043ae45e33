package dev.weir.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * A long-running contender ({@code weir run --follow}) started in the background, its output in a
 * log, the peak resident memory of its process tree sampled every 50 ms until it is stopped with
 * SIGTERM, the signal a supervisor sends.
 */
final class FollowedProcess implements AutoCloseable {
    private static final long SAMPLE_MILLIS = 50;

    private final Process process;
    private final Path log;
    private final AtomicLong peakRss = new AtomicLong();
    private final Thread sampler;

    private FollowedProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.sampler = new Thread(this::sample, "rss-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    static FollowedProcess start(List<String> command, Map<String, String> env, Path log) {
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(env);
            return new FollowedProcess(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails with the log's end when the process has ended on its own: a followed run never should. */
    private void checkAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException("The followed run ended with exit code " + process.exitValue() + "; see "
                    + log + ":\n" + ProcessMeter.tail(log));
        }
    }

    /** Waits until {@code committed} holds, checking every 200 ms that the process still runs. */
    void await(BooleanSupplier committed, Duration timeout, String what) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!committed.getAsBoolean()) {
            checkAlive();
            if (System.nanoTime() > end) {
                throw new IllegalStateException(
                        "No Iceberg commit held " + what + " within " + timeout + "; see " + log);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    long peakRssBytes() {
        return peakRss.get();
    }

    /** Sends SIGTERM and waits for a clean exit: the batch in flight is committed or cancelled first. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        "The followed run did not stop within 3 minutes of SIGTERM; see " + log);
            }
            sampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void sample() {
        while (process.isAlive()) {
            peakRss.accumulateAndGet(ProcessMeter.treeRss(process.toHandle()), Math::max);
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
