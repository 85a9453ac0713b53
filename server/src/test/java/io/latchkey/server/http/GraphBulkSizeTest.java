package io.latchkey.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.latchkey.server.config.Option;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * executeAction has no cap on the number of devices, only the server's request size limit
 * ({@code http.max.request.mb}), and a body over that limit is answered 413 with Graph's error
 * body, never a reset connection or a stack trace.
 */
class GraphBulkSizeTest {

    @Test
    void execute_action_takes_more_than_100000_device_ids(@TempDir Path dir) {
        try (GraphFixture server = new GraphFixture(dir)) {
            server.devices("many", 5, "iOS", "17.4.1", Map.of());
            List<String> real = server.ids("many-");
            List<String> ids = new ArrayList<>(150_005);
            ids.addAll(real);
            for (int i = 0; i < 150_000; i++) {
                ids.add(new UUID(0x5EEDL, i).toString());
            }

            TestClient.Response r = server.api.post("/beta/deviceManagement/managedDevices/executeAction",
                    Map.of("actionName", "syncDevice", "deviceIds", ids));

            assertThat(r.status()).as(r.body().substring(0, Math.min(500, r.body().length()))).isEqualTo(200);
            JsonNode result = r.json();
            assertThat(GraphActionsTest.strings(result.get("successfulDeviceIds")))
                    .containsExactlyInAnyOrderElementsOf(real);
            assertThat(result.get("notFoundDeviceIds")).hasSize(150_000);
            assertThat(result.get("value").get("notFoundDeviceIds")).hasSize(150_000);
        }
    }

    @Test
    void a_body_over_the_request_limit_is_413_with_graph_error_body(@TempDir Path dir) throws Exception {
        try (GraphFixture server = new GraphFixture(dir, Map.of(Option.HTTP_MAX_REQUEST_MB, "1"))) {
            server.devices("small", 1, "iOS", "17.4.1", Map.of());
            String id = server.ids("small-").getFirst();
            StringBuilder body = new StringBuilder("{\"actionName\":\"syncDevice\",\"deviceIds\":[");
            for (int i = 0; i < 40_000; i++) { // about 1.6 MB
                body.append(i == 0 ? "" : ",").append('"').append(new UUID(7, i)).append('"');
            }
            body.append("]}");

            TestClient.Response bulk = server.api.post("/beta/deviceManagement/managedDevices/executeAction",
                    body.toString());
            assertGraph413(bulk);

            // Sent chunked (a stream publisher has no length), so nothing can be refused up front:
            // refused once the limit is read.
            HttpResponse<String> chunked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                            server.base() + "/beta/deviceManagement/managedDevices/executeAction"))
                    .header("Authorization", "Bearer " + GraphFixture.TOKEN)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                            body.toString().getBytes(StandardCharsets.UTF_8)))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertGraph413(new TestClient.Response(chunked.statusCode(), chunked.body(), chunked));

            // Bodies read whole (here a PATCH) are refused the same way.
            TestClient.Response patch = server.api.patch("/v1.0/deviceManagement/managedDevices/" + id,
                    "{\"managedDeviceName\":\"" + "x".repeat(1_100_000) + "\"}");
            assertGraph413(patch);

            // And the connection is still good for the next request.
            TestClient.Response after = server.api.post("/beta/deviceManagement/managedDevices/executeAction",
                    Map.of("actionName", "syncDevice", "deviceIds", List.of(id)));
            assertThat(after.status()).as(after.body()).isEqualTo(200);
            assertThat(after.json().get("successfulDeviceIds")).hasSize(1);
        }
    }

    private static void assertGraph413(TestClient.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(413);
        JsonNode error = r.json().get("error");
        assertThat(error.get("code").asText()).isEqualTo("invalidRequest");
        assertThat(error.get("message").asText()).contains("larger than this server accepts")
                .contains("http.max.request.mb");
        assertThat(error.at("/innerError/request-id").asText()).isNotBlank();
    }
}
