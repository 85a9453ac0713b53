package io.latchkey.core.inventory;

import java.util.List;

/** Storage port: stores a whole validated import in one transaction, or nothing. */
public interface InventoryImport {

    /** Upserts all users, then all devices, atomically. */
    void storeAll(List<User> users, List<Device> devices);
}
