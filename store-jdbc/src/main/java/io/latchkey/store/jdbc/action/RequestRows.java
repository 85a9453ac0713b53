package io.latchkey.store.jdbc.action;

import io.latchkey.core.action.ActionRequest;
import io.latchkey.core.capability.Action;
import io.latchkey.core.inventory.DeviceFilter;
import io.latchkey.core.inventory.ManagementChannel;
import io.latchkey.core.inventory.Platform;
import io.latchkey.store.jdbc.Dialect;
import io.latchkey.store.jdbc.FormText;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.latchkey.store.jdbc.SqlValues.instant;
import static io.latchkey.store.jdbc.SqlValues.uuid;

/** The action_request table; the target filter and options are stored as form-encoded text. */
public final class RequestRows {
    static final String SELECT = "SELECT id, action, target, options, requested_by, requested_from, idempotency_key,"
            + " fingerprint, created_at, expires_at, device_count, not_supported FROM action_request";
    static final String INSERT = "INSERT INTO action_request (id, action, target, options, requested_by,"
            + " requested_from, idempotency_key, fingerprint, created_at, expires_at, device_count, not_supported,"
            + " wakeups_done, expiry_done)"
            + " VALUES (:id, :action, :target, :options, :requestedBy, :requestedFrom, :idempotencyKey,"
            + " :fingerprint, :createdAt, :expiresAt, :deviceCount, :notSupported, :wakeupsDone, :expiryDone)";

    /** SQLite: the target lives in its own table, see sqlite/V2. */
    private static final String SQLITE_SELECT = SELECT.replace(" target,",
            " (SELECT t.target FROM action_request_target t WHERE t.request_no = action_request.request_no) AS target,");
    private static final String SQLITE_INSERT = INSERT.replace(" target,", "").replace(" :target,", "");
    static final String SQLITE_INSERT_TARGET = "INSERT INTO action_request_target (request_no, target) VALUES (:no, :target)";

    private RequestRows() {
    }

    static String select(Dialect dialect) {
        return dialect == Dialect.SQLITE ? SQLITE_SELECT : SELECT;
    }

    static String insert(Dialect dialect) {
        return dialect == Dialect.SQLITE ? SQLITE_INSERT : INSERT;
    }

    static ActionRequest map(ResultSet rs) throws SQLException {
        return new ActionRequest(uuid(rs, "id"), Action.valueOf(rs.getString("action")),
                decodeTarget(rs.getString("target")), FormText.decode(rs.getString("options")),
                rs.getString("requested_by"), rs.getString("requested_from"), rs.getString("idempotency_key"),
                rs.getString("fingerprint"), instant(rs, "created_at"), instant(rs, "expires_at"),
                rs.getInt("device_count"), rs.getInt("not_supported"));
    }

    /** An absent key is a null field; {@code ids=} (present, empty) is an empty list. */
    public static String encodeTarget(DeviceFilter f) {
        Map<String, String> m = new HashMap<>();
        if (f.ids() != null) {
            m.put("ids", f.ids().stream().map(UUID::toString).collect(Collectors.joining(",")));
        }
        m.put("groupId", f.groupId());
        m.put("userId", f.userId() == null ? null : f.userId().toString());
        m.put("platform", f.platform() == null ? null : f.platform().name());
        m.put("channel", f.channel() == null ? null : f.channel().name());
        m.put("search", f.search());
        return FormText.encode(m);
    }

    public static DeviceFilter decodeTarget(String text) {
        Map<String, String> m = FormText.decode(text);
        String ids = m.get("ids");
        List<UUID> idList = ids == null ? null
                : ids.isEmpty() ? List.of() : Arrays.stream(ids.split(",")).map(UUID::fromString).toList();
        return new DeviceFilter(idList, m.get("groupId"),
                m.get("userId") == null ? null : UUID.fromString(m.get("userId")),
                m.get("platform") == null ? null : Platform.valueOf(m.get("platform")),
                m.get("channel") == null ? null : ManagementChannel.valueOf(m.get("channel")), m.get("search"));
    }
}
