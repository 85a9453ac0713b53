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
        } else if (isSqlite(st)) {
            st.setLong(index, micros(value));
        } else {
            st.setObject(index, value.atOffset(ZoneOffset.UTC));
        }
    }

    /**
     * SQLite has no timestamp type: instants are INTEGER microseconds since the epoch, the
     * precision H2 and PostgreSQL keep, so the same truncation and ordering hold on all three.
     */
    public static long micros(Instant value) {
        return Math.addExact(Math.multiplyExact(value.getEpochSecond(), 1_000_000L), value.getNano() / 1_000);
    }

    public static Instant ofMicros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    /** True for a statement or result set of the SQLite driver, also behind the pool's proxies. */
    static boolean isSqlite(java.sql.Wrapper w) throws SQLException {
        return w.isWrapperFor(org.sqlite.core.CoreStatement.class) || w.isWrapperFor(org.sqlite.core.CoreResultSet.class);
    }

    /** An instant column by index, whichever of the three databases. */
    public static Instant instant(ResultSet rs, int column) throws SQLException {
        if (isSqlite(rs)) {
            long v = rs.getLong(column);
            return rs.wasNull() ? null : ofMicros(v);
        }
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** A UUID column by index: a UUID from H2 and PostgreSQL, its text from SQLite. */
    public static UUID uuid(ResultSet rs, int column) throws SQLException {
        Object v = rs.getObject(column);
        return v == null ? null : v instanceof UUID u ? u : UUID.fromString(v.toString());
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
        return instant(rs, rs.findColumn(column));
    }

    public static UUID uuid(ResultSet rs, String column) throws SQLException {
        return uuid(rs, rs.findColumn(column));
    }

    public static <E extends Enum<E>> E enumOf(ResultSet rs, String column, Class<E> type) throws SQLException {
        String name = rs.getString(column);
        return name == null ? null : Enum.valueOf(type, name);
    }

    /** SQLite has no arrays: the ids as a JSON array of strings, for {@code json_each(?)}. */
    public static String uuidJson(Collection<UUID> ids) {
        StringBuilder out = new StringBuilder(2 + ids.size() * 39).append('[');
        for (UUID id : ids) {
            out.append(out.length() == 1 ? "" : ",").append('"').append(id).append('"');
        }
        return out.append(']').toString();
    }

    public static Array uuidArray(Connection c, Dialect dialect, Collection<UUID> ids) throws SQLException {
        return c.createArrayOf(dialect.uuidArrayType(), ids.toArray());
    }

    /** A JDBI argument binding the ids as one SQL array, for {@code = ANY(:ids)}. */
    public static org.jdbi.v3.core.argument.Argument uuidArrayArgument(Collection<UUID> ids, Dialect dialect) {
        if (dialect == Dialect.SQLITE) {
            String json = uuidJson(ids);
            return (position, statement, ctx) -> statement.setString(position, json);
        }
        return (position, statement, ctx) -> statement.setArray(position, uuidArray(statement.getConnection(), dialect, ids));
    }

    /** SQLite sets no SQLState; its extended result code names the constraint's kind. */
    private static boolean sqliteUniqueViolation(SQLException s) {
        return s instanceof org.sqlite.SQLiteException lite
                && (lite.getResultCode() == org.sqlite.SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
                || lite.getResultCode() == org.sqlite.SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY);
    }

    /** True when the exception, or any exception chained to it, is a unique-constraint violation. */
    public static boolean uniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    if (UNIQUE_VIOLATION.equals(s.getSQLState()) || sqliteUniqueViolation(s)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
