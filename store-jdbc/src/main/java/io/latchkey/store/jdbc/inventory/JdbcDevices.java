package io.latchkey.store.jdbc.inventory;

import io.latchkey.core.Rejected;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.audit.AuditEvent;
import io.latchkey.core.inventory.DeviceFilter;
import io.latchkey.core.inventory.DeviceRemoval;
import io.latchkey.core.inventory.DeviceSort;
import io.latchkey.core.inventory.Devices;
import io.latchkey.core.inventory.Page;
import io.latchkey.store.jdbc.Conditions;
import io.latchkey.store.jdbc.Cursor;
import io.latchkey.store.jdbc.Dialect;
import io.latchkey.store.jdbc.SqlValues;
import org.jdbi.v3.core.Jdbi;

import io.latchkey.store.jdbc.StorageException;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The device inventory on the {@code device} table. */
public final class JdbcDevices implements Devices, DeviceRemoval {
    /** Rows per round trip when a whole selection is read; bounds driver memory on PostgreSQL. */
    private static final int FETCH_SIZE = 2_000;
    /** Ids per H2 query when a selection names devices: below H2's limit of 65,536 array elements. */
    private static final int H2_ID_CHUNK = 50_000;

    private final Jdbi jdbi;
    private final Dialect dialect;

    public JdbcDevices(Jdbi jdbi, Dialect dialect) {
        this.jdbi = jdbi;
        this.dialect = dialect;
    }

