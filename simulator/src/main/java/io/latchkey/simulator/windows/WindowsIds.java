package io.latchkey.simulator.windows;

import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * A device's fixed identifiers, drawn from its seeded generator in the captured formats
 * (shared/fixtures/windows): DeviceID 32 upper-case hex ({@code B5B954E81FBCB94EB79BD08BE625F4EE}),
 * HWDevID 64 upper-case hex, a desktop's name {@code DESKTOP-} and seven characters, MACs
 * {@code 00-0C-29-51-60-9D}.
 */
record WindowsIds(String deviceId, String hwDevId, String deviceName, List<String> macs) {

    private static final String NAME_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    static WindowsIds generate(WindowsPersonality personality, RandomGenerator random) {
        String deviceId = hex(random, 16);
        String hwDevId = hex(random, 32);
        StringBuilder name = new StringBuilder(personality.isPhone() ? "Windows Phone " : "DESKTOP-");
        for (int i = 0; i < 7; i++) {
            name.append(NAME_CHARS.charAt(random.nextInt(NAME_CHARS.length())));
        }
        List<String> macs = List.of(mac(random), mac(random));
        return new WindowsIds(deviceId, hwDevId, name.toString(), macs);
    }

    /** A version 4 GUID from {@code random}, upper case as Windows writes them in the CSR subject. */
    static String guid(RandomGenerator random) {
        long hi = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(hi, lo).toString().toUpperCase();
    }

    static String hex(RandomGenerator random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().withUpperCase().formatHex(b);
    }

    private static String mac(RandomGenerator random) {
        byte[] b = new byte[6];
        random.nextBytes(b);
        b[0] = (byte) (b[0] & 0xFC);  // unicast, globally administered
        return HexFormat.ofDelimiter("-").withUpperCase().formatHex(b);
    }
}
