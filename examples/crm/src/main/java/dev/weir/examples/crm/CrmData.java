package dev.weir.examples.crm;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Random;

/**
 * The demo's business data, the same on every start: 50 customers and 300 orders on the first day;
 * on the second, 8 customers move or change segment, one changes only the phone number, 5 sign up,
 * 40 orders are placed and 25 change status. The API serves the orders from the same database.
 */
final class CrmData {
    static final int FIRST_DAY_CUSTOMERS = 50;
    static final int FIRST_DAY_ORDERS = 300;
    static final int NEW_CUSTOMERS = 5;
    static final int NEW_ORDERS = 40;
    static final int STATUS_CHANGES = 25;
    /** Customers whose segment or city changes on the second day (tracked by the dimension). */
    static final List<Integer> CHANGED_CUSTOMERS = List.of(3, 7, 12, 18, 21, 30, 36, 44);
    /** The customer whose phone number alone changes on the second day (not tracked: no new version). */
    static final int PHONE_ONLY_CUSTOMER = 9;
    /** Closes the account on the second day: the CRM deletes the row, its orders stay. */
    static final int DELETED_CUSTOMER = 13;

    static final LocalDateTime FIRST_DAY = LocalDateTime.parse("2026-11-02T00:00:00");
    static final LocalDateTime SECOND_DAY = FIRST_DAY.plusDays(1);

    private static final String[] FIRST_NAMES = {
        "Ada", "Alan", "Barbara", "Claude", "Donald", "Edsger", "Frances", "Grace", "John", "Ken",
    };
    private static final String[] LAST_NAMES = {"Lovelace", "Turing", "Liskov", "Shannon", "Knuth"};
    private static final String[][] CITIES = {
        {"Berlin", "DE"}, {"Hamburg", "DE"}, {"Paris", "FR"}, {"Lyon", "FR"},
        {"Amsterdam", "NL"}, {"Vienna", "AT"}, {"Zurich", "CH"}, {"Milan", "IT"},
    };
    private static final String[] SEGMENTS = {"consumer", "smb", "enterprise"};
    private static final String[] FIRST_DAY_STATUSES = {"placed", "paid", "paid", "shipped", "shipped", "shipped"};

    private CrmData() {}

