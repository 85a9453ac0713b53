package io.latchkey.store.jdbc;

/**
 * The storage contract on PostgreSQL, in a fresh schema of LATCHKEY_TEST_PG_URL; skipped loudly
 * when PostgreSQL is unreachable, failed instead when CI=true or LATCHKEY_REQUIRE_PG=1.
 */
class PostgresStorageTest extends StorageContract {
    @Override
    protected TestDatabases.Database openDatabase() {
        return TestDatabases.postgres();
    }
}
