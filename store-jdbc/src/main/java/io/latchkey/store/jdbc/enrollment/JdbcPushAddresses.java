package io.latchkey.store.jdbc.enrollment;

import io.latchkey.core.action.ChannelKind;
import io.latchkey.core.enrollment.PushAddress;
import io.latchkey.core.enrollment.PushAddresses;
import io.latchkey.store.jdbc.Dialect;
import io.latchkey.store.jdbc.SqlValues;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** One push address per device, upserted by every report. */
public final class JdbcPushAddresses implements PushAddresses {
    private static final List<String> COLUMNS = List.of("device_id", "channel", "token", "magic", "topic",
            "updated_at", "invalid_since");
    private static final String SELECT = "SELECT " + String.join(", ", COLUMNS) + " FROM push_address";
    private static final RowMapper<PushAddress> MAPPER = (rs, ctx) -> new PushAddress(SqlValues.uuid(rs, "device_id"),
            ChannelKind.valueOf(rs.getString("channel")), rs.getString("token"), rs.getString("magic"),
            rs.getString("topic"), SqlValues.instant(rs, "updated_at"), SqlValues.instant(rs, "invalid_since"));

    private final Jdbi jdbi;
    private final Dialect dialect;

    public JdbcPushAddresses(Jdbi jdbi, Dialect dialect) {
        this.jdbi = jdbi;
        this.dialect = dialect;
    }

    @Override
    public void save(PushAddress a) {
        jdbi.useHandle(h -> h.createUpdate(dialect.upsert("push_address", COLUMNS, "device_id"))
                .bind(0, a.deviceId()).bind(1, a.channel().name()).bind(2, a.token()).bind(3, a.magic())
                .bind(4, a.topic()).bind(5, a.updatedAt()).bind(6, a.invalidSince()).execute());
    }

    @Override
    public Optional<PushAddress> find(UUID deviceId) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE device_id = :id").bind("id", deviceId)
                .map(MAPPER).findOne());
    }

    @Override
    public Map<UUID, PushAddress> findAll(Collection<UUID> deviceIds) {
        Map<UUID, PushAddress> out = new HashMap<>();
        if (deviceIds.isEmpty()) {
            return out;
        }
        jdbi.useHandle(h -> h.createQuery(SELECT + " WHERE " + dialect.anyOf("device_id", "ids"))
                .bind("ids", SqlValues.uuidArrayArgument(List.copyOf(deviceIds), dialect))
                .map(MAPPER).forEach(a -> out.put(a.deviceId(), a)));
        return out;
    }

    @Override
    public boolean markInvalid(UUID deviceId, String token, Instant since) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE push_address SET invalid_since = :since"
                        + " WHERE device_id = :id AND token = :token")
                .bind("since", since).bind("id", deviceId).bind("token", token).execute()) == 1;
    }
}
