package dev.weir.examples.shop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A deterministic messy daily orders feed, as another system delivers it: five files whose headers
 * differ (reordered, extra and missing columns), a byte order mark and CRLF line ends, quoted
 * commas, quotes and line breaks, 100,000-character fields, a truncated last record, malformed
 * numbers, dates, times and timestamps, statuses outside their enum (in another case, or unknown),
 * NULLs in required columns, values out of range, re-sent exact
 * duplicates and late-arriving older versions of orders. It is written as CSV or as JSON lines,
 * and it knows, without Weir, the table an upsert on {@code order_id} sequenced by
 * {@code updated_at} must leave and how many records each reject reason must count.
 */
final class MessyFeed {
    static final int FILES = 5;
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final List<String> COLUMNS =
            List.of("order_id", "customer_id", "status", "amount", "order_date", "updated_at", "pickup_time", "note");
    private static final List<String> STATUSES = List.of("placed", "paid", "shipped", "cancelled");
    private static final LocalDateTime START = LocalDateTime.of(2024, 1, 1, 0, 0);

    enum Format {
        CSV("csv"),
        JSONL("jsonl");

        final String extension;

        Format(String extension) {
            this.extension = extension;
        }
    }

    /** One record as written: every value as text, null for an absent value. */
    private record Order(
            long orderId,
            String customerId,
            String status,
            String amount,
            String orderDate,
            String updatedAt,
            String pickupTime,
            String note) {
        Map<String, String> values() {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("order_id", Long.toString(orderId));
            values.put("customer_id", customerId);
            values.put("status", status);
            values.put("amount", amount);
            values.put("order_date", orderDate);
            values.put("updated_at", updatedAt);
            values.put("pickup_time", pickupTime);
            values.put("note", note);
            return values;
        }

        Order with(String column, String value) {
            Map<String, String> values = values();
            values.put(column, value);
            return new Order(
                    orderId,
                    values.get("customer_id"),
                    values.get("status"),
                    values.get("amount"),
                    values.get("order_date"),
                    values.get("updated_at"),
                    values.get("pickup_time"),
                    values.get("note"));
        }
    }

    /** A record of a file, and the reject reason it must get (null for a good record). */
    private record Entry(Order order, String reason) {}

    private final List<List<Entry>> files = new ArrayList<>();
    private final Map<String, Long> rejects = new TreeMap<>();
    private final Map<Long, Order> newest = new HashMap<>();
    private final int records;

    /** A feed of about {@code records} records in {@value #FILES} files, always the same for the same size. */
    MessyFeed(int records) {
        this.records = records;
        Random random = new Random(20240101L + records);
        List<Order> good = new ArrayList<>();
        Map<Long, LocalDateTime> earliest = new HashMap<>();
        long nextId = 1;
        for (int f = 0; f < FILES; f++) {
            files.add(new ArrayList<>());
        }
        for (int r = 0; r < records; r++) {
            int file = r * FILES / records;
            boolean hasNote = file != 3;
            LocalDateTime at = START.plusMinutes(r);
            double draw = random.nextDouble();
            Entry entry;
            if (draw < 0.10) {
                entry = defect(random, nextId++, at, hasNote);
            } else if (draw < 0.15 && !good.isEmpty()) {
                Order earlier = good.get(random.nextInt(good.size()));
                entry = hasNote || earlier.note() == null
                        ? new Entry(earlier, null)
                        : new Entry(order(random, nextId++, at, false), null);
            } else if (draw < 0.20 && !good.isEmpty()) {
                Order earlier = good.get(random.nextInt(good.size()));
                LocalDateTime older = earliest.get(earlier.orderId()).minusHours(1 + random.nextInt(48));
                entry = new Entry(order(random, earlier.orderId(), older, hasNote), null);
            } else if (draw < 0.40 && !good.isEmpty()) {
                long id = good.get(random.nextInt(good.size())).orderId();
                entry = new Entry(order(random, id, at, hasNote), null);
            } else {
                entry = new Entry(order(random, nextId++, at, hasNote), null);
            }
            files.get(file).add(entry);
            if (entry.reason() == null) {
                Order order = entry.order();
                good.add(order);
                LocalDateTime written = LocalDateTime.parse(order.updatedAt().replace(' ', 'T'));
                earliest.merge(order.orderId(), written, (a, b) -> a.isBefore(b) ? a : b);
                newest.merge(order.orderId(), order, (a, b) -> a.updatedAt().compareTo(b.updatedAt()) >= 0 ? a : b);
            } else {
                rejects.merge(entry.reason(), 1L, Long::sum);
            }
        }
        // the last file ends in the middle of a record: it is one malformed record
        rejects.merge("malformed_record", 1L, Long::sum);
    }

