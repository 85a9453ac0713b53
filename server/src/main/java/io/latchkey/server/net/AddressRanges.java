package io.latchkey.server.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A set of IP addresses and CIDR ranges ("10.0.0.0/8", "192.0.2.7", "::1"), for deciding whether a
 * request came from a trusted proxy. Literal addresses only: a host name here would make trust
 * depend on DNS.
 */
public final class AddressRanges {
    /** Compiled once: String.matches compiled them again on every device request (a tenth of an Idle check-in). */
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[0-9A-Za-z]+)?");
    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    private final List<Range> ranges;

    private record Range(byte[] network, int bits) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >>> (i % 8);
                if ((address[i / 8] & mask) != (network[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private AddressRanges(List<Range> ranges) {
        this.ranges = ranges;
    }

    /** @throws IllegalArgumentException for anything {@link #valid} refuses */
    public static AddressRanges of(List<String> specs) {
        return new AddressRanges(specs.stream().map(AddressRanges::parse).toList());
    }

    public static boolean valid(String spec) {
        try {
            parse(spec);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public boolean contains(String address) {
        if (address == null || !literal(address)) {
            return false;
        }
        try {
            byte[] a = InetAddress.getByName(address).getAddress();
            return ranges.stream().anyMatch(r -> r.contains(a));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static Range parse(String spec) {
        String s = spec.trim();
        int slash = s.indexOf('/');
        String host = slash < 0 ? s : s.substring(0, slash);
        if (!literal(host)) {
            throw new IllegalArgumentException("not an IP address: " + spec);
        }
        try {
            byte[] network = InetAddress.getByName(host).getAddress();
            int bits = slash < 0 ? network.length * 8 : Integer.parseInt(s.substring(slash + 1));
            if (bits < 0 || bits > network.length * 8) {
                throw new IllegalArgumentException("bad prefix length: " + spec);
            }
            return new Range(network, bits);
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("not an IP address or CIDR range: " + spec);
        }
    }

    /**
     * A dotted-quad IPv4 address (each part 0 to 255) or an IPv6 address (it has a colon), so
     * InetAddress parses it and never asks DNS: a name such as {@code cafe.de} is refused here.
     */
    private static boolean literal(String host) {
        if (host.contains(":")) {
            return IPV6.matcher(host).matches();
        }
        if (!IPV4.matcher(host).matches()) {
            return false;
        }
        for (String part : host.split("\\.")) { // a one-character split takes String's fast path, no regex
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }
}