    @Override
    public void save(Device device) {
        try {
            // A transaction, though one statement: on SQLite it queues with the other writers (SqliteWriterQueue).
            jdbi.useTransaction(h -> {
                try (PreparedStatement st = h.getConnection().prepareStatement(DeviceRows.upsert(dialect))) {
                    DeviceRows.bind(st, device);
                    st.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw conflictOr(new StorageException(e), device);
        }
    }

    @Override
    public void recordCheckIns(java.util.Map<UUID, java.time.Instant> lastSeen) {
        if (lastSeen.isEmpty()) {
            return;
        }
        jdbi.useTransaction(h -> {
            try (PreparedStatement st = h.getConnection().prepareStatement("UPDATE device SET last_check_in_at = ?,"
                    + " check_in_key = ? WHERE id = ? AND (last_check_in_at IS NULL OR last_check_in_at < ?)")) {
                for (var e : lastSeen.entrySet()) {
                    SqlValues.setInstant(st, 1, e.getValue());
                    SqlValues.setInstant(st, 2, e.getValue());
                    SqlValues.setUuid(st, 3, e.getKey());
                    SqlValues.setInstant(st, 4, e.getValue());
                    st.addBatch();
                }
                st.executeBatch();
            } catch (SQLException e) {
                throw new StorageException(e);
            }
        });
    }

    @Override
    public Optional<Device> find(UUID id) {
        return jdbi.withHandle(h -> h.createQuery(DeviceRows.SELECT + " WHERE d.id = :id").bind("id", id)
                .map((rs, ctx) -> DeviceRows.map(rs)).findOne());
    }

    @Override
    public Optional<Device> findByExternalId(String externalId) {
        return jdbi.withHandle(h -> h.createQuery(DeviceRows.SELECT + " WHERE d.external_id = :ext")
                .bind("ext", externalId).map((rs, ctx) -> DeviceRows.map(rs)).findOne());
    }

    @Override
    public Page<Device> page(DeviceFilter filter, DeviceSort sort, String cursor, int limit) {
        Conditions.checkLimit(limit);
        Conditions where = DeviceQuery.where(filter == null ? DeviceFilter.ALL : filter, dialect);
        DeviceQuery.after(Cursor.decode(cursor, DeviceQuery.cursorTag(sort), 2), sort, where);
        String sql = DeviceRows.SELECT + where.sql() + " ORDER BY " + DeviceQuery.column(sort) + ", d.id LIMIT :limit";
        List<Device> rows = jdbi.withHandle(h -> h.createQuery(sql).bindMap(where.params())
                .bind("limit", limit + 1).map((rs, ctx) -> DeviceRows.map(rs)).list());
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<Device> items = rows.subList(0, limit);
        return new Page<>(items, DeviceQuery.nextCursor(items.get(limit - 1), sort));
    }

    /** Ordered by name then id, so a request's commands list reads alphabetically. */
    @Override
    public List<Device> select(DeviceFilter filter) {
        if (dialect == Dialect.H2 && filter != null && filter.ids() != null) {
            return selectByIdTable(filter);
        }
        Conditions where = DeviceQuery.where(filter == null ? DeviceFilter.ALL : filter, dialect);
        String sql = DeviceRows.SELECT + where.sql() + " ORDER BY d.name_key, d.id";
        // PostgreSQL streams with a fetch size only inside a transaction; on SQLite a transaction
        // would take the one write lock for the whole read (every transaction begins IMMEDIATE).
        org.jdbi.v3.core.HandleCallback<List<Device>, RuntimeException> read = h -> h.createQuery(sql)
                .bindMap(where.params()).setFetchSize(FETCH_SIZE).map((rs, ctx) -> DeviceRows.map(rs)).list();
        return dialect == Dialect.POSTGRESQL ? jdbi.inTransaction(read) : jdbi.withHandle(read);
    }

    @Override
    public boolean remove(UUID deviceId, AuditEvent event) {
        return jdbi.inTransaction(h -> {
            h.createUpdate("DELETE FROM group_member WHERE device_id = :id").bind("id", deviceId).execute();
            if (h.createUpdate("DELETE FROM device WHERE id = :id").bind("id", deviceId).execute() == 0) {
                return false;
            }
            io.latchkey.store.jdbc.audit.JdbcAuditLog.insert(h, dialect, event);
            return true;
        });
    }

    @Override
    public long count(DeviceFilter filter) {
        Conditions where = DeviceQuery.where(filter == null ? DeviceFilter.ALL : filter, dialect);
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM device d" + where.sql())
                .bindMap(where.params()).mapTo(Long.class).one());
    }

    /**
     * An id list on H2, joined as a table of ids to the primary key: H2 scans the whole device
     * table for {@code = ANY(array)} (quadratic: 3 s for 20,000 ids over 20,000 devices) and
     * refuses arrays over 65,536 elements, so the list goes in chunks of {@value #H2_ID_CHUNK} ids,
     * each an index lookup per id, merged into the order one query gives: name key, then id.
     */
    private List<Device> selectByIdTable(DeviceFilter filter) {
        List<UUID> ids = filter.ids().stream().distinct().toList();
        Conditions where = DeviceQuery.where(new DeviceFilter(null, filter.groupId(), filter.userId(),
                filter.platform(), filter.channel(), filter.search(), filter.scopeGroups()), dialect);
        String sql = DeviceRows.SELECT.replace(" FROM device d", " FROM TABLE(x UUID = :idTable) t JOIN device d"
                + " ON d.id = t.x") + where.sql() + " ORDER BY d.name_key, d.id";
        List<Device> out = new java.util.ArrayList<>(ids.size());
        for (int from = 0; from < ids.size(); from += H2_ID_CHUNK) {
            List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + H2_ID_CHUNK));
            out.addAll(jdbi.withHandle(h -> h.createQuery(sql).bindMap(where.params())
                    .bind("idTable", SqlValues.uuidArrayArgument(chunk, dialect))
                    .map((rs, ctx) -> DeviceRows.map(rs)).list()));
        }
        if (ids.size() <= H2_ID_CHUNK) {
            return out;
        }
        // Each device's key once, not once per comparison (some 3.4 million for 100,000 devices).
        record Keyed(String key, Device device) {
        }
        List<Keyed> keyed = new java.util.ArrayList<>(out.size());
        out.forEach(d -> keyed.add(new Keyed(DeviceRows.nameKey(d.name()), d)));
        keyed.sort(java.util.Comparator.comparing(Keyed::key).thenComparing(k -> k.device().id().toString()));
        out.clear();
        keyed.forEach(k -> out.add(k.device()));
        return out;
    }

    static RuntimeException conflictOr(RuntimeException e, Device device) {
        if (SqlValues.uniqueViolation(e)) {
            return Rejected.conflict("external id '" + device.externalId() + "' already belongs to another device");
        }
        return e;
    }
}
