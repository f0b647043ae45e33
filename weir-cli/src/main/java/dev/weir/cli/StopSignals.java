package dev.weir.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * While pipelines run, SIGTERM and SIGINT cancel the run instead of ending the process wherever it
 * stands: the run's thread is interrupted, which the run's cancellation sees, so the run closes as
 * cancelled with its counts, publishes nothing and removes its files; the command then exits with
 * the code a shell gives a process ended by that signal (143, 130). A second signal ends the
 * process at once, as the JVM's own handler would have the first time.
 *
 * <p>A signal handler rather than a shutdown hook: once shutdown has begun, hooks (the logger's,
 * the JDBC drivers') run at the same time as the run's cleanup, and the process may not exit with
 * a code of its own.
 */
final class StopSignals implements AutoCloseable {
    private static final List<String> STOPPING = List.of("TERM", "INT");

    private final Thread runThread;
    private final List<Installed> installed = new ArrayList<>();
    private volatile Signal received;

    private record Installed(Signal signal, SignalHandler previous) {}

    private StopSignals(Thread runThread) {
        this.runThread = runThread;
    }

    /** Makes SIGTERM and SIGINT cancel what {@code runThread} runs, until {@link #close}. */
    static StopSignals cancelling(Thread runThread) {
        StopSignals signals = new StopSignals(runThread);
        for (String name : STOPPING) {
            Signal signal = new Signal(name);
            try {
                signals.installed.add(new Installed(signal, Signal.handle(signal, signals::stop)));
            } catch (IllegalArgumentException reservedByTheJvm) {
                // the JVM keeps this signal (-Xrs, a debugger): it stops the process as it always did
            }
        }
        return signals;
    }

    private void stop(Signal signal) {
        if (received != null) {
            Runtime.getRuntime().halt(exitCode(signal));
        }
        received = signal;
        runThread.interrupt();
    }

    /** The signal that cancelled the run, such as {@code SIGTERM}, if one came. */
    Optional<String> received() {
        return Optional.ofNullable(received).map(s -> "SIG" + s.getName());
    }

    /** The exit code of a process a signal stopped: 128 plus the signal's number. */
    int exitCode() {
        return received == null ? 0 : exitCode(received);
    }

    private static int exitCode(Signal signal) {
        return 128 + signal.getNumber();
    }

    @Override
    public void close() {
        for (Installed i : installed) {
            Signal.handle(i.signal(), i.previous());
        }
    }
}
