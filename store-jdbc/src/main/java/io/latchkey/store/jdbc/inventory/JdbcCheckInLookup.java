package io.latchkey.store.jdbc.inventory;

import io.latchkey.core.action.ChannelKind;
import io.latchkey.core.enrollment.CheckInLookup;
import io.latchkey.core.enrollment.DeviceIdentity;
import io.latchkey.core.inventory.Device;
import io.latchkey.store.jdbc.StorageException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import static io.latchkey.store.jdbc.SqlValues.enumOf;
import static io.latchkey.store.jdbc.SqlValues.instant;
import static io.latchkey.store.jdbc.SqlValues.uuid;

/**
 * The identity, its device and "anything open?" in one statement: two unique-key lookups and an
 * EXISTS on the command table's device index. It runs on every device request, so it is plain
 * JDBC on the pool (a Jdbi handle, its config and argument binding cost more than the query on
 * embedded H2). The device's columns come first and keep their names, so {@link DeviceRows#map}
 * reads them; the identity's are prefixed because both tables have external_id, channel and
 * serial_number.
 */
public final class JdbcCheckInLookup implements CheckInLookup {
    private static final String SQL = DeviceRows.SELECT.replace(" FROM device d", "")
            + ", i.fingerprint AS i_fingerprint, i.serial_number AS i_serial_number, i.user_id AS i_user_id,"
            + " i.channel AS i_channel, i.issued_at AS i_issued_at, i.not_after AS i_not_after,"
            + " i.device_id AS i_device_id, i.external_id AS i_external_id, i.revoked_at AS i_revoked_at,"
            + " EXISTS (SELECT 1 FROM command c WHERE c.device_id = i.device_id AND c.state IN ('PENDING', 'SENT'))"
            + " AS commands_open"
            + " FROM device_identity i LEFT JOIN device d ON d.id = i.device_id WHERE i.fingerprint = ?";

    private final DataSource pool;

    public JdbcCheckInLookup(DataSource pool) {
        this.pool = pool;
    }

    @Override
    public Optional<Facts> lookUp(String fingerprint) {
        try (Connection c = pool.getConnection(); PreparedStatement st = c.prepareStatement(SQL)) {
            st.setString(1, fingerprint);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                DeviceIdentity identity = new DeviceIdentity(rs.getString("i_fingerprint"),
                        rs.getString("i_serial_number"), uuid(rs, "i_user_id"),
                        enumOf(rs, "i_channel", ChannelKind.class), instant(rs, "i_issued_at"),
                        instant(rs, "i_not_after"), uuid(rs, "i_device_id"), rs.getString("i_external_id"),
                        instant(rs, "i_revoked_at"));
                Optional<Device> device = rs.getObject("id") == null ? Optional.empty() : Optional.of(DeviceRows.map(rs));
                return Optional.of(new Facts(identity, device, rs.getBoolean("commands_open")));
            }
        } catch (SQLException e) {
            throw new StorageException(e);
        }
    }
}
