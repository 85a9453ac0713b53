package io.latchkey.store.jdbc;

import io.latchkey.core.access.Role;
import io.latchkey.core.access.Scope;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** An upgrade to V13 keeps every existing administrator in full power, so nobody is locked out. */
class RolesUpgradeTest {
    @TempDir
    Path dir;

    @Test
    void adminsFromBeforeRolesBecomeAdministratorsOverAllDevices() throws Exception {
        UUID id = UUID.randomUUID();
        try (JdbcStorage storage = JdbcStorage.open(new JdbcStorage.Settings(JdbcStorage.h2FileUrl(dir), "sa", "", 2))) {
            Flyway.configure(JdbcStorage.class.getClassLoader()).dataSource(storage.dataSource())
                    .locations("classpath:db/migration/common", "classpath:db/migration/h2").target("12").load()
                    .migrate();
            try (Connection c = storage.dataSource().getConnection(); Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO admin (id, name, created_at) VALUES ('" + id
                        + "', 'old-admin', CURRENT_TIMESTAMP)");
            }
            storage.migrate();
            assertThat(storage.roleAssignments().of(id)).singleElement().satisfies(a -> {
                assertThat(a.roleName()).isEqualTo(Role.ADMINISTRATOR);
                assertThat(a.scope()).isEqualTo(Scope.ALL);
            });
        }
    }
}
