package db.migration.common;

import io.latchkey.core.audit.AuditEvent;
import io.latchkey.core.audit.AuditHash;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;

/**
 * The audit log becomes a hash chain (core AuditHash): each entry gets its number in the chain, the
 * previous entry's hash and its own; {@code audit_chain_head} holds the last number and hash, and
 * its one row is locked by every append, which serializes the chain across nodes. Entries already
 * there are chained in append order, in Java because the hash is the code's.
 */
public class V11__audit_hash_chain extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        try (Statement st = c.createStatement()) {
            st.execute("ALTER TABLE audit_event ADD COLUMN chain_no BIGINT");
            st.execute("ALTER TABLE audit_event ADD COLUMN prev_hash VARCHAR(64)");
            st.execute("ALTER TABLE audit_event ADD COLUMN entry_hash VARCHAR(64)");
            st.execute("CREATE TABLE audit_chain_head (id INT PRIMARY KEY, last_no BIGINT NOT NULL,"
                    + " last_hash VARCHAR(64) NOT NULL, CONSTRAINT audit_chain_head_one CHECK (id = 1))");
        }
        long number = 0;
        String hash = AuditHash.GENESIS;
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT seq, id, occurred_at, actor, source, action, target_type, target,"
                     + " detail FROM audit_event ORDER BY seq");
             PreparedStatement up = c.prepareStatement(
                     "UPDATE audit_event SET chain_no = ?, prev_hash = ?, entry_hash = ? WHERE seq = ?")) {
            while (rs.next()) {
                AuditEvent e = new AuditEvent(UUID.fromString(rs.getString("id")),
                        io.latchkey.store.jdbc.SqlValues.instant(rs, "occurred_at"), rs.getString("actor"),
                        rs.getString("source"), rs.getString("action"), rs.getString("target_type"),
                        rs.getString("target"), rs.getString("detail"));
                number++;
                String next = AuditHash.of(hash, number, e);
                up.setLong(1, number);
                up.setString(2, hash);
                up.setString(3, next);
                up.setLong(4, rs.getLong("seq"));
                up.addBatch();
                hash = next;
            }
            up.executeBatch();
        }
        try (Statement st = c.createStatement()) {
            st.execute("CREATE UNIQUE INDEX audit_event_chain ON audit_event (chain_no)");
        }
        try (PreparedStatement head = c.prepareStatement(
                "INSERT INTO audit_chain_head (id, last_no, last_hash) VALUES (1, ?, ?)")) {
            head.setLong(1, number);
            head.setString(2, hash);
            head.executeUpdate();
        }
    }
}
