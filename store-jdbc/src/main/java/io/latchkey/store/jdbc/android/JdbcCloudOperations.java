package io.latchkey.store.jdbc.android;

import io.latchkey.core.action.CloudOperation;
import io.latchkey.core.action.CloudOperations;
import io.latchkey.store.jdbc.Dialect;
import io.latchkey.store.jdbc.SqlValues;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Commands handed to a cloud service and still followed, one row each. */
public final class JdbcCloudOperations implements CloudOperations {
    private static final String COLUMNS = "command_id, device_id, operation_name, sealed_secret, started_at";
    private static final RowMapper<CloudOperation> ROW = (rs, ctx) -> new CloudOperation(
            SqlValues.uuid(rs, "command_id"), SqlValues.uuid(rs, "device_id"), rs.getString("operation_name"),
            rs.getBytes("sealed_secret"), SqlValues.instant(rs, "started_at"));

    private final Jdbi jdbi;
    private final String upsert;

    public JdbcCloudOperations(Jdbi jdbi, Dialect dialect) {
        this.jdbi = jdbi;
        this.upsert = dialect.upsert("cloud_operation", List.of("command_id", "device_id", "operation_name",
                "sealed_secret", "started_at"), "command_id");
    }

    @Override
    public void start(CloudOperation op) {
        jdbi.useHandle(h -> h.createUpdate(upsert).bind(0, op.commandId()).bind(1, op.deviceId())
                .bind(2, op.operationName()).bind(3, op.sealedSecret()).bind(4, op.startedAt()).execute());
    }

    @Override
    public void named(UUID commandId, String operationName) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE cloud_operation SET operation_name = :n WHERE command_id = :c")
                .bind("n", operationName).bind("c", commandId).execute());
    }

    @Override
    public Optional<CloudOperation> find(UUID commandId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM cloud_operation WHERE command_id = :c")
                .bind("c", commandId).map(ROW).findOne());
    }

    @Override
    public Optional<CloudOperation> byName(String operationName) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM cloud_operation"
                + " WHERE operation_name = :n").bind("n", operationName).map(ROW).findOne());
    }

    @Override
    public List<CloudOperation> ofDevice(UUID deviceId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM cloud_operation WHERE device_id = :d"
                + " ORDER BY started_at, command_id").bind("d", deviceId).setMaxRows(1000).map(ROW).list());
    }

    @Override
    public List<CloudOperation> unfinished(Instant before, int max) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM cloud_operation"
                        + " WHERE operation_name IS NOT NULL AND started_at < :before ORDER BY started_at, command_id")
                .bind("before", before).setMaxRows(max).map(ROW).list());
    }

    @Override
    public void finish(UUID commandId) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM cloud_operation WHERE command_id = :c")
                .bind("c", commandId).execute());
    }
}
