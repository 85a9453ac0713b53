package io.latchkey.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.javalin.json.JavalinJackson;
import io.latchkey.api.graph.GraphApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The served OpenAPI 3.1 description against the routes actually registered: every operation of
 * the native API (Javalin's own route table) and of the Graph surface (its router's table, per
 * version) is described, nothing described is missing, and the document holds together (path
 * parameters declared, references resolve, operation ids unique).
 */
class OpenApiTest {
    private static final Set<HandlerType> VERBS = Set.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT,
            HandlerType.PATCH, HandlerType.DELETE);
    private static Javalin app;
    private static GraphApi graph;
    private static JsonNode doc;

    @BeforeAll
    static void start() throws Exception {
        // Route registration reads no port: nothing is called here, only listed.
        AdminApi.Ports none = new AdminApi.Ports(null, null, null, null, null, null, null, null, null, null,
                Clock.systemUTC());
        graph = new GraphApi(new GraphApi.Ports(null, null, null, null, null, null, null, null, null, null,
                Clock.systemUTC()));
        AdminApi api = new AdminApi(none).alongside(graph).withRoleManagement(null, null,
                new io.latchkey.core.access.RoleAdministration(null, null, null, Clock.systemUTC()));
        app = Javalin.create(c -> {
            c.jsonMapper(new JavalinJackson(Json.mapper(), true));
            api.register(c.routes);
        }).start("127.0.0.1", 0);
        doc = new ObjectMapper().readTree(OpenApiEndpoint.document());
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    /** "GET /api/v1/devices/{id}" for every described operation. */
    private static Set<String> described() {
        Set<String> out = new TreeSet<>();
        doc.get("paths").properties().forEach(p -> p.getValue().properties().forEach(m ->
                out.add(m.getKey().toUpperCase(Locale.ROOT) + " " + p.getKey())));
        return out;
    }

    private static Set<String> registered() {
        Set<String> out = new TreeSet<>();
        for (var e : app.unsafe.internalRouter.allHttpHandlers()) {
            String path = e.endpoint.path;
            if (VERBS.contains(e.endpoint.method) && !path.endsWith("/*")) {
                out.add(e.endpoint.method.name() + " " + path);
            }
        }
        for (GraphApi.RouteInfo r : graph.routes()) {
            if (r.v1()) {
                out.add(r.method() + " /v1.0" + r.template());
            }
            if (r.beta()) {
                out.add(r.method() + " /beta" + r.template());
            }
        }
        return out;
    }

    @Test
    void every_registered_operation_is_described_and_nothing_else() {
        assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
        Set<String> registered = registered();
        assertThat(registered).as("the route tables were read").hasSizeGreaterThan(40)
                .contains("POST /api/v1/actions", "POST /beta/deviceManagement/managedDevices/executeAction");
        assertThat(described()).containsExactlyElementsOf(registered);
    }

    @Test
    void path_parameters_are_declared_references_resolve_and_operation_ids_are_unique() {
        Pattern param = Pattern.compile("\\{([^}]+)}");
        Set<String> ids = new HashSet<>();
        doc.get("paths").properties().forEach(p -> p.getValue().properties().forEach(m -> {
            JsonNode op = m.getValue();
            assertThat(ids.add(op.get("operationId").asText())).as("unique id %s", op.get("operationId")).isTrue();
            Matcher matcher = param.matcher(p.getKey());
            while (matcher.find()) {
                String name = matcher.group(1);
                assertThat(op.path("parameters").findValuesAsText("name")).as("%s %s declares %s", m.getKey(),
                        p.getKey(), name).contains(name);
            }
        }));
        List<String> refs = doc.findValuesAsText("$ref");
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(ref).startsWith("#/");
            assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
        }
    }

    @Test
    void the_document_is_served_without_a_token() throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
                    + OpenApiEndpoint.PATH)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v)
                    .startsWith("application/json"));
            assertThat(r.body()).isEqualTo(OpenApiEndpoint.document());
        }
    }
}
