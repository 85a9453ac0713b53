package io.latchkey.store.jdbc;

/** SPIKE: the storage contract on embedded SQLite, in a fresh temporary directory. */
class SqliteStorageTest extends StorageContract {
    @Override
    protected TestDatabases.Database openDatabase() {
        return TestDatabases.sqlite();
    }
}
