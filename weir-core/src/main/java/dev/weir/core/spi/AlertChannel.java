package dev.weir.core.spi;

/** Where alerts go. A channel that cannot deliver logs why and returns: an alert never fails a run. */
public interface AlertChannel {
    void send(Alert alert);
}
