package io.latchkey.channel.eas.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * One HTTP exchange as the gateway needs it, so it stays free of the web framework (the server's
 * route adapts Javalin/Jetty to it). Bodies are streams: nothing here makes the gateway hold a
 * whole mail body.
 */
public interface EasExchange {
    String method();

    /** The URI's query, still percent-encoded (the base64 form must reach Exchange unchanged). */
    String rawQuery();

    /** The request's headers, names as sent, for forwarding. */
    Map<String, List<String>> headers();

    /** One request header by case-insensitive name; null when absent. */
    String header(String name);

    /** The request's Content-Length, or -1 when not given. */
    long contentLength();

    InputStream requestBody() throws IOException;

    /** Sets the status and headers; called once, before {@link #responseBody()}. */
    void respond(int status, Map<String, List<String>> headers);

    OutputStream responseBody() throws IOException;
}
