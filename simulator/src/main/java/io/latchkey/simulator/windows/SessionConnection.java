package io.latchkey.simulator.windows;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One mutual-TLS connection held for one OMA-DM session and closed when it ends, as a Windows device
 * does: it connects when a push or its poll schedule starts a session, not before, and keeps nothing
 * open between sessions. The device's {@link SSLContext} outlives its connections, so a later session
 * resumes the TLS session (RFC 8446 §2.2) instead of signing a new full handshake each time.
 *
 * <p>Why not {@link java.net.http.HttpClient}: it needs one client per certificate, and each client
 * keeps a selector thread and idle connections; a simulated fleet of 10,000 devices in one process
 * then runs out of file descriptors. HTTP/1.1 over a plain socket is all a device speaks here.
 */
public final class SessionConnection implements AutoCloseable {

    private static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

    private final Socket raw;
    private final SSLSocket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String authority;
    private boolean open = true;

    private SessionConnection(Socket raw, SSLSocket socket, String authority) throws IOException {
        this.raw = raw;
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        this.out = socket.getOutputStream();
        this.authority = authority;
    }

    /**
     * Connects and completes the TLS handshake (resuming a session {@code tls} has cached for this
     * host, if any). Public so that benchmarks can measure a bare endpoint the same way.
     */
    public static SessionConnection open(SSLContext tls, URI uri, int timeoutMillis) throws IOException {
        String host = uri.getHost();
        int port = uri.getPort() < 0 ? 443 : uri.getPort();
        Socket raw = new Socket();
        try {
            raw.setTcpNoDelay(true);
            raw.connect(new InetSocketAddress(host, port), timeoutMillis);
            raw.setSoTimeout(timeoutMillis);
            SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(raw, host, port, true);
            SSLParameters p = s.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            if (!Character.isDigit(host.charAt(0)) && !host.contains(":")) {
                p.setServerNames(List.of(new SNIHostName(host)));
            }
            s.setSSLParameters(p);
            s.startHandshake();
            return new SessionConnection(raw, s, uri.getPort() < 0 ? host : host + ":" + port);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** False once the server said {@code Connection: close} or the stream broke. */
    boolean isOpen() {
        return open && !socket.isClosed();
    }

    /** A GET with no body; returns the status code (the body is read and dropped). */
    public int get(URI uri) throws IOException {
        return exchange("GET", uri, Map.of(), null).status();
    }

    WindowsDeviceHttp.Reply post(URI uri, Map<String, String> headers, byte[] body) throws IOException {
        return exchange("POST", uri, headers, body);
    }

    private WindowsDeviceHttp.Reply exchange(String method, URI uri, Map<String, String> headers, byte[] body)
            throws IOException {
        StringBuilder h = new StringBuilder(512);
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        h.append(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: ").append(authority)
                .append("\r\n");
        if (body != null) {
            h.append("Content-Length: ").append(body.length).append("\r\n");
        }
        headers.forEach((k, v) -> h.append(k).append(": ").append(v).append("\r\n"));
        h.append("\r\n");
        try {
            out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return read();
        } catch (IOException e) {
            open = false;
            throw e;
        }
    }

    private WindowsDeviceHttp.Reply read() throws IOException {
        String status = line();
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.1 status line: " + status);
        }
        int code = Integer.parseInt(parts[1]);
        long length = -1;
        boolean chunked = false;
        String contentType = "";
        int headerBytes = 0;
        for (String line = line(); !line.isEmpty(); line = line()) {
            headerBytes += line.length();
            if (headerBytes > MAX_HEADER_BYTES) {
                throw new IOException("response headers too large");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "content-type" -> contentType = value;
                case "connection" -> open &= !value.equalsIgnoreCase("close");
                default -> { }
            }
        }
        byte[] payload;
        if (chunked) {
            payload = chunkedBody();
        } else if (length >= 0) {
            payload = exactly(length);
        } else {
            open = false;
            payload = in.readNBytes(MAX_BODY_BYTES);
        }
        return new WindowsDeviceHttp.Reply(code, contentType, payload);
    }

    private byte[] chunkedBody() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line();
            int semi = size.indexOf(';');
            long n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
            if (n == 0) {
                while (!line().isEmpty()) {
                    // trailers: none expected, skipped
                }
                return body.toByteArray();
            }
            if (body.size() + n > MAX_BODY_BYTES) {
                throw new IOException("response body too large");
            }
            body.write(exactly(n));
            line();
        }
    }

    private byte[] exactly(long n) throws IOException {
        if (n > MAX_BODY_BYTES) {
            throw new IOException("response body too large: " + n);
        }
        byte[] b = in.readNBytes((int) n);
        if (b.length < n) {
            throw new EOFException("connection closed inside the response body");
        }
        return b;
    }

    private String line() throws IOException {
        StringBuilder s = new StringBuilder(64);
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("connection closed by the server");
            }
            if (c == '\n') {
                int len = s.length();
                return len > 0 && s.charAt(len - 1) == '\r' ? s.substring(0, len - 1) : s.toString();
            }
            if (s.length() > MAX_HEADER_BYTES) {
                throw new IOException("header line too long");
            }
            s.append((char) c);
        }
    }

    /**
     * Sends TLS close_notify and drops the connection without waiting for the server's own
     * close_notify, as a device ending its session does (SSLSocket.close() may wait for it).
     */
    @Override
    public void close() {
        open = false;
        try {
            socket.shutdownOutput();
        } catch (IOException | RuntimeException ignored) {
            // the server may already have closed its side: nothing left to tell it
        }
        try {
            raw.close();
        } catch (IOException ignored) {
            // closing a connection a session no longer needs: nothing to do
        }
    }
}
