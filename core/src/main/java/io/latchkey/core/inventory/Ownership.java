package io.latchkey.core.inventory;

/** Who owns the device; Graph's {@code managedDeviceOwnerType}. */
public enum Ownership {
    COMPANY("company"),
    PERSONAL("personal");

    private final String wireName;

    Ownership(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Ownership parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("ownership is required");
        }
        for (Ownership o : values()) {
            if (o.wireName.equalsIgnoreCase(text.trim())) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown ownership '" + text.trim() + "' (expected company or personal)");
    }
}
