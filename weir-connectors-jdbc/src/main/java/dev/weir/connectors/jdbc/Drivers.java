package dev.weir.connectors.jdbc;

import dev.weir.core.error.ErrorCode;
import dev.weir.core.error.WeirException;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * The JDBC drivers a run may connect with: those that ship with Weir (PostgreSQL, SQLite) and the
 * jars dropped into the project's {@code drivers/} folder, found by their
 * {@code META-INF/services/java.sql.Driver} entry. Drivers are asked directly which accepts a URL,
 * since {@link java.sql.DriverManager} ignores drivers loaded by a class loader other than the
 * caller's.
 */
final class Drivers implements AutoCloseable {
    static final String DIRECTORY = "drivers";

    private final URLClassLoader jars;
    private final List<Driver> drivers = new ArrayList<>();

    Drivers(Path projectRoot) {
        this.jars = new URLClassLoader(jarUrls(projectRoot.resolve(DIRECTORY)), Drivers.class.getClassLoader());
        ServiceLoader.load(Driver.class, jars).stream().forEach(p -> drivers.add(p.get()));
    }

    /**
     * The driver that accepts {@code url}.
     *
     * @param connection names the connection in the message (never the URL, which may hold a secret)
     */
    Driver forUrl(String url, String connection) {
        for (Driver driver : drivers) {
            try {
                if (driver.acceptsURL(url)) {
                    return driver;
                }
            } catch (SQLException e) {
                // a driver that cannot even tell is not the one
            }
        }
        throw WeirException.withHint(
                ErrorCode.SOURCE_UNAVAILABLE,
                "Cannot connect to '" + connection + "': no JDBC driver accepts its URL",
                "Weir ships the PostgreSQL and SQLite drivers; put the jar of another database's driver into the"
                        + " project's " + DIRECTORY + "/ folder");
    }

    private static URL[] jarUrls(Path directory) {
        if (!Files.isDirectory(directory)) {
            return new URL[0];
        }
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> jars = files.filter(f -> f.getFileName().toString().endsWith(".jar"))
                    .sorted()
                    .toList();
            URL[] urls = new URL[jars.size()];
            for (int i = 0; i < urls.length; i++) {
                urls[i] = jars.get(i).toUri().toURL();
            }
            return urls;
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw WeirException.withHint(
                    ErrorCode.SOURCE_UNAVAILABLE,
                    "Cannot list the JDBC drivers in " + directory + ": " + e.getMessage(),
                    "check that Weir may read the folder");
        }
    }

    @Override
    public void close() {
        try {
            jars.close();
        } catch (IOException e) {
            // the jars were only read; nothing is lost if one cannot be closed
        }
    }
}