    static void createSchema(Connection db) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute(
                    "CREATE TABLE customers (customer_id integer PRIMARY KEY, name text NOT NULL, email text NOT NULL,"
                            + " segment text NOT NULL, city text NOT NULL, country char(2) NOT NULL, phone text,"
                            + " created_at timestamp NOT NULL, updated_at timestamp NOT NULL)");
            s.execute("CREATE TABLE orders (order_id bigint PRIMARY KEY,"
                    + " customer_id integer NOT NULL, ordered_at timestamp NOT NULL,"
                    + " status text NOT NULL, amount numeric(10,2) NOT NULL, items integer NOT NULL,"
                    + " ship_city text NOT NULL, ship_country char(2) NOT NULL, updated_at timestamp NOT NULL)");
            s.execute("CREATE INDEX orders_by_update ON orders (updated_at, order_id)");
        }
    }

    static void seedFirstDay(Connection db) throws SQLException {
        for (int id = 1; id <= FIRST_DAY_CUSTOMERS; id++) {
            LocalDateTime signedUp = LocalDateTime.parse("2026-10-01T09:00:00").plusHours(13L * id);
            insertCustomer(db, id, signedUp);
        }
        Random random = new Random(13);
        for (int n = 0; n < FIRST_DAY_ORDERS; n++) {
            // orders over the 36 hours before the first day ends, every 7 minutes 12 seconds
            LocalDateTime orderedAt = FIRST_DAY.minusHours(12).plusSeconds(432L * n);
            String status = FIRST_DAY_STATUSES[random.nextInt(FIRST_DAY_STATUSES.length)];
            insertOrder(db, 1001 + n, 1 + random.nextInt(FIRST_DAY_CUSTOMERS), orderedAt, status, random);
        }
    }

    /** Applies the second day's changes once; returns false if they were applied before. */
    static boolean applySecondDay(Connection db) throws SQLException {
        try (Statement s = db.createStatement();
                var rs = s.executeQuery("SELECT count(*) FROM customers")) {
            rs.next();
            if (rs.getInt(1) > FIRST_DAY_CUSTOMERS) {
                return false;
            }
        }
        LocalDateTime morning = SECOND_DAY.plusHours(8);
        try (PreparedStatement move = db.prepareStatement(
                "UPDATE customers SET segment = ?, city = ?, country = ?, updated_at = ? WHERE customer_id = ?")) {
            for (int i = 0; i < CHANGED_CUSTOMERS.size(); i++) {
                int id = CHANGED_CUSTOMERS.get(i);
                // even ones move to another city, odd ones also change segment
                String[] city = CITIES[(cityIndex(id) + 3) % CITIES.length];
                String segment = i % 2 == 0 ? SEGMENTS[segmentIndex(id)] : SEGMENTS[(segmentIndex(id) + 1) % 3];
                move.setString(1, segment);
                move.setString(2, city[0]);
                move.setString(3, city[1]);
                move.setTimestamp(4, Timestamp.valueOf(morning.plusMinutes(7L * i)));
                move.setInt(5, id);
                move.addBatch();
            }
            move.executeBatch();
        }
        try (PreparedStatement phone =
                db.prepareStatement("UPDATE customers SET phone = ?, updated_at = ? WHERE customer_id = ?")) {
            phone.setString(1, "+49 30 9999999");
            phone.setTimestamp(2, Timestamp.valueOf(morning.plusHours(1)));
            phone.setInt(3, PHONE_ONLY_CUSTOMER);
            phone.executeUpdate();
        }
        for (int id = FIRST_DAY_CUSTOMERS + 1; id <= FIRST_DAY_CUSTOMERS + NEW_CUSTOMERS; id++) {
            insertCustomer(db, id, morning.plusMinutes(5L * (id - FIRST_DAY_CUSTOMERS)));
        }
        Random random = new Random(31);
        LocalDateTime noon = SECOND_DAY.plusHours(12);
        for (int n = 0; n < NEW_ORDERS; n++) {
            // half of them by customers who changed this morning, so their orders see the new version
            int customer = n % 2 == 0
                    ? CHANGED_CUSTOMERS.get(n / 2 % CHANGED_CUSTOMERS.size())
                    : 1 + random.nextInt(FIRST_DAY_CUSTOMERS + NEW_CUSTOMERS);
            insertOrder(db, 1001 + FIRST_DAY_ORDERS + n, customer, noon.plusMinutes(9L * n), "placed", random);
        }
        try (PreparedStatement status =
                db.prepareStatement("UPDATE orders SET status = ?, updated_at = ? WHERE order_id = ?")) {
            for (int i = 0; i < STATUS_CHANGES; i++) {
                status.setString(1, i % 5 == 0 ? "returned" : i % 3 == 0 ? "cancelled" : "delivered");
                status.setTimestamp(
                        2, Timestamp.valueOf(SECOND_DAY.plusHours(18).plusMinutes(3L * i)));
                status.setLong(3, 1001 + 11L * i);
                status.addBatch();
            }
            status.executeBatch();
        }
        try (PreparedStatement delete = db.prepareStatement("DELETE FROM customers WHERE customer_id = ?")) {
            delete.setInt(1, DELETED_CUSTOMER);
            delete.executeUpdate();
        }
        return true;
    }

    private static void insertCustomer(Connection db, int id, LocalDateTime signedUp) throws SQLException {
        String first = FIRST_NAMES[id % FIRST_NAMES.length];
        String last = LAST_NAMES[id / FIRST_NAMES.length % LAST_NAMES.length];
        String[] city = CITIES[cityIndex(id)];
        // the CRM keeps e-mail addresses as typed: some with capitals or blanks, which silver cleans
        String email = (id % 6 == 0 ? " " : "") + (id % 4 == 0 ? first : first.toLowerCase()) + "." + last.toLowerCase()
                + id + "@example.com";
        try (PreparedStatement insert =
                db.prepareStatement("INSERT INTO customers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setInt(1, id);
            insert.setString(2, first + " " + last);
            insert.setString(3, email);
            insert.setString(4, SEGMENTS[segmentIndex(id)]);
            insert.setString(5, city[0]);
            insert.setString(6, city[1]);
            insert.setString(7, id % 5 == 0 ? null : "+49 30 " + (1000000 + 7919 * id));
            insert.setTimestamp(8, Timestamp.valueOf(signedUp));
            insert.setTimestamp(9, Timestamp.valueOf(signedUp));
            insert.executeUpdate();
        }
    }

    private static void insertOrder(
            Connection db, long orderId, int customer, LocalDateTime orderedAt, String status, Random random)
            throws SQLException {
        String[] city = CITIES[random.nextInt(CITIES.length)];
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, orderId);
            insert.setInt(2, customer);
            insert.setTimestamp(3, Timestamp.valueOf(orderedAt));
            insert.setString(4, status);
            insert.setBigDecimal(5, BigDecimal.valueOf(500 + random.nextInt(49_500), 2));
            insert.setInt(6, 1 + random.nextInt(5));
            insert.setString(7, city[0]);
            insert.setString(8, city[1]);
            insert.setTimestamp(9, Timestamp.valueOf(orderedAt.plusMinutes(status.equals("placed") ? 0 : 45)));
            insert.executeUpdate();
        }
    }

    private static int cityIndex(int customer) {
        return customer * 5 % CITIES.length;
    }

    private static int segmentIndex(int customer) {
        return customer % 7 == 0 ? 2 : customer % 3 == 0 ? 1 : 0;
    }
}
