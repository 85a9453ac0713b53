package io.latchkey.core.inventory;

/** Reads dotted version strings as devices report them ("10.0.22631.2861", "6.3", "17.4.1", "16.1"). */
public final class OsVersion {
    private OsVersion() {
    }

    public static int major(String version) {
        return part(version, 0);
    }

    public static int minor(String version) {
        return part(version, 1);
    }

    /** True when {@code version} is at least {@code major.minor}; an unreadable version is not. */
    public static boolean atLeast(String version, int major, int minor) {
        if (version == null || version.strip().isEmpty() || !Character.isDigit(version.strip().charAt(0))) {
            return false;
        }
        int ma = major(version);
        return ma > major || (ma == major && minor(version) >= minor);
    }

    private static int part(String version, int index) {
        if (version == null) {
            return 0;
        }
        String[] parts = version.trim().split("\\.");
        if (index >= parts.length) {
            return 0;
        }
        String part = parts[index];
        int end = 0;
        while (end < part.length() && part.charAt(end) >= '0' && part.charAt(end) <= '9') {
            end++; // the leading ASCII digits only: "4b1" → 4, "2028\n!" → 2028, "!" → 0
        }
        return end == 0 || end > 6 ? 0 : Integer.parseInt(part.substring(0, end));
    }

    /**
     * A key whose text order is the version order: the first four numeric parts, each zero-padded
     * to 7 digits ("10.0.19045" → "0000010.0000000.0019045.0000000"); missing parts count as 0.
     */
    public static String sortKey(String version) {
        StringBuilder key = new StringBuilder(31);
        for (int i = 0; i < 4; i++) {
            if (i > 0) {
                key.append('.');
            }
            String n = Integer.toString(part(version, i));
            key.append("0".repeat(7 - n.length())).append(n);
        }
        return key.toString();
    }
}
