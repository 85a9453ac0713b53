package io.latchkey.store.jdbc.inventory;

import io.latchkey.core.Rejected;
import io.latchkey.core.inventory.Groups;
import io.latchkey.core.inventory.StaticGroup;
import io.latchkey.store.jdbc.Dialect;
import io.latchkey.store.jdbc.SqlValues;
import io.latchkey.store.jdbc.StorageException;
import org.jdbi.v3.core.Jdbi;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Static device groups and their membership ({@code static_group}, {@code group_member}). */
public final class JdbcGroups implements Groups {
    private static final String SELECT = "SELECT id, name, description, created_at FROM static_group";
    /**
     * Inserts only when the group and the device exist and the pair is new, so the update count
     * is exactly "added"; the same SQL works on both databases (no ON CONFLICT / MERGE needed).
     */
    private static final String ADD = "INSERT INTO group_member (group_id, device_id)"
            + " SELECT g.id, d.id FROM static_group g, device d WHERE g.id = ? AND d.id = ?"
            + " AND NOT EXISTS (SELECT 1 FROM group_member m WHERE m.group_id = g.id AND m.device_id = d.id)";
    private static final int BATCH = 1_000;

    private final Jdbi jdbi;
    private final Dialect dialect;

    public JdbcGroups(Jdbi jdbi, Dialect dialect) {
        this.jdbi = jdbi;
        this.dialect = dialect;
    }

    @Override
    public void create(StaticGroup group) {
        try {
            jdbi.useHandle(h -> h.createUpdate("INSERT INTO static_group (id, name, description, created_at)"
                            + " VALUES (:id, :name, :description, :createdAt)")
                    .bind("id", group.id()).bind("name", group.name()).bind("description", group.description())
                    .bind("createdAt", group.createdAt()).execute());
        } catch (RuntimeException e) {
            if (SqlValues.uniqueViolation(e)) {
                throw Rejected.conflict("group " + group.id() + " already exists");
            }
            throw e;
        }
    }

    @Override
    public List<StaticGroup> list() {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " ORDER BY name, id").map((rs, ctx) -> map(rs)).list());
    }

    @Override
    public Optional<StaticGroup> find(UUID id) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> map(rs)).findOne());
    }

    @Override
    public int addMembers(UUID groupId, Collection<UUID> deviceIds) {
        List<UUID> ids = List.copyOf(new LinkedHashSet<>(deviceIds)); // a repeated id would count twice
        try {
            return jdbi.inTransaction(h -> addAll(h.getConnection(), groupId, ids));
        } catch (SQLException e) {
            throw new StorageException(e);
        }
    }

    private static int addAll(java.sql.Connection c, UUID groupId, List<UUID> ids) throws SQLException {
        {
            int added = 0;
            try (PreparedStatement st = c.prepareStatement(ADD)) {
                for (int i = 0; i < ids.size(); i++) {
                    SqlValues.setUuid(st, 1, groupId);
                    SqlValues.setUuid(st, 2, ids.get(i));
                    st.addBatch();
                    if ((i + 1) % BATCH == 0 || i == ids.size() - 1) {
                        for (int n : st.executeBatch()) {
                            added += Math.max(n, 0);
                        }
                    }
                }
            }
            return added;
        }
    }

    @Override
    public int removeMembers(UUID groupId, Collection<UUID> deviceIds) {
        if (deviceIds.isEmpty()) {
            return 0;
        }
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM group_member WHERE group_id = :groupId"
                        + " AND " + dialect.anyOf("device_id", "ids"))
                .bind("groupId", groupId).bind("ids", DeviceQuery.uuidArray(List.copyOf(deviceIds), dialect))
                .execute());
    }

    private static StaticGroup map(ResultSet rs) throws SQLException {
        return new StaticGroup(SqlValues.uuid(rs, "id"), rs.getString("name"), rs.getString("description"),
                SqlValues.instant(rs, "created_at"));
    }
}
