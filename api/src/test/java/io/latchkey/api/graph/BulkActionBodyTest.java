package io.latchkey.api.graph;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BulkActionBodyTest {

    private static BulkActionBody read(String json) {
        return BulkActionBody.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void ids_become_uuids_and_the_rest_stays_a_tree_read_leniently() {
        UUID a = UUID.randomUUID();
        BulkActionBody body = read("{ actionName:'wipe', deviceIds:[\" " + a + " \", \"nope\", \"1-2-3-4-5\", \""
                + a + "\"], keepUserData:true }");

        assertThat(body.ids()).containsExactly(a, a);
        assertThat(body.malformed()).containsExactly("nope", "1-2-3-4-5");
        assertThat(body.hasIds()).isTrue();
        assertThat(body.params().get("actionName").asText()).isEqualTo("wipe");
        assertThat(body.params().get("keepUserData").asBoolean()).isTrue();
        assertThat(body.params().has("deviceIds")).isFalse();
    }

    @Test
    void absent_null_and_empty_bodies_have_no_ids() {
        assertThat(read("").hasIds()).isFalse();
        assertThat(read("{\"deviceIds\":null}").hasIds()).isFalse();
        assertThat(read("{\"deviceIds\":[]}").ids()).isEmpty();
    }

    @Test
    void malformed_shapes_are_clear_400s() {
        assertThatThrownBy(() -> read("[1]")).isInstanceOf(GraphError.class).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> read("{\"deviceIds\":\"x\"}")).hasMessageContaining("must be an array");
        assertThatThrownBy(() -> read("{\"deviceIds\":[1]}")).hasMessageContaining("must hold strings");
        assertThatThrownBy(() -> read("{\"deviceIds\":[\"a\"")).isInstanceOfSatisfying(GraphError.class,
                e -> assertThat(e.getMessage()).contains("not valid JSON"));
    }

    @Test
    void a_million_ids_stream_through() {
        int n = 1_000_000;
        StringBuilder json = new StringBuilder(40 * n).append("{\"actionName\":\"retire\",\"deviceIds\":[");
        for (int i = 0; i < n; i++) {
            json.append(i == 0 ? "\"" : ",\"").append(new UUID(1, i)).append('"');
        }
        json.append("]}");

        BulkActionBody body = read(json.toString());

        assertThat(body.ids()).hasSize(n);
        assertThat(body.ids().get(n - 1)).isEqualTo(new UUID(1, n - 1));
        assertThat(body.malformed()).isEmpty();
    }
}
