package dev.weir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LibraryLogsTest {
    @Test
    void aLibraryWarningWithItsExceptionPrintsOneLineUnlessDebugAsksForTheStackTrace() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger iceberg = context.getLogger("org.apache.iceberg.util.Tasks");
        LoggingEvent warning = new LoggingEvent(
                Logger.class.getName(),
                iceberg,
                Level.WARN,
                "Interrupted while waiting for tasks to finish",
                new InterruptedException("sleep interrupted"),
                null);

        String plain = printed(context, warning);
        LibraryLogs.showStackTraces();
        String debug = printed(context, warning);

        assertThat(plain)
                .isEqualTo("WARN o.a.i.util.Tasks: Interrupted while waiting for tasks to finish"
                        + System.lineSeparator());
        assertThat(debug)
                .startsWith(plain)
                .contains("java.lang.InterruptedException: sleep interrupted")
                .contains("\tat ");
    }

    private static String printed(LoggerContext context, LoggingEvent event) {
        OutputStreamAppender<?> stderr = (OutputStreamAppender<?>)
                context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
        @SuppressWarnings("unchecked")
        byte[] bytes = ((ch.qos.logback.core.encoder.Encoder<LoggingEvent>) stderr.getEncoder()).encode(event);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
