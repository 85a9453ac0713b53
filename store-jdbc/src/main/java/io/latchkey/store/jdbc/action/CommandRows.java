package io.latchkey.store.jdbc.action;

import io.latchkey.core.action.ChannelKind;
import io.latchkey.core.action.Command;
import io.latchkey.core.action.CommandEvent;
import io.latchkey.core.action.CommandState;
import io.latchkey.core.capability.Action;
import io.latchkey.store.jdbc.FormText;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.latchkey.store.jdbc.SqlValues.enumOf;
import static io.latchkey.store.jdbc.SqlValues.instant;
import static io.latchkey.store.jdbc.SqlValues.setEnum;
import static io.latchkey.store.jdbc.SqlValues.setInstant;
import static io.latchkey.store.jdbc.SqlValues.setUuid;
import static io.latchkey.store.jdbc.SqlValues.uuid;

/**
 * The command and command_event tables. A command's options live once on its request (they are
 * shared by all its commands), so reads look the request row up.
 */
final class CommandRows {
    /**
     * The options come from a scalar subquery rather than a join so the planner always starts
     * from the command predicate: with a join, H2 would walk a big request's commands by
     * request_id to find a claimed batch.
     */
    static final String SELECT = "SELECT c.id, c.request_id, c.seq, c.device_id, c.action, c.channel, c.state,"
            + " c.detail, c.created_at, c.updated_at, c.expires_at,"
            + " (SELECT r.options FROM action_request r WHERE r.id = c.request_id) AS options FROM command c";
    static final String INSERT_EVENT = "INSERT INTO command_event (command_id, occurred_at, from_state, to_state,"
            + " detail, actor) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String INSERT = "INSERT INTO command (id, request_id, seq, device_id, action, channel,"
            + " state, detail, created_at, updated_at, expires_at, wake_due_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** Large enough to amortise round trips, small enough to keep driver buffers modest. */
    private static final int BATCH = 2_000;

    private CommandRows() {
    }

    /** Inserts in the caller's transaction; {@code seq} keeps the list's order as creation order. */
    static void insertAll(Connection c, List<Command> commands) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(INSERT)) {
            for (int i = 0; i < commands.size(); i++) {
                Command cmd = commands.get(i);
                setUuid(st, 1, cmd.id());
                setUuid(st, 2, cmd.requestId());
                st.setInt(3, i);
                setUuid(st, 4, cmd.deviceId());
                setEnum(st, 5, cmd.action());
                setEnum(st, 6, cmd.channel());
                setEnum(st, 7, cmd.state());
                st.setString(8, cmd.detail());
                setInstant(st, 9, cmd.createdAt());
                setInstant(st, 10, cmd.updatedAt() == null ? cmd.createdAt() : cmd.updatedAt());
                setInstant(st, 11, cmd.expiresAt());
                // A pending command with a channel is due for a wake-up at once.
                boolean wake = cmd.state() == CommandState.PENDING && cmd.channel() != null;
                setInstant(st, 12, wake ? cmd.createdAt() : null);
                st.addBatch();
                if ((i + 1) % BATCH == 0 || i == commands.size() - 1) {
                    st.executeBatch();
                }
            }
        }
    }

    static void bindEvent(PreparedStatement st, CommandEvent e) throws SQLException {
        setUuid(st, 1, e.commandId());
        setInstant(st, 2, e.at());
        setEnum(st, 3, e.from());
        setEnum(st, 4, e.to());
        st.setString(5, e.detail());
        st.setString(6, e.actor());
    }

    static CommandEvent mapEvent(ResultSet rs) throws SQLException {
        return new CommandEvent(uuid(rs, "command_id"), instant(rs, "occurred_at"),
                enumOf(rs, "from_state", CommandState.class), enumOf(rs, "to_state", CommandState.class),
                rs.getString("detail"), rs.getString("actor"));
    }

    /**
     * Maps command rows; one instance per query, because it remembers the last options text it
     * decoded: a request's 100k commands share one options map, decoded once.
     */
    static final class Mapper implements RowMapper<Command> {
        private String lastText;
        private Map<String, String> lastOptions = Map.of();

        @Override
        public Command map(ResultSet rs, StatementContext ctx) throws SQLException {
            String text = rs.getString("options");
            if (lastText == null || !lastText.equals(text)) {
                lastText = text;
                lastOptions = Map.copyOf(FormText.decode(text));
            }
            return new Command(uuid(rs, "id"), uuid(rs, "request_id"), uuid(rs, "device_id"),
                    enumOf(rs, "action", Action.class), enumOf(rs, "channel", ChannelKind.class),
                    enumOf(rs, "state", CommandState.class), rs.getString("detail"), lastOptions,
                    instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "expires_at"));
        }
    }

    static List<UUID> ids(List<Command> commands) {
        return commands.stream().map(Command::id).toList();
    }
}
