package io.latchkey.store.jdbc.inventory;

import io.latchkey.core.inventory.AndroidMode;
import io.latchkey.core.inventory.ChannelState;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.ManagementChannel;
import io.latchkey.core.inventory.OsVersion;
import io.latchkey.core.inventory.Ownership;
import io.latchkey.core.inventory.Platform;
import io.latchkey.store.jdbc.Dialect;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import static io.latchkey.store.jdbc.SqlValues.enumOf;
import static io.latchkey.store.jdbc.SqlValues.instant;
import static io.latchkey.store.jdbc.SqlValues.setEnum;
import static io.latchkey.store.jdbc.SqlValues.setInstant;
import static io.latchkey.store.jdbc.SqlValues.setUuid;
import static io.latchkey.store.jdbc.SqlValues.uuid;

/** The device table's columns: how a {@link Device} is written to and read from a row. */
final class DeviceRows {
    static final List<String> COLUMNS = List.of("id", "external_id", "name", "name_key", "platform", "os_version",
            "model", "serial_number", "channel", "ownership", "enrolling_user_id", "current_user_id", "enrolled_at",
            "last_check_in_at", "check_in_key", "unlock_token_escrowed", "android_mode", "work_challenge",
            "eas_protocol_version", "unenrolled_at", "supervised", "os_version_key");
    static final String SELECT = "SELECT " + String.join(", ", COLUMNS.stream().map(c -> "d." + c).toList())
            + " FROM device d";
    /** Each column's position in {@link #SELECT}, from 1. */
    private static final java.util.Map<String, Integer> POSITION = java.util.stream.IntStream.range(0, COLUMNS.size())
            .boxed().collect(java.util.stream.Collectors.toUnmodifiableMap(COLUMNS::get, k -> k + 1));

    private DeviceRows() {
    }

    static String upsert(Dialect dialect) {
        return dialect.upsert("device", COLUMNS, "id");
    }

    /** The NAME sort key: lower-cased so "alpha" and "Beta" sort as people expect. */
    static String nameKey(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** The LAST_CHECK_IN sort key: devices never seen sort first, as the stalest. */
    static Instant checkInKey(Instant lastCheckIn) {
        return lastCheckIn == null ? Instant.EPOCH : lastCheckIn;
    }

    static void bind(PreparedStatement st, Device d) throws SQLException {
        setUuid(st, 1, d.id());
        st.setString(2, d.externalId());
        st.setString(3, d.name());
        st.setString(4, nameKey(d.name()));
        setEnum(st, 5, d.platform());
        st.setString(6, d.osVersion());
        st.setString(7, d.model());
        st.setString(8, d.serialNumber());
        setEnum(st, 9, d.channel());
        setEnum(st, 10, d.ownership());
        setUuid(st, 11, d.enrollingUserId());
        setUuid(st, 12, d.currentUserId());
        setInstant(st, 13, d.enrolledAt());
        setInstant(st, 14, d.lastCheckInAt());
        setInstant(st, 15, checkInKey(d.lastCheckInAt()));
        ChannelState s = d.state();
        st.setBoolean(16, s.unlockTokenEscrowed());
        setEnum(st, 17, s.androidMode());
        st.setBoolean(18, s.workChallenge());
        st.setString(19, s.easProtocolVersion());
        setInstant(st, 20, d.unenrolledAt());
        st.setBoolean(21, s.supervised());
        st.setString(22, OsVersion.sortKey(d.osVersion()));
    }

    static Device map(ResultSet rs) throws SQLException {
        ChannelState state = new ChannelState(rs.getBoolean("unlock_token_escrowed"),
                enumOf(rs, "android_mode", AndroidMode.class), rs.getBoolean("work_challenge"),
                rs.getString("eas_protocol_version"), rs.getBoolean("supervised"));
        return new Device(uuid(rs, "id"), rs.getString("external_id"), rs.getString("name"),
                enumOf(rs, "platform", Platform.class), rs.getString("os_version"), rs.getString("model"),
                rs.getString("serial_number"), enumOf(rs, "channel", ManagementChannel.class),
                enumOf(rs, "ownership", Ownership.class), uuid(rs, "enrolling_user_id"),
                uuid(rs, "current_user_id"), instant(rs, "enrolled_at"), instant(rs, "last_check_in_at"), state,
                instant(rs, "unenrolled_at"));
    }

    /**
     * As {@link #map}, reading the columns by position: {@link #SELECT}'s columns first, in
     * {@link #COLUMNS} order. For the per-request read ({@link JdbcCheckInLookup}): H2's driver
     * upper-cases a column name for every lookup by name.
     */
    static Device mapInSelectOrder(ResultSet rs) throws SQLException {
        ChannelState state = new ChannelState(rs.getBoolean(at("unlock_token_escrowed")),
                enumAt(rs, "android_mode", AndroidMode.class), rs.getBoolean(at("work_challenge")),
                rs.getString(at("eas_protocol_version")), rs.getBoolean(at("supervised")));
        return new Device(io.latchkey.store.jdbc.SqlValues.uuid(rs, at("id")), rs.getString(at("external_id")),
                rs.getString(at("name")), enumAt(rs, "platform", Platform.class), rs.getString(at("os_version")),
                rs.getString(at("model")), rs.getString(at("serial_number")),
                enumAt(rs, "channel", ManagementChannel.class), enumAt(rs, "ownership", Ownership.class),
                io.latchkey.store.jdbc.SqlValues.uuid(rs, at("enrolling_user_id")),
                io.latchkey.store.jdbc.SqlValues.uuid(rs, at("current_user_id")), instantAt(rs, "enrolled_at"),
                instantAt(rs, "last_check_in_at"), state, instantAt(rs, "unenrolled_at"));
    }

    private static int at(String column) {
        return POSITION.get(column);
    }

    private static <E extends Enum<E>> E enumAt(ResultSet rs, String column, Class<E> type) throws SQLException {
        String name = rs.getString(at(column));
        return name == null ? null : Enum.valueOf(type, name);
    }

    private static Instant instantAt(ResultSet rs, String column) throws SQLException {
        return io.latchkey.store.jdbc.SqlValues.instant(rs, at(column));
    }
}
