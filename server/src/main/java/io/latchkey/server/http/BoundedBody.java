package io.latchkey.server.http;

import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;

/** Device request bodies read with a bound. */
final class BoundedBody {
    /** Beyond this an oversized body is not read to its end; the connection is closed instead. */
    private static final long MAX_DRAIN_BYTES = 64L * 1024 * 1024;

    private BoundedBody() {
    }

    /**
     * The body, or null when it is larger than {@code max}. An oversized body is read and dropped
     * (up to 64 MB) before the caller answers 413: answering with the body unread makes Jetty close
     * the connection, and the client may see the reset, not the 413.
     */
    static byte[] read(Context ctx, int max) throws IOException {
        InputStream in = ctx.req().getInputStream();
        byte[] body = in.readNBytes(max + 1);
        if (body.length <= max) {
            return body;
        }
        long drained = 0;
        while (drained < MAX_DRAIN_BYTES) {
            long n = in.skip(MAX_DRAIN_BYTES - drained);
            if (n <= 0) {
                if (in.read() < 0) {
                    break;
                }
                n = 1;
            }
            drained += n;
        }
        return null;
    }
}
