package io.latchkey.core.eas;

/**
 * What an EAS client says about itself in Settings / Provision {@code DeviceInformation} (MS-ASCMD
 * §2.2.3.51); any part may be null.
 */
public record DeviceInformation(String model, String os, String imei, String friendlyName) {
    public static final DeviceInformation NONE = new DeviceInformation(null, null, null, null);

    /** The parts this one has, and the other's where this one has none. */
    public DeviceInformation or(DeviceInformation older) {
        if (older == null) {
            return this;
        }
        return new DeviceInformation(model != null ? model : older.model, os != null ? os : older.os,
                imei != null ? imei : older.imei, friendlyName != null ? friendlyName : older.friendlyName);
    }
}
