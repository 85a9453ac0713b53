package io.latchkey.channel.android;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The push body is device-influenced input from the network: whatever it holds, the parser answers
 * a notification or {@link PubSubNotification.Malformed}, never anything else; a well-formed push
 * gives back exactly its type and resource name.
 */
class PubSubNotificationPropertyTest {

    @Property(tries = 500)
    void anyBytesAreANotificationOrMalformed(@ForAll byte[] body) {
        assertParsesOrRefuses(body);
    }

    @Property(tries = 500)
    void anyTextIsANotificationOrMalformed(@ForAll("jsonish") String body) {
        assertParsesOrRefuses(body.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 300)
    void aMutatedPushIsANotificationOrMalformed(@ForAll("pushes") String push, @ForAll("positions") int at,
                                                 @ForAll byte replacement) {
        byte[] b = push.getBytes(StandardCharsets.UTF_8);
        b[Math.floorMod(at, b.length)] = replacement;
        assertParsesOrRefuses(b);
    }

    @Property(tries = 300)
    void aTruncatedPushIsMalformed(@ForAll("pushes") String push, @ForAll("positions") int at) {
        byte[] b = push.getBytes(StandardCharsets.UTF_8);
        byte[] cut = java.util.Arrays.copyOf(b, Math.floorMod(at, b.length));
        assertThat(catchThrowable(() -> PubSubNotification.parse(cut)))
                .isInstanceOf(PubSubNotification.Malformed.class);
    }

    @Property(tries = 300)
    void aWellFormedPushGivesItsTypeAndName(@ForAll("types") String type, @ForAll("names") String name) {
        PubSubNotification n = PubSubNotification.parse(push(type, name).getBytes(StandardCharsets.UTF_8));

        assertThat(n.type()).isEqualTo(type);
        assertThat(n.resourceName()).isEqualTo(name);
        assertThat(n.namesDevice() || n.namesOperation()).isTrue();
        assertThat(n.namesOperation()).isEqualTo(name.contains("/operations/"));
    }

    private static void assertParsesOrRefuses(byte[] body) {
        Throwable t = catchThrowable(() -> PubSubNotification.parse(body));
        if (t != null) {
            assertThat(t).isInstanceOf(PubSubNotification.Malformed.class);
        }
    }

    static String push(String type, String name) {
        String data = Base64.getEncoder().encodeToString(("{\"name\":\"" + name + "\",\"state\":\"ACTIVE\"}")
                .getBytes(StandardCharsets.UTF_8));
        return "{\"message\":{\"data\":\"" + data + "\",\"attributes\":{\"notificationType\":\"" + type
                + "\"},\"messageId\":\"4242\",\"publishTime\":\"2026-11-27T03:00:00Z\"},"
                + "\"subscription\":\"projects/p/subscriptions/amapi\"}";
    }

    @Provide
    Arbitrary<String> types() {
        return Arbitraries.of("ENROLLMENT", "STATUS_REPORT", "COMMAND", "USAGE_LOGS", "ENTERPRISE_UPGRADE");
    }

    @Provide
    Arbitrary<String> names() {
        Arbitrary<String> id = Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(20);
        return Combinators.combine(id, id, id, Arbitraries.of(true, false)).as((e, d, o, op) ->
                "enterprises/" + e + "/devices/" + d + (op ? "/operations/" + o : ""));
    }

    @Provide
    Arbitrary<String> pushes() {
        return Combinators.combine(types(), names()).as(PubSubNotificationPropertyTest::push);
    }

    @Provide
    Arbitrary<Integer> positions() {
        return Arbitraries.integers().between(0, 10_000);
    }

    @Provide
    Arbitrary<String> jsonish() {
        return Arbitraries.strings().withChars("{}[]\":,.0123456789abcdefmessagedtriuonTyp=+/ \\")
                .ofMaxLength(200);
    }
}
