package io.latchkey.store.jdbc;

/** What every contract part needs: the storage under test, emptied before each test. */
public interface StorageFixture {
    JdbcStorage storage();

    /** "h2" or "postgresql", for the rare assertion that differs by vendor. */
    default String vendor() {
        return storage().vendor();
    }
}
