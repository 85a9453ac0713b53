package io.latchkey.api.graph;

import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.latchkey.api.Json;
import io.latchkey.core.admin.Admin;
import io.latchkey.core.admin.AdminAccounts;
import io.latchkey.core.admin.Admins;
import io.latchkey.core.admin.ApiToken;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 429 semantics on a Graph surface with a tiny share (a burst of 3, one more per second, on a
 * stopped clock): the fourth request of a token is refused with Graph's error body and
 * {@code Retry-After}; another token still gets through.
 */
class GraphThrottleTest {
    private static final Instant NOW = Instant.parse("2026-11-27T00:00:00Z");

    /** Two administrators whose tokens are their names; nothing else is stored. */
    private static final class TwoAdmins implements Admins {
        @Override
        public long count() {
            return 2;
        }

        @Override
        public void create(Admin admin, List<ApiToken> tokens) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Admin> findByName(String name) {
            return Optional.empty();
        }

        @Override
        public void addToken(ApiToken token) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Admin> findByTokenHash(String tokenHash, Instant now) {
            for (String name : List.of("first", "second")) {
                if (AdminAccounts.hashToken(name).equals(tokenHash)) {
                    return Optional.of(new Admin(UUID.nameUUIDFromBytes(name.getBytes()), name, null, NOW));
                }
            }
            return Optional.empty();
        }
    }

    @Test
    void past_its_burst_a_token_gets_429_with_retry_after_and_graphs_error_body() throws Exception {
        Clock stopped = Clock.fixed(NOW, ZoneOffset.UTC);
        GraphApi graph = new GraphApi(new GraphApi.Ports(new AdminAccounts(new TwoAdmins(), stopped), null, null, null,
                null, null, null, null, null, null, stopped), 3, 1);
        Javalin app = Javalin.create(c -> {
            c.jsonMapper(new JavalinJackson(Json.mapper(), true));
            graph.register(c.routes);
        }).start("127.0.0.1", 0);
        try (HttpClient http = HttpClient.newHttpClient()) {
            int[] statuses = new int[4];
            HttpResponse<String> last = null;
            for (int i = 0; i < 4; i++) {
                last = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
                        + "/v1.0/nothing")).header("Authorization", "Bearer first").build(),
                        HttpResponse.BodyHandlers.ofString());
                statuses[i] = last.statusCode();
            }
            assertThat(statuses).containsExactly(400, 400, 400, 429);
            assertThat(last.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(last.body()).contains("\"code\":\"activityLimitReached\"").contains("\"request-id\"");
            var other = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
                    + "/v1.0/nothing")).header("Authorization", "Bearer second").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(other.statusCode()).isEqualTo(400);
        } finally {
            app.stop();
        }
    }
}
