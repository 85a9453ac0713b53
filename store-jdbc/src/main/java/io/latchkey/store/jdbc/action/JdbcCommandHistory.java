package io.latchkey.store.jdbc.action;

import io.latchkey.core.action.Command;
import io.latchkey.core.action.CommandEvent;
import io.latchkey.core.action.CommandHistory;
import io.latchkey.core.action.CommandState;
import io.latchkey.core.inventory.Page;
import io.latchkey.store.jdbc.Conditions;
import io.latchkey.store.jdbc.Cursor;
import org.jdbi.v3.core.Jdbi;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Reads commands (by request in creation order, by device newest first) and their transitions. */
public final class JdbcCommandHistory implements CommandHistory {
    private static final String REQUEST_TAG = "command:request";
    private static final String DEVICE_TAG = "command:device";
    private final Jdbi jdbi;

    public JdbcCommandHistory(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Optional<Command> find(UUID commandId) {
        return jdbi.withHandle(h -> h.createQuery(CommandRows.SELECT + " WHERE c.id = :id").bind("id", commandId)
                .map(new CommandRows.Mapper()).findOne());
    }

    @Override
    public Page<Command> ofRequest(UUID requestId, CommandState state, String cursor, int limit) {
        Conditions.checkLimit(limit);
        Cursor after = Cursor.decode(cursor, REQUEST_TAG, 1);
        List<Long> seqs = new ArrayList<>();
        CommandRows.Mapper mapper = new CommandRows.Mapper();
        List<Command> rows = jdbi.withHandle(h -> {
            Optional<Long> no = h.createQuery("SELECT request_no FROM action_request WHERE id = :id")
                    .bind("id", requestId).mapTo(Long.class).findOne();
            if (no.isEmpty()) {
                return List.<Command>of();
            }
            // The request's commands are a range of command keys, in seq order.
            long next = after == null ? 0 : Math.max(0, Math.min(after.number(0), CommandRows.MAX_COMMANDS - 1) + 1);
            long from = CommandRows.pos(no.get(), next);
            Conditions where = new Conditions().add("c.pos >= :from AND c.pos < :end")
                    .bind("from", from).bind("end", CommandRows.pos(no.get() + 1, 0));
            if (state != null) {
                where.add("c.state = :state").bind("state", state.name());
            }
            String sql = CommandRows.SELECT + where.sql() + " ORDER BY c.pos LIMIT :limit";
            return h.createQuery(sql).bindMap(where.params()).bind("limit", limit + 1)
                    .map((rs, ctx) -> {
                        seqs.add(CommandRows.seq(rs.getLong("pos")));
                        return mapper.map(rs, ctx);
                    }).list();
        });
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        return new Page<>(rows.subList(0, limit), Cursor.encode(REQUEST_TAG, Long.toString(seqs.get(limit - 1))));
    }

    @Override
    public Page<Command> ofDevice(UUID deviceId, String cursor, int limit) {
        Conditions.checkLimit(limit);
        Conditions where = new Conditions().add("c.device_id = :deviceId").bind("deviceId", deviceId);
        Cursor after = Cursor.decode(cursor, DEVICE_TAG, 2);
        if (after != null) {
            where.add("r.created_at <= :afterAt AND (r.created_at < :afterAt OR c.id < :afterId)")
                    .bind("afterAt", after.instant(0)).bind("afterId", after.uuid(1));
        }
        // A device has few commands: the device index finds them all, and they are sorted here.
        String sql = CommandRows.SELECT + where.sql() + " ORDER BY r.created_at DESC, c.id DESC LIMIT :limit";
        List<Command> rows = jdbi.withHandle(h -> h.createQuery(sql).bindMap(where.params()).bind("limit", limit + 1)
                .map(new CommandRows.Mapper()).list());
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        Command last = rows.get(limit - 1);
        return new Page<>(rows.subList(0, limit),
                Cursor.encode(DEVICE_TAG, Cursor.micros(last.createdAt()), last.id().toString()));
    }

    /** One query over the device index for a page of devices; few commands are open at a time. */
    @Override
    public Map<UUID, Command> openOf(java.util.Collection<UUID> deviceIds) {
        Map<UUID, Command> open = new java.util.HashMap<>();
        if (deviceIds.isEmpty()) {
            return open;
        }
        String sql = CommandRows.SELECT + " WHERE c.device_id IN (<ids>) AND c.state IN ('PENDING', 'SENT', 'ACKNOWLEDGED')"
                + " ORDER BY r.created_at DESC, c.id DESC";
        jdbi.useHandle(h -> h.createQuery(sql).bindList("ids", List.copyOf(new java.util.LinkedHashSet<>(deviceIds)))
                .map(new CommandRows.Mapper()).forEach(c -> open.putIfAbsent(c.deviceId(), c)));
        return open;
    }

    @Override
    public List<CommandEvent> events(UUID commandId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT command_id, occurred_at, from_state, to_state, detail, actor"
                        + " FROM command_event WHERE command_id = :id ORDER BY id")
                .bind("id", commandId).map((rs, ctx) -> CommandRows.mapEvent(rs)).list());
    }

    /** Every state is present, zero when no command is in it. */
    @Override
    public Map<CommandState, Long> countByState(UUID requestId) {
        Map<CommandState, Long> counts = new EnumMap<>(CommandState.class);
        for (CommandState s : CommandState.values()) {
            counts.put(s, 0L);
        }
        String sql = "SELECT state, COUNT(*) AS n FROM command"
                + (requestId == null ? "" : " WHERE pos >= :from AND pos < :end") + " GROUP BY state";
        jdbi.useHandle(h -> {
            var q = h.createQuery(sql);
            if (requestId != null) {
                // The request's commands are a range of command keys.
                Optional<Long> no = h.createQuery("SELECT request_no FROM action_request WHERE id = :id")
                        .bind("id", requestId).mapTo(Long.class).findOne();
                if (no.isEmpty()) {
                    return;
                }
                q.bind("from", CommandRows.pos(no.get(), 0)).bind("end", CommandRows.pos(no.get() + 1, 0));
            }
            q.map((rs, ctx) -> Map.entry(CommandState.valueOf(rs.getString("state")), rs.getLong("n")))
                    .forEach(e -> counts.put(e.getKey(), e.getValue()));
        });
        return counts;
    }
}
