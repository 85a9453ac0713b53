package io.latchkey.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM while an upload is half sent: the packaged server refuses new connections at once, lets the
 * upload finish and answers it, then exits 0 within the drain timeout; what was uploaded is stored.
 */
class SigtermDrainTest {
    private static final int USERS = 500;

    @TempDir
    Path tmp;

    @Test
    void aSlowUploadInFlightFinishesNewConnectionsAreRefusedAndTheProcessExitsZero() throws Exception {
        Path dataDir = tmp.resolve("data");
        ServerProcess server = ServerProcess.start(tmp, List.of("--data-dir", dataDir.toString(),
                "--shutdown-drain-timeout", "60s"));
        byte[] body = importBody().getBytes(StandardCharsets.UTF_8);
        try (Socket upload = new Socket("127.0.0.1", server.port)) {
            upload.setSoTimeout(90_000);
            OutputStream out = upload.getOutputStream();
            out.write(("POST /api/v1/import HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + ServerProcess.TOKEN
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            // A slow upload: a trickle of 512 bytes every 100 ms (about 7 s in all), on its own thread.
            Thread trickle = Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < body.length; i += 512) {
                        out.write(body, i, Math.min(512, body.length - i));
                        out.flush();
                        LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            // The request is in its handler, reading the body, when the signal comes (a request not yet
            // dispatched is answered 503 at shutdown; on a loaded machine dispatch can take a while).
            LockSupport.parkNanos(Duration.ofSeconds(2).toNanos());
            assertThat(trickle.isAlive()).as("still uploading at the signal").isTrue();
            long signalled = System.nanoTime();
            ProcessHandle.of(server.pid()).orElseThrow().destroy();

            assertThat(refusedWithin(server.port, Duration.ofSeconds(10)))
                    .as("new connections are refused while the upload drains").isTrue();
            trickle.join();
            String answer = readResponse(upload.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 20");

            int exit = server.terminate(Duration.ofSeconds(90));
            long tookMs = (System.nanoTime() - signalled) / 1_000_000;
            System.out.println("SigtermDrainTest: exit " + exit + " " + tookMs + " ms after SIGTERM");
            assertThat(exit).as("exit code after a drained SIGTERM").isZero();
            assertThat(tookMs).as("within the 60 s drain timeout").isLessThan(60_000);
        } finally {
            server.close();
        }
        try (Connection c = DriverManager.getConnection(TestDatabases.embedded(dataDir).jdbcUrl(), "sa", "");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                     "SELECT COUNT(*) FROM user_account WHERE upn_key LIKE 'drain-%'")) {
            rs.next();
            assertThat(rs.getLong(1)).as("the drained upload was stored").isEqualTo(USERS);
        }
    }

    private static String importBody() {
        StringBuilder b = new StringBuilder("{\"users\":[");
        for (int i = 0; i < USERS; i++) {
            b.append(i == 0 ? "" : ",").append("{\"userPrincipalName\":\"drain-").append(i)
                    .append("@example.com\",\"displayName\":\"Drain ").append(i).append("\"}");
        }
        return b.append("]}").toString();
    }

    private static boolean refusedWithin(int port, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            } catch (ConnectException refused) {
                return true;
            } catch (IOException other) {
                // a timeout: try again
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        return false;
    }

    /** The status line and headers, and the body when it has a Content-Length. */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            got.write(b);
            if (got.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                break;
            }
        }
        return got.toString(StandardCharsets.ISO_8859_1);
    }
}
