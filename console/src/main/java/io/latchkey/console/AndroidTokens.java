package io.latchkey.console;

import io.latchkey.core.audit.Actor;

import java.time.Instant;
import java.util.UUID;

/**
 * The console's narrow view of the Android channel's enrollment: the server wires it to the same
 * use case its API route drives, so the console knows nothing of Google's client or QR encoding.
 */
public interface AndroidTokens {
    /** Whether tokens can be issued now. */
    enum Availability {
        /** The channel is not configured (no service-account key). */
        OFF,
        /** The channel is configured but no Android Enterprise is bound yet. */
        UNBOUND,
        READY
    }

    /** Every way a device enrolls, by the API's wire name. */
    enum Kind {
        FULLY_MANAGED("fullyManaged"),
        WORK_PROFILE_COMPANY_OWNED("workProfileCompanyOwned"),
        WORK_PROFILE_PERSONAL("workProfilePersonal");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        /** The form's value read back; a clear refusal for anything else. */
        public static Kind parse(String wire) {
            for (Kind k : values()) {
                if (k.wireName.equals(wire)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("choose how the device enrolls: fully managed, work profile on a "
                    + "company-owned device or work profile on a personal device");
        }
    }

    /**
     * A token just issued. {@code qrContent} is what the QR code holds (the provisioning JSON for a
     * company device, the link for a personal one); it enrolls a device, so it is never logged.
     */
    record Issued(Kind kind, String qrContent, String enrollmentLink, Instant expiresAt) {
        @Override
        public String toString() {
            return "Issued[" + kind + ", expires " + expiresAt + "]";
        }
    }

    /** An adapter for a server without the Android channel. */
    AndroidTokens OFF = new AndroidTokens() {
        @Override
        public Availability availability() {
            return Availability.OFF;
        }

        @Override
        public Issued issue(UUID userId, Kind kind, Actor actor) {
            throw new IllegalStateException("the Android channel is off");
        }

        @Override
        public byte[] qrPng(String content) {
            throw new IllegalStateException("the Android channel is off");
        }
    };

    Availability availability();

    /** A one-time token for one of the user's devices, audited by the channel. */
    Issued issue(UUID userId, Kind kind, Actor actor);

    /** The QR code of {@code content} as a PNG image. */
    byte[] qrPng(String content);
}
