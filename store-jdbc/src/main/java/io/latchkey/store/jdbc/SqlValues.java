package io.latchkey.store.jdbc;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.UUID;

/**
 * Reads and writes the column types both databases share. Instants go through
 * {@link OffsetDateTime} in UTC so neither driver applies the JVM's time zone; both databases
 * keep microseconds, so stored instants come back truncated to microseconds.
 */
public final class SqlValues {
    /** SQLState of a unique-constraint violation, the same in H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";

    private SqlValues() {
    }

    public static void setInstant(PreparedStatement st, int index, Instant value) throws SQLException {
        if (value == null) {
            st.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            st.setObject(index, value.atOffset(ZoneOffset.UTC));
        }
    }

    public static void setUuid(PreparedStatement st, int index, UUID value) throws SQLException {
        if (value == null) {
            st.setNull(index, Types.OTHER);
        } else {
            st.setObject(index, value);
        }
    }

    public static void setEnum(PreparedStatement st, int index, Enum<?> value) throws SQLException {
        st.setString(index, value == null ? null : value.name());
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    public static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    public static <E extends Enum<E>> E enumOf(ResultSet rs, String column, Class<E> type) throws SQLException {
        String name = rs.getString(column);
        return name == null ? null : Enum.valueOf(type, name);
    }

    public static Array uuidArray(Connection c, Dialect dialect, Collection<UUID> ids) throws SQLException {
        return c.createArrayOf(dialect.uuidArrayType(), ids.toArray());
    }

    /** True when the exception, or any exception chained to it, is a unique-constraint violation. */
    /** A JDBI argument binding the ids as one SQL array, for {@code = ANY(:ids)}. */
    public static org.jdbi.v3.core.argument.Argument uuidArrayArgument(Collection<UUID> ids, Dialect dialect) {
        return (position, statement, ctx) -> statement.setArray(position, uuidArray(statement.getConnection(), dialect, ids));
    }

    public static boolean uniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    if (UNIQUE_VIOLATION.equals(s.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
