package io.latchkey.store.jdbc;

/** The storage contract on embedded H2, in a fresh temporary directory. */
class H2StorageTest extends StorageContract {
    @Override
    protected TestDatabases.Database openDatabase() {
        return TestDatabases.h2();
    }
}
