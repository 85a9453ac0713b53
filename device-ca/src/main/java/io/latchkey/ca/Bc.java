package io.latchkey.ca;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

import java.security.Provider;

/**
 * One BouncyCastle provider instance passed explicitly to every builder, rather than registered
 * with {@code Security.addProvider}: the JVM-wide provider list stays as the server configured it.
 */
public final class Bc {

    public static final Provider PROVIDER = new BouncyCastleProvider();

    private Bc() {
    }
}
