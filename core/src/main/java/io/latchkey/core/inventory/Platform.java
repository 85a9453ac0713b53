package io.latchkey.core.inventory;

/**
 * The operating system family a device runs. Editions that the capability matrix treats
 * differently are separate values (Windows RT, Windows phones); the rest is told apart by
 * {@link Device#osVersion()} (Windows 8.1 = 6.3 vs Windows 10/11 = 10.0, Windows Phone 8.x vs
 * Windows 10 Mobile).
 */
public enum Platform {
    IOS("iOS", true),
    IPADOS("iPadOS", true),
    MACOS("macOS", false),
    ANDROID("Android", true),
    /** Windows desktop: 8.1 (6.3) and 10/11 (10.0). */
    WINDOWS("Windows", false),
    /** Windows Phone 8 / 8.1 and Windows 10 Mobile. */
    WINDOWS_MOBILE("Windows Mobile", true),
    /** Windows RT and RT 8.1 (ARM tablets). */
    WINDOWS_RT("Windows RT", false),
    OTHER("Other", true);

    private final String displayName;
    private final boolean mobile;

    Platform(String displayName, boolean mobile) {
        this.displayName = displayName;
        this.mobile = mobile;
    }

    public String displayName() {
        return displayName;
    }

    /** Phones and tablets as opposed to computers (macOS, Windows desktop and RT). */
    public boolean mobile() {
        return mobile;
    }

    /** Accepts the enum name or the display name, case-insensitively ("ios", "Windows RT", "windows_rt"). */
    public static Platform parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("platform is required");
        }
        String t = text.trim();
        for (Platform p : values()) {
            if (p.name().equalsIgnoreCase(t) || p.displayName.equalsIgnoreCase(t)
                    || p.name().replace("_", "").equalsIgnoreCase(t.replace(" ", ""))) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown platform '" + t + "' (expected one of "
                + java.util.Arrays.toString(values()) + ")");
    }
}
