package io.latchkey.store.jdbc.action;

import io.latchkey.core.action.WireNumbers;
import io.latchkey.core.action.WireRef;
import io.latchkey.core.action.WireRefs;
import io.latchkey.store.jdbc.SqlValues;
import io.latchkey.store.jdbc.StorageException;
import org.jdbi.v3.core.Jdbi;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** OMA-DM CmdIDs per device, session and message; one transaction per message sent. */
public final class JdbcWireRefs implements WireRefs {
    private final Jdbi jdbi;

    public JdbcWireRefs(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void record(UUID deviceId, String sessionId, int msgId, List<WireRef> refs, Instant at) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM wire_ref WHERE device_id = :d AND session_id = :s AND msg_id = :m")
                    .bind("d", deviceId).bind("s", sessionId).bind("m", msgId).execute();
            insert(h.getConnection(), new WireNumbers(deviceId, sessionId, msgId, refs), at);
        });
    }

    /** The rows of {@code numbers}, in the caller's transaction (also a numbered hand-out's, see JdbcCommandTransitions). */
    static void insert(Connection c, WireNumbers numbers, Instant at) {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO wire_ref (device_id, session_id, msg_id, cmd_id,"
                + " command_id, element, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (WireRef r : numbers.refs()) {
                SqlValues.setUuid(st, 1, numbers.deviceId());
                st.setString(2, numbers.sessionId());
                st.setInt(3, numbers.msgId());
                st.setInt(4, r.cmdId());
                SqlValues.setUuid(st, 5, r.commandId());
                st.setString(6, r.element());
                SqlValues.setInstant(st, 7, at);
                st.addBatch();
            }
            st.executeBatch();
        } catch (SQLException e) {
            throw new StorageException(e);
        }
    }

    @Override
    public List<WireRef> find(UUID deviceId, String sessionId, int msgId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT cmd_id, command_id, element FROM wire_ref WHERE device_id = :d"
                        + " AND session_id = :s AND msg_id = :m ORDER BY cmd_id")
                .bind("d", deviceId).bind("s", sessionId).bind("m", msgId)
                .map((rs, ctx) -> new WireRef(rs.getInt("cmd_id"), SqlValues.uuid(rs, "command_id"),
                        rs.getString("element")))
                .list());
    }

    @Override
    public int purge(Instant before) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM wire_ref WHERE created_at < :before")
                .bind("before", before).execute());
    }
}
