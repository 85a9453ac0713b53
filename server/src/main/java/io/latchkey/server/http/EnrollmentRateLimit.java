package io.latchkey.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.latchkey.server.apple.AppleEnrollment;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A fixed-window limit per client address on the endpoints a device reaches before it has an
 * identity (Apple profile and SCEP, Windows discovery, policy and enrollment): they take enrollment
 * codes and run CSR checks and certificate signing, so they are what an unauthenticated guesser or a
 * flood aims at (docs/security.md, boundaries 3 and 4). One enrollment takes about five requests, so
 * the default of 600 a minute lets a whole office behind one NAT enroll and stops a script.
 * Over the limit: 429 with Retry-After (RFC 6585 §4), nothing read or stored.
 */
final class EnrollmentRateLimit {
    static final long WINDOW_NANOS = 60_000_000_000L;
    private static final int MAX_ADDRESSES = 100_000;

    private final int perMinute;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    private static final class Window {
        long start;
        int count;
    }

    EnrollmentRateLimit(int perMinute, LongSupplier nanoTime) {
        this.perMinute = perMinute;
        this.nanoTime = nanoTime;
    }

    static void register(RoutesConfig routes, int perMinute) {
        if (perMinute <= 0) {
            return;
        }
        EnrollmentRateLimit limit = new EnrollmentRateLimit(perMinute, System::nanoTime);
        for (String path : new String[]{AppleEnrollment.SCEP_PATH, AppleEnrollment.PROFILE_PATH,
                WindowsRoutes.DISCOVERY, WindowsRoutes.POLICY, WindowsRoutes.ENROLLMENT}) {
            routes.before(path, limit::check);
        }
    }

    void check(Context ctx) {
        long wait = secondsToWait(ctx.ip());
        if (wait > 0) {
            ctx.header("Retry-After", Long.toString(wait));
            ctx.skipRemainingHandlers();
            ctx.status(HttpStatus.TOO_MANY_REQUESTS).result("too many enrollment requests from this address; retry later");
        }
    }

    /** 0 when the request may go on; otherwise the whole seconds until this address's window ends. */
    long secondsToWait(String address) {
        long now = nanoTime.getAsLong();
        if (windows.size() > MAX_ADDRESSES) {
            windows.clear(); // bounded memory: addresses are the caller's to choose (IPv6)
        }
        Window w = windows.computeIfAbsent(address, a -> {
            Window fresh = new Window();
            fresh.start = now;
            return fresh;
        });
        synchronized (w) {
            if (now - w.start >= WINDOW_NANOS) {
                w.start = now;
                w.count = 0;
            }
            if (w.count < perMinute) {
                w.count++;
                return 0;
            }
            return Math.max(1, (w.start + WINDOW_NANOS - now + 999_999_999L) / 1_000_000_000L);
        }
    }
}
