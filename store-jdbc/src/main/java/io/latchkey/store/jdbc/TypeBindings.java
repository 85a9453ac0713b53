package io.latchkey.store.jdbc;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;

import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * How JDBI binds and reads Instants and UUIDs here: the same way {@link SqlValues} does for raw
 * JDBC, so both paths agree (JDBI's default would bind Instants as JVM-local Timestamps).
 */
final class TypeBindings {
    private TypeBindings() {
    }

    static Jdbi install(Jdbi jdbi, Dialect dialect) {
        if (dialect == Dialect.SQLITE) {
            return installSqlite(jdbi);
        }
        jdbi.registerArgument(new AbstractArgumentFactory<Instant>(Types.TIMESTAMP_WITH_TIMEZONE) {
            @Override
            protected Argument build(Instant value, ConfigRegistry config) {
                OffsetDateTime utc = value.atOffset(ZoneOffset.UTC);
                return (position, statement, ctx) -> statement.setObject(position, utc);
            }
        });
        jdbi.registerArgument(new AbstractArgumentFactory<UUID>(Types.OTHER) {
            @Override
            protected Argument build(UUID value, ConfigRegistry config) {
                return (position, statement, ctx) -> statement.setObject(position, value);
            }
        });
        jdbi.registerColumnMapper(Instant.class, (rs, column, ctx) -> {
            OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
            return t == null ? null : t.toInstant();
        });
        jdbi.registerColumnMapper(UUID.class, (rs, column, ctx) -> rs.getObject(column, UUID.class));
        return jdbi;
    }

    /** SQLite: instants as epoch microseconds, UUIDs as their text (see {@link SqlValues}). */
    private static Jdbi installSqlite(Jdbi jdbi) {
        jdbi.registerArgument(new AbstractArgumentFactory<Instant>(Types.BIGINT) {
            @Override
            protected Argument build(Instant value, ConfigRegistry config) {
                long micros = SqlValues.micros(value);
                return (position, statement, ctx) -> statement.setLong(position, micros);
            }
        });
        jdbi.registerArgument(new AbstractArgumentFactory<UUID>(Types.VARCHAR) {
            @Override
            protected Argument build(UUID value, ConfigRegistry config) {
                String text = value.toString();
                return (position, statement, ctx) -> statement.setString(position, text);
            }
        });
        jdbi.registerColumnMapper(Instant.class, (rs, column, ctx) -> SqlValues.instant(rs, column));
        jdbi.registerColumnMapper(UUID.class, (rs, column, ctx) -> SqlValues.uuid(rs, column));
        return jdbi;
    }
}
