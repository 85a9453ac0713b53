package io.latchkey.simulator.android;

/**
 * How a simulated device is managed: AMAPI's {@code managementMode} and {@code ownership}
 * (https://developers.google.com/android/management/reference/rest/v1/enterprises.devices).
 */
public enum AndroidProfile {
    /** Device owner on a company device (QR provisioning, personal usage disallowed). */
    FULLY_MANAGED("DEVICE_OWNER", "COMPANY_OWNED"),
    /** Work profile on a company-owned device (QR provisioning, personal usage allowed; Android 11+). */
    WORK_PROFILE_COMPANY_OWNED("PROFILE_OWNER", "COMPANY_OWNED"),
    /** Work profile on the user's own device (the enrollment token typed or opened as a link). */
    WORK_PROFILE_PERSONAL("PROFILE_OWNER", "PERSONALLY_OWNED");

    private final String managementMode;
    private final String ownership;

    AndroidProfile(String managementMode, String ownership) {
        this.managementMode = managementMode;
        this.ownership = ownership;
    }

    public String managementMode() {
        return managementMode;
    }

    public String ownership() {
        return ownership;
    }

    public boolean workProfile() {
        return this != FULLY_MANAGED;
    }

    public boolean companyOwned() {
        return this != WORK_PROFILE_PERSONAL;
    }

    /**
     * Whether a token made with this {@code allowPersonalUsage} enrolls a device this way: a token
     * that disallows personal usage makes a fully managed device and refuses personal devices; one
     * that allows it makes a company-owned device a work profile.
     */
    boolean acceptsToken(String allowPersonalUsage) {
        boolean allowed = "PERSONAL_USAGE_ALLOWED".equals(allowPersonalUsage);
        boolean disallowed = "PERSONAL_USAGE_DISALLOWED".equals(allowPersonalUsage);
        return switch (this) {
            case FULLY_MANAGED -> !allowed;
            case WORK_PROFILE_COMPANY_OWNED -> allowed;
            case WORK_PROFILE_PERSONAL -> !disallowed;
        };
    }
}
