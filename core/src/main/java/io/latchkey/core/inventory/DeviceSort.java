package io.latchkey.core.inventory;

/** Orders a device list supports with keyset paging; every order ends on the id to be total. */
public enum DeviceSort {
    NAME, LAST_CHECK_IN, ENROLLED
}
