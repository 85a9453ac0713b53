package io.latchkey.server.config;

import java.nio.file.Path;
import java.util.Objects;

/** HTTPS served by Latchkey itself: the server's certificate and key in a PKCS#12 file. */
public record TlsSettings(Path keystore, String password) {
    public TlsSettings {
        Objects.requireNonNull(keystore, "keystore");
        password = password == null ? "" : password;
    }

    @Override
    public String toString() {
        return "TlsSettings[keystore=" + keystore + ", password=****]";
    }
}
