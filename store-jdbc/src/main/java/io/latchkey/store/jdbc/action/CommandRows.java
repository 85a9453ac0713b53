package io.latchkey.store.jdbc.action;

import io.latchkey.core.action.ActionRequest;
import io.latchkey.core.action.ChannelKind;
import io.latchkey.core.action.Command;
import io.latchkey.core.action.CommandEvent;
import io.latchkey.core.action.CommandState;
import io.latchkey.core.capability.Action;
import io.latchkey.store.jdbc.Dialect;
import io.latchkey.store.jdbc.FormText;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import static io.latchkey.store.jdbc.SqlValues.enumOf;
import static io.latchkey.store.jdbc.SqlValues.instant;
import static io.latchkey.store.jdbc.SqlValues.setEnum;
import static io.latchkey.store.jdbc.SqlValues.setInstant;
import static io.latchkey.store.jdbc.SqlValues.setUuid;
import static io.latchkey.store.jdbc.SqlValues.uuid;

/**
 * The command and command_event tables. A command row holds only what is its own; its action,
 * creation time, expiry and options are its request's, read from the request row (a join on the
 * request's primary key, or the request already in hand).
 */
final class CommandRows {
    /** The command's own columns; updated_at is null until its first transition. */
    static final String OWN_COLUMNS = "c.pos, c.id, c.request_id, c.device_id, c.channel, c.state, c.detail,"
            + " c.updated_at";
    /**
     * A command's key, pos, is its request's number times 2^24 plus its seq (its position in the
     * request): a request's commands are one key range, in creation order.
     */
    static final int SEQ_BITS = 24;
    /** The most commands one request may have: 16,777,216. */
    static final int MAX_COMMANDS = 1 << SEQ_BITS;
    static final String SELECT = "SELECT " + OWN_COLUMNS + ", r.action, r.created_at, r.expires_at, r.options"
            + " FROM command c JOIN action_request r ON r.id = c.request_id";
    static final String INSERT_EVENT = "INSERT INTO command_event (command_id, occurred_at, from_state, to_state,"
            + " detail, actor) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String INSERT = "INSERT INTO command (pos, id, request_id, device_id, channel, state, detail)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String COPY = "COPY command (pos, id, request_id, device_id, channel, state, detail)"
            + " FROM STDIN";
    /** Large enough to amortise round trips, small enough to keep driver buffers modest. */
    private static final int BATCH = 2_000;
    /** Bytes of COPY text handed to the driver at a time. */
    private static final int COPY_CHUNK = 1 << 20;

    private CommandRows() {
    }

    /** The key of the command at {@code seq} in the request numbered {@code requestNo}. */
    static long pos(long requestNo, long seq) {
        return (requestNo << SEQ_BITS) + seq;
    }

    /** The seq of the command keyed {@code pos}. */
    static long seq(long pos) {
        return pos & (MAX_COMMANDS - 1);
    }

    /**
     * Refuses commands that do not belong to the request as stored: their shared fields are kept
     * once, on the request, so a command that differs would silently come back changed.
     */
    static void checkBelong(ActionRequest request, List<Command> commands) {
        if (commands.size() > MAX_COMMANDS) {
            throw new IllegalArgumentException("request " + request.id() + " has " + commands.size()
                    + " commands; this store keeps at most " + MAX_COMMANDS + " per request");
        }
        if (request.deviceCount() != commands.size()) {
            throw new IllegalArgumentException("request " + request.id() + " counts " + request.deviceCount()
                    + " device(s) but has " + commands.size() + " command(s)");
        }
        for (Command c : commands) {
            if (!c.requestId().equals(request.id()) || c.action() != request.action()
                    || !c.createdAt().equals(request.createdAt()) || !Objects.equals(c.expiresAt(), request.expiresAt())
                    || (c.updatedAt() != null && !c.updatedAt().equals(c.createdAt()))
                    || (c.options() != request.options() && !c.options().equals(request.options()))) {
                throw new IllegalArgumentException("command " + c.id() + " differs from its request " + request.id()
                        + " in request, action, creation time, expiry or options, or is already updated");
            }
        }
    }