    private Order order(Random random, long id, LocalDateTime at, boolean hasNote) {
        String amount = (random.nextInt(100_000)) / 100 + "." + String.format("%02d", random.nextInt(100));
        return new Order(
                id,
                Long.toString(100 + random.nextInt(900)),
                STATUSES.get(random.nextInt(STATUSES.size())),
                amount,
                at.toLocalDate().toString(),
                at.format(TIMESTAMP),
                pickupTime(random),
                hasNote ? note(random, id) : null);
    }

    /** A time of day as ISO 8601 writes it, with or without seconds, or none. */
    private static String pickupTime(Random random) {
        int kind = random.nextInt(10);
        String time = String.format("%02d:%02d", random.nextInt(24), random.nextInt(60));
        return switch (kind) {
            case 0 -> null;
            case 1 -> time;
            default -> time + String.format(":%02d", random.nextInt(60));
        };
    }

    private static String note(Random random, long id) {
        if (id == 7) {
            return "n".repeat(100_000);
        }
        int kind = random.nextInt(20);
        return switch (kind) {
            case 0, 1, 2 -> null;
            case 3 -> "gift, wrap it";
            case 4 -> "say \"thanks\"";
            case 5 -> "first line\nsecond line";
            case 6 -> "long-ish " + "z".repeat(200);
            default -> "note " + id;
        };
    }

    private Entry defect(Random random, long id, LocalDateTime at, boolean hasNote) {
        Order order = order(random, id, at, hasNote);
        return switch (random.nextInt(13)) {
            case 0 -> new Entry(order.with("amount", "1O.00"), "malformed_number");
            case 1 -> new Entry(order.with("amount", "12,50"), "malformed_number");
            case 2 -> new Entry(order.with("amount", "12.3.4"), "malformed_number");
            case 3 -> new Entry(order.with("order_date", "2024-02-30"), "bad_date");
            case 4 -> new Entry(order.with("updated_at", "2024-01-32T10:00:00"), "bad_timestamp");
            case 5 -> new Entry(order.with("updated_at", "yesterday"), "bad_timestamp");
            case 6 -> new Entry(order.with("customer_id", null), "null_required");
            case 7 -> new Entry(order.with("amount", "123456789012.00"), "out_of_range");
            case 8 -> new Entry(order.with("pickup_time", "25:61"), "bad_time");
            case 9 -> new Entry(order.with("pickup_time", "noon"), "bad_time");
            // an enum is case-sensitive: the status exists, in another case
            case 10 -> new Entry(order.with("status", capitalized(order.status())), "unknown_enum");
            case 11 -> new Entry(order.with("status", "lost"), "unknown_enum");
            default -> new Entry(order, "malformed_record");
        };
    }

    private static String capitalized(String word) {
        return word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
    }

    /** The declared columns of a pipeline reading the feed, as {@code extract.columns} lines. */
    static String columnsYaml() {
        return """
                    order_id: BIGINT NOT NULL
                    customer_id: BIGINT NOT NULL
                    status: "ENUM('placed','paid','shipped','cancelled') NOT NULL"
                    amount: DECIMAL(10,2)
                    order_date: DATE
                    updated_at: TIMESTAMP NOT NULL
                    pickup_time: TIME
                    note: VARCHAR
                """;
    }

    /** How many records each reject reason must count. */
    Map<String, Long> expectedRejects() {
        return rejects;
    }

    /** How many records the files hold, the truncated last one included. */
    long recordCount() {
        return records + 1L;
    }

    /** The rows the table must hold, ordered by {@code order_id}, each value as {@link IcebergTables#rows} renders it. */
    List<List<String>> expectedRows() {
        List<List<String>> rows = new ArrayList<>();
        newest.values().stream()
                .sorted(Comparator.comparingLong(Order::orderId))
                .forEach(o -> {
                    List<String> row = new ArrayList<>();
                    row.add(Long.toString(o.orderId()));
                    row.add(o.customerId());
                    row.add(o.status());
                    row.add(o.amount());
                    row.add(o.orderDate());
                    row.add(o.updatedAt());
                    row.add(
                            o.pickupTime() == null
                                    ? null
                                    : LocalTime.parse(o.pickupTime()).toString());
                    row.add(o.note());
                    rows.add(row);
                });
        return rows;
    }

