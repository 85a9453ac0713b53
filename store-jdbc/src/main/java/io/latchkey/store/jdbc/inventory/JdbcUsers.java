package io.latchkey.store.jdbc.inventory;

import io.latchkey.core.Rejected;
import io.latchkey.core.inventory.Page;
import io.latchkey.core.inventory.User;
import io.latchkey.core.inventory.UserLookup;
import io.latchkey.core.inventory.Users;
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

/** The people who use devices, on the {@code user_account} table, paged by principal name. */
public final class JdbcUsers implements Users, UserLookup {
    private static final String CURSOR_TAG = "user:upn";
    private final Jdbi jdbi;
    private final Dialect dialect;

    public JdbcUsers(Jdbi jdbi, Dialect dialect) {
        this.jdbi = jdbi;
        this.dialect = dialect;
    }

    @Override
    public void save(User user) {
        try {
            // A transaction, though one statement: on SQLite it queues with the other writers (SqliteWriterQueue).
            jdbi.useTransaction(h -> {
                try (PreparedStatement st = h.getConnection().prepareStatement(UserRows.upsert(dialect))) {
                    UserRows.bind(st, user);
                    st.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw conflictOr(new StorageException(e), user);
        }
    }

    @Override
    public java.util.Map<UUID, User> findAll(java.util.Collection<UUID> ids) {
        java.util.Map<UUID, User> found = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        jdbi.useHandle(h -> h.createQuery(UserRows.SELECT + " WHERE id IN (<ids>)").bindList("ids", List.copyOf(
                new java.util.LinkedHashSet<>(ids))).map((rs, ctx) -> UserRows.map(rs)).forEach(u -> found.put(u.id(), u)));
        return found;
    }

    @Override
    public Optional<User> find(UUID id) {
        return jdbi.withHandle(h -> h.createQuery(UserRows.SELECT + " WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> UserRows.map(rs)).findOne());
    }

    @Override
    public Optional<User> findByPrincipalName(String userPrincipalName) {
        return jdbi.withHandle(h -> h.createQuery(UserRows.SELECT + " WHERE upn_key = :key")
                .bind("key", UserRows.upnKey(userPrincipalName)).map((rs, ctx) -> UserRows.map(rs)).findOne());
    }

    @Override
    public Page<User> page(String search, String cursor, int limit) {
        return page(search, null, cursor, limit);
    }

    @Override
    public Page<User> page(String search, java.util.Set<UUID> ownersIn, String cursor, int limit) {
        Conditions.checkLimit(limit);
        Conditions where = new Conditions();
        if (ownersIn != null) {
            // A scoped reader sees the users who enrolled a device within the scope (issue 8 item 2):
            // the device-by-user index, then the membership probe, per user of the walk.
            Conditions scope = new Conditions();
            DeviceQuery.scope(ownersIn, scope);
            where.add("EXISTS (SELECT 1 FROM device d" + scope.sql() + " AND d.enrolling_user_id = user_account.id)");
            scope.params().forEach(where::bind);
        }
        if (search != null && !search.isBlank()) {
            String like = " LIKE :search" + Conditions.LIKE_ESCAPE;
            where.add("(upn_key" + like + " OR LOWER(display_name)" + like + ")")
                    .bind("search", Conditions.containsPattern(search.trim()));
        }
        Cursor after = Cursor.decode(cursor, CURSOR_TAG, 1);
        if (after != null) {
            where.add("upn_key > :after").bind("after", after.get(0)); // unique, so no id tie-break
        }
        String sql = UserRows.SELECT + where.sql() + " ORDER BY upn_key LIMIT :limit";
        List<User> rows = jdbi.withHandle(h -> h.createQuery(sql).bindMap(where.params()).bind("limit", limit + 1)
                .map((rs, ctx) -> UserRows.map(rs)).list());
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<User> items = rows.subList(0, limit);
        return new Page<>(items, Cursor.encode(CURSOR_TAG, UserRows.upnKey(items.get(limit - 1).userPrincipalName())));
    }

    static RuntimeException conflictOr(RuntimeException e, User user) {
        if (SqlValues.uniqueViolation(e)) {
            return Rejected.conflict("user principal name '" + user.userPrincipalName()
                    + "' already belongs to another user");
        }
        return e;
    }

    @Override
    public java.util.Map<UUID, User> byIds(java.util.Collection<UUID> ids) {
        java.util.Map<UUID, User> out = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        List<UUID> distinct = List.copyOf(new java.util.HashSet<>(ids));
        if (dialect != Dialect.H2) {
            jdbi.useHandle(h -> h.createQuery(UserRows.SELECT + " WHERE " + dialect.anyOf("id", "ids"))
                    .bind("ids", SqlValues.uuidArrayArgument(distinct, dialect))
                    .map((rs, ctx) -> UserRows.map(rs)).forEach(u -> out.put(u.id(), u)));
            return out;
        }
        // H2 compares every row with every element of = ANY(array); an IN list is a key lookup per id.
        for (int from = 0; from < distinct.size(); from += 1_000) {
            List<UUID> chunk = distinct.subList(from, Math.min(distinct.size(), from + 1_000));
            StringBuilder in = new StringBuilder(UserRows.SELECT + " WHERE id IN (");
            for (int i = 0; i < chunk.size(); i++) {
                in.append(i == 0 ? ":u" : ", :u").append(i);
            }
            String sql = in.append(")").toString();
            jdbi.useHandle(h -> {
                var q = h.createQuery(sql);
                for (int i = 0; i < chunk.size(); i++) {
                    q.bind("u" + i, chunk.get(i));
                }
                q.map((rs, ctx) -> UserRows.map(rs)).forEach(u -> out.put(u.id(), u));
            });
        }
        return out;
    }
}