    /**
     * Inserts in the caller's transaction, keyed from the request's number; the list's order is
     * the creation order (seq). At most {@link #MAX_COMMANDS}, as {@link #checkBelong} checks.
     */
    static void insertAll(Connection c, Dialect dialect, long requestNo, List<Command> commands) throws SQLException {
        if (commands.isEmpty()) {
            return;
        }
        if (commands.size() > MAX_COMMANDS) {
            throw new IllegalArgumentException("at most " + MAX_COMMANDS + " commands per request");
        }
        long base = pos(requestNo, 0);
        if (dialect == Dialect.POSTGRESQL) {
            copyAll(c, base, commands);
            return;
        }
        try (PreparedStatement st = c.prepareStatement(INSERT)) {
            for (int i = 0; i < commands.size(); i++) {
                Command cmd = commands.get(i);
                st.setLong(1, base + i);
                setUuid(st, 2, cmd.id());
                setUuid(st, 3, cmd.requestId());
                setUuid(st, 4, cmd.deviceId());
                setEnum(st, 5, cmd.channel());
                setEnum(st, 6, cmd.state());
                st.setString(7, cmd.detail());
                st.addBatch();
                if ((i + 1) % BATCH == 0 || i == commands.size() - 1) {
                    st.executeBatch();
                }
            }
        }
    }

    /** PostgreSQL's COPY in text format: one stream instead of 100,000 bound rows. */
    private static void copyAll(Connection c, long base, List<Command> commands) throws SQLException {
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
        try {
            StringBuilder text = new StringBuilder(COPY_CHUNK + 1024);
            String requestId = null;
            UUID lastRequest = null;
            for (int i = 0; i < commands.size(); i++) {
                Command cmd = commands.get(i);
                if (!cmd.requestId().equals(lastRequest)) {
                    lastRequest = cmd.requestId();
                    requestId = lastRequest.toString();
                }
                text.append(base + i).append('\t').append(cmd.id()).append('\t').append(requestId).append('\t')
                        .append(cmd.deviceId()).append('\t');
                appendCopyValue(text, cmd.channel() == null ? null : cmd.channel().name());
                text.append('\t').append(cmd.state().name()).append('\t');
                appendCopyValue(text, cmd.detail());
                text.append('\n');
                if (text.length() >= COPY_CHUNK) {
                    write(copy, text);
                }
            }
            write(copy, text);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void write(CopyIn copy, StringBuilder text) throws SQLException {
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        text.setLength(0);
    }

    /** COPY text format: \N is null; backslash, tab, newline and carriage return are escaped. */
    static void appendCopyValue(StringBuilder out, String value) {
        if (value == null) {
            out.append("\\N");
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(ch);
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

    /** The request's part of its commands. */
    record Shared(Action action, Instant createdAt, Instant expiresAt, Map<String, String> options) {
    }

    /**
     * Maps command rows; one instance per query. Rows of {@link #SELECT} carry the request's
     * columns, and the mapper remembers the last request it decoded (a request's 100k commands
     * share one options map, decoded once); {@link #of(Shared)} maps rows of the command's own
     * columns only, for a read within one request already in hand.
     */
    static final class Mapper implements RowMapper<Command> {
        private final Shared fixed;
        private UUID lastRequest;
        private Shared last;

        Mapper() {
            this.fixed = null;
        }

        private Mapper(Shared fixed) {
            this.fixed = fixed;
        }

        static Mapper of(Shared shared) {
            return new Mapper(shared);
        }

        @Override
        public Command map(ResultSet rs, StatementContext ctx) throws SQLException {
            UUID requestId = uuid(rs, "request_id");
            Shared shared = fixed;
            if (shared == null) {
                if (!requestId.equals(lastRequest)) {
                    lastRequest = requestId;
                    last = new Shared(enumOf(rs, "action", Action.class), instant(rs, "created_at"),
                            instant(rs, "expires_at"), Map.copyOf(FormText.decode(rs.getString("options"))));
                }
                shared = last;
            }
            Instant updated = instant(rs, "updated_at");
            return new Command(uuid(rs, "id"), requestId, uuid(rs, "device_id"), shared.action(),
                    enumOf(rs, "channel", ChannelKind.class), enumOf(rs, "state", CommandState.class),
                    rs.getString("detail"), shared.options(), shared.createdAt(),
                    updated == null ? shared.createdAt() : updated, shared.expiresAt());
        }
    }
}