    /** Writes file {@code index} (0-based) of the feed into {@code dir} and returns it. */
    Path write(Path dir, int index, Format format) {
        Path path = dir.resolve(String.format("orders-2024-01-%02d.%s", index + 1, format.extension));
        try {
            Files.createDirectories(dir);
            String text = format == Format.CSV ? csv(index) : jsonLines(index);
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            if (index == FILES - 1) {
                byte[] withBom = new byte[bytes.length + 3];
                withBom[0] = (byte) 0xEF;
                withBom[1] = (byte) 0xBB;
                withBom[2] = (byte) 0xBF;
                System.arraycopy(bytes, 0, withBom, 3, bytes.length);
                bytes = withBom;
            }
            Files.write(path, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return path;
    }

    /** The header of each file: the usual order, reordered, with two extra columns, without {@code note}, usual. */
    private static List<String> header(int index) {
        return switch (index) {
            case 1 ->
                List.of(
                        "updated_at",
                        "note",
                        "order_id",
                        "pickup_time",
                        "amount",
                        "status",
                        "customer_id",
                        "order_date");
            case 2 ->
                List.of(
                        "order_id",
                        "channel",
                        "customer_id",
                        "status",
                        "amount",
                        "order_date",
                        "updated_at",
                        "pickup_time",
                        "note",
                        "coupon");
            case 3 -> List.of("order_id", "customer_id", "status", "amount", "order_date", "updated_at", "pickup_time");
            default -> COLUMNS;
        };
    }

    private String csv(int index) {
        String newline = index == FILES - 1 ? "\r\n" : "\n";
        List<String> header = header(index);
        StringBuilder out = new StringBuilder(String.join(",", header)).append(newline);
        for (Entry entry : files.get(index)) {
            Map<String, String> values = entry.order().values();
            List<String> fields = new ArrayList<>();
            for (String column : header) {
                fields.add(csvField(
                        column.equals("channel") ? "web" : column.equals("coupon") ? null : values.get(column)));
            }
            if ("malformed_record".equals(entry.reason())) {
                fields.add("surplus");
            }
            out.append(String.join(",", fields)).append(newline);
        }
        if (index == FILES - 1) {
            out.append("999999999,101,placed,\"1.00,2024-01-09,2024-01-09 10:00:00,cut off in the mid");
        }
        return out.toString();
    }

    private static String csvField(String value) {
        if (value == null) {
            return "";
        }
        if (value.isEmpty()
                || value.contains(",")
                || value.contains("\"")
                || value.contains("\n")
                || value.contains("\r")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }

    private String jsonLines(int index) {
        String newline = index == FILES - 1 ? "\r\n" : "\n";
        List<String> keys = header(index);
        StringBuilder out = new StringBuilder();
        for (Entry entry : files.get(index)) {
            if ("malformed_record".equals(entry.reason())) {
                out.append("{\"order_id\": ")
                        .append(entry.order().orderId())
                        .append(", \"customer_id\": }")
                        .append(newline);
                continue;
            }
            Map<String, String> values = entry.order().values();
            List<String> members = new ArrayList<>();
            for (String key : keys) {
                String value = key.equals("channel") ? "web" : key.equals("coupon") ? null : values.get(key);
                members.add(jsonString(key) + ": " + jsonValue(key, value));
            }
            out.append('{').append(String.join(", ", members)).append('}').append(newline);
        }
        if (index == FILES - 1) {
            out.append("{\"order_id\": 999999999, \"customer_id\": 101, \"status\": \"pla");
        }
        return out.toString();
    }

    /** Numbers that are valid are JSON numbers; everything else, bad numbers included, is a JSON string. */
    private static String jsonValue(String key, String value) {
        if (value == null) {
            return "null";
        }
        boolean numeric = key.equals("order_id") || key.equals("customer_id") || key.equals("amount");
        if (numeric && value.matches("-?\\d+(\\.\\d+)?") && value.length() < 12) {
            return value;
        }
        return jsonString(value);
    }

    private static String jsonString(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
