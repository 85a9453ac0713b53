package io.latchkey.core.inventory;

/**
 * Storage port: devices selected by a {@link DeviceCondition}, for query languages richer than
 * {@link DeviceFilter} (the Graph API's {@code $filter}). The condition is evaluated by the store,
 * so a page costs an index walk and not a scan of the inventory in the application.
 */
public interface DeviceSearch {

    /**
     * One page in {@code order}. {@code cursor} is null for the first page, which may skip
     * {@code skip} devices first; a cursor from an earlier page continues after its last device,
     * so devices added meanwhile never shift a page (keyset paging).
     */
    Page<Device> page(DeviceCondition where, DeviceOrder order, String cursor, int skip, int limit);

    /** How many devices the condition selects. */
    long count(DeviceCondition where);
}
