package io.latchkey.core.eas;

/**
 * Whether a device may sync mail through the gateway (the allow / block / quarantine of Exchange's
 * device access rules and of EAS gateways, shared/reference/android-and-eas.md §5.5). Quarantined:
 * the device may report itself (Settings, Provision) but gets no mail until an administrator decides.
 */
public enum EasAccess {
    ALLOWED("allowed"), BLOCKED("blocked"), QUARANTINED("quarantined");

    private final String wireName;

    EasAccess(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Accepts allowed/allow, blocked/block, quarantined/quarantine, case-insensitively. */
    public static EasAccess parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (t) {
            case "allow", "allowed" -> ALLOWED;
            case "block", "blocked" -> BLOCKED;
            case "quarantine", "quarantined" -> QUARANTINED;
            default -> throw new IllegalArgumentException("unknown EAS access '" + text
                    + "' (expected allow, quarantine or block)");
        };
    }
}
