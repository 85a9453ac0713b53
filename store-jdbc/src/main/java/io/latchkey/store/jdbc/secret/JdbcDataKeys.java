package io.latchkey.store.jdbc.secret;

import io.latchkey.core.secret.DataKey;
import io.latchkey.core.secret.DataKeys;
import io.latchkey.store.jdbc.SqlValues;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

import java.util.List;
import java.util.Optional;

/** Wrapped data keys; a re-wrap is one conditional UPDATE, so two rotations at once cannot interleave. */
public final class JdbcDataKeys implements DataKeys {
    private static final RowMapper<DataKey> ROW = (rs, ctx) -> new DataKey(rs.getInt("id"),
            rs.getString("master_key_id"), rs.getBytes("wrapped"), SqlValues.instant(rs, "created_at"));

    private final Jdbi jdbi;

    public JdbcDataKeys(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public List<DataKey> all() {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, master_key_id, wrapped, created_at FROM data_key ORDER BY id")
                .map(ROW).list());
    }

    @Override
    public Optional<DataKey> find(int id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, master_key_id, wrapped, created_at FROM data_key WHERE id = :id")
                .bind("id", id).map(ROW).findOne());
    }

    @Override
    public boolean add(DataKey key) {
        try {
            return jdbi.withHandle(h -> h.createUpdate("INSERT INTO data_key (id, master_key_id, wrapped, created_at)"
                            + " VALUES (:id, :master, :wrapped, :at)")
                    .bind("id", key.id()).bind("master", key.masterKeyId()).bind("wrapped", key.wrapped())
                    .bind("at", key.createdAt()).execute()) == 1;
        } catch (RuntimeException e) {
            if (SqlValues.uniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean rewrap(int id, String expectedMasterKeyId, String newMasterKeyId, byte[] wrapped) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE data_key SET master_key_id = :new, wrapped = :wrapped"
                        + " WHERE id = :id AND master_key_id = :expected")
                .bind("new", newMasterKeyId).bind("wrapped", wrapped).bind("id", id)
                .bind("expected", expectedMasterKeyId).execute()) == 1;
    }
}
