package dev.weir.examples.plugin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.core.spi.Alert;
import dev.weir.core.spi.AlertChannel;
import dev.weir.core.spi.AlertChannelFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code file:PATH}: appends each alert to a file as one JSON line. */
public final class FileAlertChannelFactory implements AlertChannelFactory {
    private static final Pattern FILE = Pattern.compile("file:\\S+");

    @Override
    public Pattern accepts() {
        return FILE;
    }

    @Override
    public String description() {
        return "file:PATH to append each alert to a file";
    }

    @Override
    public AlertChannel create(String channel) {
        return new FileAlertChannel(Path.of(channel.substring("file:".length())));
    }

    private static final class FileAlertChannel implements AlertChannel {
        private static final Logger LOG = LoggerFactory.getLogger(FileAlertChannel.class);
        private static final ObjectMapper JSON = new ObjectMapper();

        private final Path file;

        FileAlertChannel(Path file) {
            this.file = file;
        }

        @Override
        public synchronized void send(Alert alert) {
            ObjectNode line = JSON.createObjectNode()
                    .put("kind", alert.kind().wireName())
                    .put("severity", alert.severity().name())
                    .put("pipeline", alert.pipeline())
                    .put("run_id", alert.runId())
                    .put("title", alert.title());
            try {
                Files.writeString(
                        file,
                        line + "\n",
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                LOG.warn("Cannot append an alert to {}: {}", file, e.getMessage());
            }
        }
    }
}
