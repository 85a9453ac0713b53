package io.latchkey.store.jdbc.inventory;

import io.latchkey.core.action.ChannelKind;
import io.latchkey.core.enrollment.CheckInLookup;
import io.latchkey.core.enrollment.DeviceIdentity;
import io.latchkey.core.inventory.Device;
import io.latchkey.store.jdbc.StorageException;

import io.latchkey.store.jdbc.SqlValues;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;


/**
 * The identity, its device and "anything open?" in one statement: two unique-key lookups and an
 * EXISTS on the command table's device index. It runs on every device request, so it is plain
 * JDBC on the pool (a Jdbi handle, its config and argument binding cost more than the query on
 * embedded H2), and reads its columns by position: the device's first, in {@link DeviceRows#COLUMNS}
 * order, then the identity's (aliased: both tables have external_id, channel and serial_number),
 * then the flag.
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
    /**
     * SQLite only: the statement prepared once per pooled connection. The driver keeps no statement
     * cache, and preparing this join was most of an Idle check-in's time in SQLite (JFR native
     * samples: 69 in prepare, 20 in the query itself); H2 and PostgreSQL cache it themselves. Keyed
     * by the driver's connection, which the pool lends to one thread at a time; a statement closed
     * with its connection is prepared again.
     */
    private final Map<Connection, PreparedStatement> prepared;

    public JdbcCheckInLookup(DataSource pool, boolean keepStatements) {
        this.pool = pool;
        this.prepared = keepStatements ? Collections.synchronizedMap(new WeakHashMap<>()) : null;
    }

    @Override
    public Optional<Facts> lookUp(String fingerprint) {
        try (Connection c = pool.getConnection()) {
            if (prepared == null) {
                try (PreparedStatement st = c.prepareStatement(SQL)) {
                    return lookUp(st, fingerprint);
                }
            }
            Connection own = c.unwrap(Connection.class);
            PreparedStatement st = prepared.get(own);
            if (st == null || st.isClosed()) {
                st = own.prepareStatement(SQL);
                prepared.put(own, st);
            }
            return lookUp(st, fingerprint);
        } catch (SQLException e) {
            throw new StorageException(e);
        }
    }

    private static Optional<Facts> lookUp(PreparedStatement st, String fingerprint) throws SQLException {
        st.setString(1, fingerprint);
        try (ResultSet rs = st.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            int i = DeviceRows.COLUMNS.size();
            DeviceIdentity identity = new DeviceIdentity(rs.getString(i + 1), rs.getString(i + 2),
                    SqlValues.uuid(rs, i + 3), Enum.valueOf(ChannelKind.class, rs.getString(i + 4)),
                    instantAt(rs, i + 5), instantAt(rs, i + 6), SqlValues.uuid(rs, i + 7),
                    rs.getString(i + 8), instantAt(rs, i + 9));
            Optional<Device> device = rs.getObject(1) == null ? Optional.empty()
                    : Optional.of(DeviceRows.mapInSelectOrder(rs));
            boolean open = rs.getBoolean(i + 10);
            return Optional.of(new Facts(identity, device, open));
        }
    }

    private static Instant instantAt(ResultSet rs, int column) throws SQLException {
        return SqlValues.instant(rs, column);
    }
}
