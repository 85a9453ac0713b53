package io.latchkey.server.config;

import io.latchkey.channel.apple.push.ApnsSettings;
import io.latchkey.server.net.AddressRanges;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/** The Apple channel's part of {@link SettingsLoader}: APNs and the trusted proxy header. */
final class AppleSettingsLoader {

    private AppleSettingsLoader() {
    }

    /**
     * @param text   an option's value, or null
     * @param source where an option's value came from, for messages
     */
    static AppleChannelSettings load(Function<Option, String> text, Function<Option, String> source,
                                     List<String> problems) {
        ApnsSettings apns = apns(text, source, problems);
        String header = blank(text.apply(Option.APPLE_IDENTITY_HEADER));
        List<String> proxies = List.of();
        String rawProxies = blank(text.apply(Option.APPLE_IDENTITY_PROXIES));
        if (header != null && !header.matches("[A-Za-z0-9-]{1,64}")) {
            problems.add("apple.identity.header must be a header name such as Client-Cert, not '" + header + "' ("
                    + source.apply(Option.APPLE_IDENTITY_HEADER) + ")");
        }
        if (header != null && rawProxies == null) {
            problems.add("apple.identity.header needs apple.identity.proxies: the addresses of the proxies allowed "
                    + "to set it (otherwise any client could claim any device's certificate)");
        }
        if (rawProxies != null) {
            proxies = Arrays.stream(rawProxies.split(",")).map(String::trim).filter(p -> !p.isEmpty()).toList();
            for (String p : proxies) {
                if (!AddressRanges.valid(p)) {
                    problems.add("apple.identity.proxies: '" + p + "' is not an IP address or CIDR range ("
                            + source.apply(Option.APPLE_IDENTITY_PROXIES) + ")");
                }
            }
        }
        String signing = blank(text.apply(Option.APPLE_PROFILE_SIGNING_KEYSTORE));
        if (signing != null && !java.nio.file.Files.isRegularFile(Path.of(signing))) {
            problems.add(Option.APPLE_PROFILE_SIGNING_KEYSTORE.key() + ": " + signing + " does not exist or is not a file ("
                    + source.apply(Option.APPLE_PROFILE_SIGNING_KEYSTORE) + ")");
        }
        return new AppleChannelSettings(apns, header, header == null ? List.of() : proxies,
                signing == null ? null : Path.of(signing), text.apply(Option.APPLE_PROFILE_SIGNING_PASSWORD));
    }

    private static ApnsSettings apns(Function<Option, String> text, Function<Option, String> source,
                                     List<String> problems) {
        int rate;
        try {
            rate = Integer.parseInt(text.apply(Option.APPLE_APNS_RATE).trim());
        } catch (NumberFormatException e) {
            rate = 0;
        }
        if (rate < 1 || rate > 100_000) {
            problems.add("apple.apns.rate must be a whole number of pushes per second from 1 to 100000 ("
                    + source.apply(Option.APPLE_APNS_RATE) + ")");
        }
        String p12 = blank(text.apply(Option.APPLE_APNS_CERTIFICATE));
        String p8 = blank(text.apply(Option.APPLE_APNS_KEY));
        String trusted = blank(text.apply(Option.APPLE_APNS_TRUSTED_CERTIFICATE));
        int before = problems.size();
        for (Option file : List.of(Option.APPLE_APNS_CERTIFICATE, Option.APPLE_APNS_KEY,
                Option.APPLE_APNS_TRUSTED_CERTIFICATE)) {
            String path = blank(text.apply(file));
            if (path != null && !java.nio.file.Files.isRegularFile(Path.of(path))) {
                problems.add(file.key() + ": " + path + " does not exist or is not a file (" + source.apply(file) + ")");
            }
        }
        if ((p12 == null && p8 == null) || problems.size() > before || rate < 1 || rate > 100_000) {
            return null;
        }
        String server = text.apply(Option.APPLE_APNS_SERVER).trim();
        String host;
        int port = ApnsSettings.DEFAULT_PORT;
        switch (server.toLowerCase(java.util.Locale.ROOT)) {
            case "production" -> host = ApnsSettings.PRODUCTION_HOST;
            case "sandbox" -> host = ApnsSettings.SANDBOX_HOST;
            default -> {
                int colon = server.lastIndexOf(':');
                host = colon > 0 ? server.substring(0, colon) : server;
                try {
                    port = colon > 0 ? Integer.parseInt(server.substring(colon + 1)) : port;
                } catch (NumberFormatException e) {
                    port = -1;
                }
            }
        }
        String password = text.apply(Option.APPLE_APNS_CERTIFICATE_PASSWORD);
        try {
            return new ApnsSettings(host, port, p12 == null ? null : Path.of(p12),
                    p12 == null ? null : (password == null ? "" : password).toCharArray(),
                    p8 == null ? null : Path.of(p8), blank(text.apply(Option.APPLE_APNS_TEAM_ID)),
                    blank(text.apply(Option.APPLE_APNS_KEY_ID)), trusted == null ? null : Path.of(trusted),
                    rate, Math.max(ApnsSettings.DEFAULT_MAX_IN_FLIGHT, rate), ApnsSettings.DEFAULT_MAX_RETRY_AGE);
        } catch (IllegalArgumentException e) {
            problems.add("apple.apns.server / certificate / key: " + e.getMessage() + " (server "
                    + source.apply(Option.APPLE_APNS_SERVER) + ", credentials "
                    + source.apply(p12 != null ? Option.APPLE_APNS_CERTIFICATE : Option.APPLE_APNS_KEY) + ")");
            return null;
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
