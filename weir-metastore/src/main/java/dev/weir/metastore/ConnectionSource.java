package dev.weir.metastore;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens a new connection to the metastore database; the caller closes it. */
@FunctionalInterface
interface ConnectionSource {
    Connection open() throws SQLException;
}
