package io.latchkey.store.jdbc.eas;

import io.latchkey.core.eas.DeviceInformation;
import io.latchkey.core.eas.EasAccess;
import io.latchkey.core.eas.EasPartnership;
import io.latchkey.core.eas.EasPartnerships;
import io.latchkey.store.jdbc.Dialect;
import io.latchkey.store.jdbc.SqlValues;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The gateway's partnerships, one row per EAS DeviceId. */
public final class JdbcEasPartnerships implements EasPartnerships {
    private static final List<String> COLUMNS = List.of("eas_device_id", "device_id", "device_type", "user_name",
            "user_agent", "protocol_version", "access", "first_seen", "updated_at", "model", "os", "imei",
            "friendly_name");
    private static final String SELECT = "SELECT " + String.join(", ", COLUMNS) + " FROM eas_partnership";
    private static final RowMapper<EasPartnership> ROW = (rs, ctx) -> new EasPartnership(rs.getString("eas_device_id"),
            SqlValues.uuid(rs, "device_id"), rs.getString("device_type"), rs.getString("user_name"),
            rs.getString("user_agent"), rs.getString("protocol_version"), EasAccess.valueOf(rs.getString("access")),
            SqlValues.instant(rs, "first_seen"), SqlValues.instant(rs, "updated_at"),
            new DeviceInformation(rs.getString("model"), rs.getString("os"), rs.getString("imei"),
                    rs.getString("friendly_name")));

    private final Jdbi jdbi;
    private final String upsert;

    public JdbcEasPartnerships(Jdbi jdbi, Dialect dialect) {
        this.jdbi = jdbi;
        this.upsert = dialect.upsert("eas_partnership", COLUMNS, "eas_device_id");
    }

    @Override
    public void save(EasPartnership p) {
        DeviceInformation i = p.info();
        jdbi.useHandle(h -> h.createUpdate(upsert).bind(0, p.easDeviceId()).bind(1, p.deviceId())
                .bind(2, p.deviceType()).bind(3, p.user()).bind(4, p.userAgent()).bind(5, p.protocolVersion())
                .bind(6, p.access().name()).bind(7, p.firstSeen()).bind(8, p.updatedAt()).bind(9, i.model())
                .bind(10, i.os()).bind(11, i.imei()).bind(12, i.friendlyName()).execute());
    }

    @Override
    public Optional<EasPartnership> find(String easDeviceId) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE eas_device_id = :id").bind("id", easDeviceId)
                .map(ROW).findOne());
    }

    @Override
    public Optional<EasPartnership> ofDevice(UUID deviceId) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE device_id = :d ORDER BY updated_at DESC, eas_device_id")
                .bind("d", deviceId).setMaxRows(1).map(ROW).findFirst());
    }

    @Override
    public boolean setAccess(UUID deviceId, EasAccess access, Instant at) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE eas_partnership SET access = :a, updated_at = :t"
                + " WHERE device_id = :d").bind("a", access.name()).bind("t", at).bind("d", deviceId).execute()) > 0;
    }
}
