package io.latchkey.channel.eas.http;

import java.util.List;

/** The protocol versions of MS-ASHTTP §2.2.1.1.2.6 ("2.5" … "16.1"). */
public final class ProtocolVersions {
    public static final List<String> ALL = List.of("2.5", "12.0", "12.1", "14.0", "14.1", "16.0", "16.1");

    private ProtocolVersions() {
    }

    /** "12.1" → 121; throws {@link EasRequestException} for a version the protocol does not define. */
    public static int number(String version) {
        if (version == null || !ALL.contains(version.trim())) {
            throw new EasRequestException("unsupported ActiveSync protocol version '" + version
                    + "' (expected one of " + String.join(", ", ALL) + ")");
        }
        String[] parts = version.trim().split("\\.");
        return Integer.parseInt(parts[0]) * 10 + Integer.parseInt(parts[1]);
    }

    /** 121 → "12.1", for the base64 query's version byte. */
    static String fromByte(int value) {
        String version = (value / 10) + "." + (value % 10);
        number(version);
        return version;
    }
}
