package io.latchkey.channel.android;

/**
 * The three ways a user's device enrolls (https://developers.google.com/android/management/provision-device):
 * a company device by QR code as fully managed (personal usage disallowed) or with a work profile
 * (personal usage allowed, Android 11+), or a personal device adding a work profile with the token.
 */
public enum EnrollmentKind {
    FULLY_MANAGED("fullyManaged", "PERSONAL_USAGE_DISALLOWED", true),
    WORK_PROFILE_COMPANY_OWNED("workProfileCompanyOwned", "PERSONAL_USAGE_ALLOWED", true),
    WORK_PROFILE_PERSONAL("workProfilePersonal", "PERSONAL_USAGE_ALLOWED", false);

    private final String wireName;
    private final String allowPersonalUsage;
    private final boolean qr;

    EnrollmentKind(String wireName, String allowPersonalUsage, boolean qr) {
        this.wireName = wireName;
        this.allowPersonalUsage = allowPersonalUsage;
        this.qr = qr;
    }

    public String wireName() {
        return wireName;
    }

    String allowPersonalUsage() {
        return allowPersonalUsage;
    }

    /** Provisioned by scanning a QR code at setup (company devices); a personal device opens the link. */
    public boolean qr() {
        return qr;
    }

    public static EnrollmentKind parse(String text) {
        for (EnrollmentKind k : values()) {
            if (k.wireName.equalsIgnoreCase(text) || k.name().equalsIgnoreCase(text)) {
                return k;
            }
        }
        throw new IllegalArgumentException("mode must be fullyManaged, workProfileCompanyOwned or workProfilePersonal");
    }
}
