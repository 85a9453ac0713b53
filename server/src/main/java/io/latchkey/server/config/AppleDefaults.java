package io.latchkey.server.config;

/** Defaults of the Apple channel settings that are not plain literals. */
public final class AppleDefaults {
    /**
     * A syntactically valid topic that no push certificate has: profiles carry it until the
     * operator sets the topic of their APNs certificate (push is not wired yet, issue 3 item 6).
     */
    public static final String PLACEHOLDER_TOPIC = "com.apple.mgmt.External.00000000-0000-0000-0000-000000000000";

    private AppleDefaults() {
    }
}
