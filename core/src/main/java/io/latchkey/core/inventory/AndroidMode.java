package io.latchkey.core.inventory;

/**
 * How Google's Android Management API manages an Android device. Device-administrator mode is
 * deliberately absent: it cannot change an existing passcode from Android 7 on (product spec
 * section 2), so Latchkey does not offer it.
 */
public enum AndroidMode {
    /** Device owner, a person's company phone. */
    FULLY_MANAGED("fullyManaged"),
    /** Device owner, a kiosk or shared device. */
    DEDICATED("dedicated"),
    /** Profile owner of a work profile (company-owned or personal). */
    WORK_PROFILE("workProfile");

    private final String wireName;

    AndroidMode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public boolean deviceOwner() {
        return this != WORK_PROFILE;
    }

    public static AndroidMode parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("Android management mode is required");
        }
        for (AndroidMode m : values()) {
            if (m.wireName.equalsIgnoreCase(text.trim()) || m.name().equalsIgnoreCase(text.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown Android management mode '" + text.trim()
                + "' (expected fullyManaged, dedicated or workProfile)");
    }
}
