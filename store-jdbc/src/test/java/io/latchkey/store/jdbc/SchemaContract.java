package io.latchkey.store.jdbc;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Migrations, readiness and the pool. */
public interface SchemaContract extends StorageFixture {

    @Test
    default void migratedStorageIsReadyAndMigrateAgainChangesNothing() throws Exception {
        assertThat(storage().ready()).isTrue();
        assertThat(storage().vendor()).isIn("h2", "postgresql", "sqlite");
        storage().migrate();
        assertThat(storage().ready()).isTrue();
        try (Connection c = storage().dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM device")) {
            assertThat(rs.next()).isTrue();
        }
    }
}
