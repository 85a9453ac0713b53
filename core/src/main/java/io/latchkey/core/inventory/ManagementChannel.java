package io.latchkey.core.inventory;

/**
 * How a device is managed, with the names Microsoft Graph uses for {@code managementAgent}.
 * A device managed both by EAS and by MDM ({@link #EAS_MDM}) takes the MDM row of the
 * capability matrix (product spec section 2).
 */
public enum ManagementChannel {
    MDM("mdm"),
    EAS("eas"),
    EAS_MDM("easMdm"),
    PC_AGENT("pcAgent");

    private final String wireName;

    ManagementChannel(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public boolean viaMdm() {
        return this == MDM || this == EAS_MDM;
    }

    public boolean viaEas() {
        return this == EAS || this == EAS_MDM;
    }

    public static ManagementChannel parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("management channel is required");
        }
        for (ManagementChannel c : values()) {
            if (c.wireName.equalsIgnoreCase(text.trim()) || c.name().equalsIgnoreCase(text.trim())) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown management channel '" + text.trim()
                + "' (expected mdm, eas, easMdm or pcAgent)");
    }
}
