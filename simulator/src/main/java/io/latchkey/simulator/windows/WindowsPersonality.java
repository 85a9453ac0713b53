package io.latchkey.simulator.windows;

/**
 * What a simulated Windows device is, as it says so on the wire: in discovery and enrollment
 * ({@code DeviceType}, {@code OSEdition}, {@code ApplicationVersion}, {@code RequestVersion}; shared/reference/windows-mdm.md
 * §1.1, real values in shared/fixtures/windows) and in the DevInfo/DevDetail trees read over OMA-DM (§2.3),
 * and what it supports of remote lock, PIN reset and wipe (§3.1, §3.3, §4).
 *
 * <p>Version strings and OSEdition numbers other than the captured Windows 10 desktop's follow each
 * platform's published builds and {@code GetProductInfo} product types; the exact values a Windows Phone 8.1
 * or a Windows 8.1 client sends are unverified (reference §7), as is whether 8.1 enrolled with request version 3.0.
 */
public enum WindowsPersonality {

    /** Windows 11 23H2 Pro on a laptop. RemoteLock's DDF applies (1511+) but ConfigMgr never offered PIN reset on desktops. */
    WINDOWS_11_DESKTOP("CIMClient_Windows", "10.0.22631.3880", "48", "4.0", "Microsoft Corporation", "Surface Laptop 5",
            "1.3", Form.DESKTOP, "Windows 11 Pro", "AMD64", true, true),
    /** Windows 10 Mobile (1703, Creators Update) on a Lumia 950. */
    WINDOWS_10_MOBILE("WindowsPhone", "10.0.15063.1418", "104", "4.0", "Microsoft", "Lumia 950",
            "1.3", Form.PHONE, "Windows 10 Mobile", "ARM", true, false),
    /** Windows Phone 8.1 (Update 2) on a Lumia 930. */
    WINDOWS_PHONE_81("WindowsPhone", "8.10.15148.160", "0", "3.0", "NOKIA", "Lumia 930",
            "1.2", Form.PHONE, "Windows Phone 8.1", "ARM", true, false),
    /** Windows 8.1 Pro on a ThinkPad: remote lock is the workstation lock, only for the enrolled user (§4). */
    WINDOWS_81("CIMClient_Windows", "6.3.9600.17031", "48", "3.0", "LENOVO", "20AR001GUS",
            "1.2", Form.LEGACY_DESKTOP, "Windows 8.1 Pro", "AMD64", false, false),
    /** Windows RT 8.1 on a Surface 2: as Windows 8.1, on ARM. */
    WINDOWS_RT_81("CIMClient_Windows", "6.3.9600.17031", "97", "3.0", "Microsoft Corporation", "Surface 2",
            "1.2", Form.LEGACY_DESKTOP, "Windows RT 8.1", "ARM", false, false);

    /** How lock and PIN reset behave: the editions' rows of the ConfigMgr table (reference §3.1). */
    public enum Form {
        /** Windows Phone 8/8.1, Windows 10 Mobile: RemoteLock Lock and LockAndResetPIN/NewPINValue. */
        PHONE,
        /** Windows 10/11: RemoteLock Lock (405 without a PIN); LockAndResetPIN refused 405. */
        DESKTOP,
        /** Windows 8.1, RT 8.1: lock only when the enrolled user is signed in; no RemoteLock PIN nodes (404). */
        LEGACY_DESKTOP
    }

    private final String deviceType;
    private final String osVersion;
    private final String osEdition;
    private final String requestVersion;
    private final String manufacturer;
    private final String model;
    private final String dmVersion;
    private final Form form;
    private final String osPlatform;
    private final String processorArchitecture;
    private final boolean doWipe;
    private final boolean doWipeProtected;

    WindowsPersonality(String deviceType, String osVersion, String osEdition, String requestVersion,
                       String manufacturer, String model, String dmVersion, Form form, String osPlatform,
                       String processorArchitecture, boolean doWipe, boolean doWipeProtected) {
        this.deviceType = deviceType;
        this.osVersion = osVersion;
        this.osEdition = osEdition;
        this.requestVersion = requestVersion;
        this.manufacturer = manufacturer;
        this.model = model;
        this.dmVersion = dmVersion;
        this.form = form;
        this.osPlatform = osPlatform;
        this.processorArchitecture = processorArchitecture;
        this.doWipe = doWipe;
        this.doWipeProtected = doWipeProtected;
    }

    /** Discover and AdditionalContext {@code DeviceType}: "CIMClient_Windows" or "WindowsPhone". */
    public String deviceType() {
        return deviceType;
    }

    /** {@code OSVersion}, {@code ApplicationVersion} and DevDetail {@code SwV}. */
    public String osVersion() {
        return osVersion;
    }

    public String applicationVersion() {
        return osVersion;
    }

    /** {@code OSEdition}: the product type number (72 in the capture: Enterprise Evaluation). */
    public String osEdition() {
        return osEdition;
    }

    /** Discover {@code RequestVersion}: 4.0 for Windows 10 and later (capture), 3.0 for the 8.1 family. */
    public String requestVersion() {
        return requestVersion;
    }

    /** DevInfo {@code Man} and DevDetail {@code OEM}. */
    public String manufacturer() {
        return manufacturer;
    }

    /** DevInfo {@code Mod}. */
    public String model() {
        return model;
    }

    /** DevInfo {@code DmV}: "1.3" as captured for Windows 10. */
    public String dmVersion() {
        return dmVersion;
    }

    public Form form() {
        return form;
    }

    public boolean isPhone() {
        return form == Form.PHONE;
    }

    /** DevDetail {@code Ext/Microsoft/OSPlatform}. */
    public String osPlatform() {
        return osPlatform;
    }

    /** DevDetail {@code Ext/Microsoft/ProcessorArchitecture}. */
    public String processorArchitecture() {
        return processorArchitecture;
    }

    /** DevDetail {@code DevTyp}. */
    public String devTyp() {
        return isPhone() ? "Phone" : "Desktop";
    }

    /** Whether {@code RemoteWipe/doWipe} exists: Windows 10 1511+ and phones; not documented on 8.1 (§3.3). */
    public boolean supportsDoWipe() {
        return doWipe;
    }

    /** Whether {@code RemoteWipe/doWipeProtected} exists: Windows 10 1703+ desktops. */
    public boolean supportsDoWipeProtected() {
        return doWipeProtected;
    }

    /** The {@code Platform} the OMA-DM client appends to ADDR; the capture's Windows 10 desktop sends "WoA". */
    public String platformQuery() {
        return "WoA";
    }
}
