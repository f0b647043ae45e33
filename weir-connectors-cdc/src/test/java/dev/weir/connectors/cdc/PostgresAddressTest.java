package dev.weir.connectors.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresAddressTest {
    @Test
    void aUrlOfOneServerGivesItsHostPortDatabaseAndParameters() {
        assertThat(PostgresAddress.of(
                        "jdbc:postgresql://db.example.com:6543/shop?sslmode=require&ApplicationName=weir"))
                .contains(new PostgresAddress(
                        "db.example.com", 6543, "shop", Map.of("sslmode", "require", "ApplicationName", "weir")));
        assertThat(PostgresAddress.of("jdbc:postgresql://localhost/shop"))
                .contains(new PostgresAddress("localhost", 5432, "shop", Map.of()));
    }

    @Test
    void anotherDatabasesUrlOrOneOfSeveralHostsIsNoAddress() {
        assertThat(PostgresAddress.of("jdbc:sqlite:shop.db")).isEmpty();
        assertThat(PostgresAddress.of("jdbc:postgresql://a:5432,b:5432/shop")).isEmpty();
        assertThat(PostgresAddress.of("jdbc:postgresql://localhost:5432/")).isEmpty();
    }
}
