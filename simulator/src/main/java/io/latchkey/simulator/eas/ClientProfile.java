package io.latchkey.simulator.eas;

/**
 * The habits of real mail apps on the wire: User-Agent, DeviceType, the highest protocol version
 * they speak, whether they use the base64 query (MS-ASHTTP §2.2.1.1.1.1), and the
 * DeviceInformation they report (MS-ASCMD §2.2.3.51: Model, IMEI, FriendlyName, OS).
 */
public enum ClientProfile {
    IOS_MAIL("Apple-iPhone15C2/2104.45", "iPhone", "16.1", false, "iPhone15C2", "iOS 17.4 21E219", "Apple"),
    OUTLOOK_IOS("Outlook-iOS/709.2189947.prod.iphone (4.2411.0)", "Outlook", "16.1", false, "iPhone14C5",
            "iOS 17.3", "Microsoft"),
    OUTLOOK_ANDROID("Outlook-Android/2.0", "Android", "16.1", false, "Pixel 8", "Android 14", "Microsoft"),
    SAMSUNG_EMAIL("SAMSUNG-SM-G991B/101.140101", "SAMSUNGSMG991B", "14.1", false, "SM-G991B", "Android 13",
            "Samsung"),
    /** An older Android Exchange client: protocol 12.1, base64 query, no DeviceInformation (12.1 has none). */
    ANDROID_EAS_12("Android/4.4.2-EAS-1.3", "Android", "12.1", true, null, null, null);

    private final String userAgent;
    private final String deviceType;
    private final String version;
    private final boolean base64;
    private final String model;
    private final String os;
    private final String maker;

    ClientProfile(String userAgent, String deviceType, String version, boolean base64, String model, String os,
                  String maker) {
        this.userAgent = userAgent;
        this.deviceType = deviceType;
        this.version = version;
        this.base64 = base64;
        this.model = model;
        this.os = os;
        this.maker = maker;
    }

    public String userAgent() {
        return userAgent;
    }

    public String deviceType() {
        return deviceType;
    }

    public String version() {
        return version;
    }

    public boolean base64() {
        return base64;
    }

    public String model() {
        return model;
    }

    public String os() {
        return os;
    }

    public String maker() {
        return maker;
    }
}
