package dev.weir.bench;

/** One timed run of one command: wall time and the peak resident memory of its whole process tree. */
record Measurement(double seconds, long peakRssBytes) {}
