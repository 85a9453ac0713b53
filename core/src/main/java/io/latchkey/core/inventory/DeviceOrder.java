package io.latchkey.core.inventory;

import java.util.Objects;

/** The order of a {@link DeviceSearch} page: one sortable field, then the id, the same direction. */
public record DeviceOrder(DeviceField field, boolean descending) {
    public static final DeviceOrder BY_ID = new DeviceOrder(DeviceField.ID, false);

    public DeviceOrder {
        Objects.requireNonNull(field, "field");
        if (!field.sortable()) {
            throw new IllegalArgumentException("devices cannot be sorted by " + field);
        }
    }
}
