package dev.weir.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import org.slf4j.LoggerFactory;

/**
 * The library logs on stderr ({@code logback.xml}) print their messages without stack traces: a
 * library that warns with its exception (Iceberg when a commit's worker is interrupted) must not
 * put a stack trace in front of a user. {@code --debug} asks for them back.
 */
final class LibraryLogs {
    private static final String WITHOUT_STACK_TRACES = "%nopex";

    private LibraryLogs() {}

    /** Lets the stderr log print the stack traces of the exceptions logged with a message. */
    static void showStackTraces() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // another SLF4J binding, configured by whoever embeds the CLI
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.iteratorForAppenders().forEachRemaining(LibraryLogs::showStackTraces);
    }

    private static void showStackTraces(Appender<?> appender) {
        if (appender instanceof OutputStreamAppender<?> stream
                && stream.getEncoder() instanceof PatternLayoutEncoder pattern
                && pattern.getPattern().contains(WITHOUT_STACK_TRACES)) {
            PatternLayoutEncoder withStacks = new PatternLayoutEncoder();
            withStacks.setContext(pattern.getContext());
            withStacks.setPattern(pattern.getPattern().replace(WITHOUT_STACK_TRACES, ""));
            withStacks.start();
            @SuppressWarnings("unchecked")
            OutputStreamAppender<Object> target = (OutputStreamAppender<Object>) stream;
            target.setEncoder((Encoder<Object>) (Encoder<?>) withStacks);
        }
    }
}
