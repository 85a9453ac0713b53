package io.latchkey.server.android;

import io.latchkey.channel.android.AndroidEnrollment;
import io.latchkey.channel.android.EnrollmentKind;
import io.latchkey.channel.android.QrPng;
import io.latchkey.console.AndroidTokens;
import io.latchkey.core.audit.Actor;
import io.latchkey.core.enrollment.AndroidEnterprises;

import java.time.Duration;
import java.util.UUID;

/**
 * The console's Android enrollment, on the same {@link AndroidEnrollment#token} use case as the
 * API's {@code POST /api/v1/users/{id}/android-enrollment-tokens}, with the same token lifetime.
 */
public final class ConsoleAndroidTokens implements AndroidTokens {
    private final AndroidParts android;
    private final AndroidEnterprises enterprises;
    private final Duration lifetime;

    private ConsoleAndroidTokens(AndroidParts android, AndroidEnterprises enterprises, Duration lifetime) {
        this.android = android;
        this.enterprises = enterprises;
        this.lifetime = lifetime;
    }

    /** {@link AndroidTokens#OFF} when the channel is not configured. */
    public static AndroidTokens of(AndroidParts android, AndroidEnterprises enterprises, Duration lifetime) {
        return android == null ? AndroidTokens.OFF : new ConsoleAndroidTokens(android, enterprises, lifetime);
    }

    @Override
    public Availability availability() {
        return enterprises.current().isPresent() ? Availability.READY : Availability.UNBOUND;
    }

    @Override
    public Issued issue(UUID userId, Kind kind, Actor actor) {
        AndroidEnrollment.IssuedToken t = android.enrollment().token(userId, EnrollmentKind.parse(kind.wireName()),
                lifetime, actor);
        return new Issued(kind, t.qrContent(), t.enrollmentLink(), t.expiresAt());
    }

    @Override
    public byte[] qrPng(String content) {
        return QrPng.of(content);
    }
}
