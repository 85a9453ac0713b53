package io.latchkey.simulator.apple;

import java.util.HexFormat;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * A device's fixed identifiers, drawn from its seeded generator in the formats real devices use:
 * an iOS/iPadOS UDID is the SoC id and the ECID ({@code 00008120-001A2B3C4D5E801E}), a Mac's is its
 * hardware UUID (compare shared/fixtures/apple/Authenticate.2.plist); serials are ten characters,
 * as Apple has issued them since 2021.
 */
record DeviceIds(String udid, String serialNumber, String deviceName, String wifiMac, String bluetoothMac) {

    private static final String SERIAL_CHARS = "0123456789CDFGHJKLMNPQRTVWXY";

    static DeviceIds generate(AppleModel model, RandomGenerator random) {
        String udid = model.isMac() ? uuid(random)
                : String.format("%08X-%016X", model.chipId(), random.nextLong() & 0x00FF_FFFF_FFFF_FFFFL);
        StringBuilder serial = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            serial.append(SERIAL_CHARS.charAt(random.nextInt(SERIAL_CHARS.length())));
        }
        String name = model.modelName() + " (" + serial.substring(6) + ")";
        return new DeviceIds(udid, serial.toString(), name, mac(random), mac(random));
    }

    /** A version 4 UUID from {@code random}, upper case as Apple writes them. */
    static String uuid(RandomGenerator random) {
        long hi = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(hi, lo).toString().toUpperCase();
    }

    static byte[] bytes(RandomGenerator random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static String mac(RandomGenerator random) {
        return HexFormat.ofDelimiter(":").formatHex(bytes(random, 6));
    }
}
