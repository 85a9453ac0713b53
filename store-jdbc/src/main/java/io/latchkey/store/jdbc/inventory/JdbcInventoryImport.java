package io.latchkey.store.jdbc.inventory;

import io.latchkey.core.Rejected;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.InventoryImport;
import io.latchkey.core.inventory.User;
import io.latchkey.store.jdbc.Dialect;
import io.latchkey.store.jdbc.SqlValues;
import io.latchkey.store.jdbc.StorageException;
import org.jdbi.v3.core.Jdbi;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** A whole import in one transaction: batched upserts of users, then devices; any failure rolls all back. */
public final class JdbcInventoryImport implements InventoryImport {
    private static final int BATCH = 1_000;
    private final Jdbi jdbi;
    private final Dialect dialect;

    public JdbcInventoryImport(Jdbi jdbi, Dialect dialect) {
        this.jdbi = jdbi;
        this.dialect = dialect;
    }

    @Override
    public void storeAll(List<User> users, List<Device> devices) {
        try {
            jdbi.useTransaction(h -> {
                try (PreparedStatement st = h.getConnection().prepareStatement(UserRows.upsert(dialect))) {
                    for (int i = 0; i < users.size(); i++) {
                        UserRows.bind(st, users.get(i));
                        st.addBatch();
                        if ((i + 1) % BATCH == 0 || i == users.size() - 1) {
                            st.executeBatch();
                        }
                    }
                }
                try (PreparedStatement st = h.getConnection().prepareStatement(DeviceRows.upsert(dialect))) {
                    for (int i = 0; i < devices.size(); i++) {
                        DeviceRows.bind(st, devices.get(i));
                        st.addBatch();
                        if ((i + 1) % BATCH == 0 || i == devices.size() - 1) {
                            st.executeBatch();
                        }
                    }
                }
            });
        } catch (SQLException | RuntimeException e) {
            if (SqlValues.uniqueViolation(e)) {
                throw Rejected.conflict("the import repeats a user principal name or a device external id"
                        + " already used by another record; nothing was imported");
            }
            throw e instanceof SQLException sql ? new StorageException(sql) : (RuntimeException) e;
        }
    }
}
