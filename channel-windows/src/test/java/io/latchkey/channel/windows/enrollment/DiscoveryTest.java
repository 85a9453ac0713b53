package io.latchkey.channel.windows.enrollment;

import io.latchkey.core.Rejected;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import static io.latchkey.channel.windows.enrollment.EnrollmentNames.ADDRESSING;
import static io.latchkey.channel.windows.enrollment.EnrollmentNames.DISCOVERY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** MS-MDE2 §3.1.4.1 discovery, against the real Windows 10 Discover POSTs. */
class DiscoveryTest {
    static final URI POLICY = URI.create("https://mdm.example.org/EnrollmentServer/Policy.svc");
    static final URI ENROLL = URI.create("https://mdm.example.org/EnrollmentServer/Enrollment.svc");

    @Test
    void captured_discover_parses_with_the_device_values() {
        DiscoverRequest request = DiscoverRequest.parse(EnrollmentCaptures.discover());

        assertThat(request.messageId()).isEqualTo("urn:uuid:748132ec-a575-4329-b01b-6171a9cf8478");
        assertThat(request.emailAddress()).isEqualTo("demo@fleetdm.ngrok.io");
        assertThat(request.requestVersion()).contains("4.0");
        assertThat(request.deviceType()).contains("CIMClient_Windows");
        assertThat(request.applicationVersion()).contains("10.0.19043.2364");
        assertThat(request.osEdition()).contains("72");
        assertThat(request.authPolicies()).containsExactly("OnPremise", "Federated");
        assertThat(request.acceptsOnPremise()).isTrue();
    }

    @Test
    void readme_discover_parses_too() {
        DiscoverRequest request = DiscoverRequest.parse(EnrollmentCaptures.bytes(EnrollmentCaptures.readmeBlock(1)));

        assertThat(request.emailAddress()).isEqualTo("demo@mdmwindows.com");
        assertThat(request.requestVersion()).contains("4.0");
    }

    @Test
    void response_relates_to_the_request_and_names_onpremise_and_both_urls() {
        DiscoverRequest request = DiscoverRequest.parse(EnrollmentCaptures.discover());

        Document doc = Dom.parse(DiscoveryResponses.discover(request, POLICY, ENROLL));

        assertThat(Dom.text(doc, ADDRESSING, "Action")).isEqualTo(EnrollmentNames.DISCOVER_RESPONSE_ACTION);
        assertThat(Dom.text(doc, ADDRESSING, "RelatesTo")).isEqualTo(request.messageId());
        assertThat(Dom.text(doc, DISCOVERY, "AuthPolicy")).isEqualTo("OnPremise");
        assertThat(Dom.text(doc, DISCOVERY, "EnrollmentVersion")).isEqualTo("4.0");
        assertThat(Dom.text(doc, DISCOVERY, "EnrollmentPolicyServiceUrl")).isEqualTo(POLICY.toString());
        assertThat(Dom.text(doc, DISCOVERY, "EnrollmentServiceUrl")).isEqualTo(ENROLL.toString());
    }

    @Test
    void enrollment_version_echoes_mde2_clients_and_is_left_out_for_older_ones() {
        assertThat(DiscoveryResponses.enrollmentVersion(withVersion(Optional.of("5.0")))).contains("5.0");
        assertThat(DiscoveryResponses.enrollmentVersion(withVersion(Optional.of("3.0")))).contains("3.0");
        assertThat(DiscoveryResponses.enrollmentVersion(withVersion(Optional.of("2.0")))).isEmpty();
        assertThat(DiscoveryResponses.enrollmentVersion(withVersion(Optional.empty()))).isEmpty();

        Document doc = Dom.parse(DiscoveryResponses.discover(withVersion(Optional.empty()), POLICY, ENROLL));
        assertThat(Dom.all(doc, DISCOVERY, "EnrollmentVersion")).isEmpty();
    }

    @Test
    void a_request_version_5_in_the_body_is_echoed() {
        String body = new String(EnrollmentCaptures.discover()).replace("<RequestVersion>4.0<", "<RequestVersion>5.0<");

        Document doc = Dom.parse(DiscoveryResponses.discover(DiscoverRequest.parse(EnrollmentCaptures.bytes(body)), POLICY, ENROLL));

        assertThat(Dom.text(doc, DISCOVERY, "EnrollmentVersion")).isEqualTo("5.0");
    }

    @Test
    void a_client_without_onpremise_gets_an_authorization_refusal() {
        DiscoverRequest federatedOnly = new DiscoverRequest("urn:uuid:1", "a@b.c", Optional.of("4.0"), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of("Federated"));

        assertThatThrownBy(() -> DiscoveryResponses.discover(federatedOnly, POLICY, ENROLL))
                .isInstanceOfSatisfying(EnrollmentRefused.class, e -> assertThat(e.fault()).isEqualTo(EnrollmentFault.AUTHORIZATION));
    }

    @Test
    void endpoints_on_two_hosts_or_plain_http_are_a_configuration_error() {
        DiscoverRequest request = DiscoverRequest.parse(EnrollmentCaptures.discover());

        assertThatThrownBy(() -> DiscoveryResponses.discover(request, POLICY, URI.create("https://other.example.org/e")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DiscoveryResponses.discover(request, URI.create("http://mdm.example.org/p"), ENROLL))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void another_operation_or_a_bad_version_is_refused() {
        assertThatThrownBy(() -> DiscoverRequest.parse(EnrollmentCaptures.getPolicies())).isInstanceOf(Rejected.class);
        String body = new String(EnrollmentCaptures.discover()).replace("<RequestVersion>4.0<", "<RequestVersion>1E999999<");
        assertThatThrownBy(() -> DiscoverRequest.parse(EnrollmentCaptures.bytes(body))).isInstanceOf(EnrollmentRefused.class);
    }

    private static DiscoverRequest withVersion(Optional<String> version) {
        return new DiscoverRequest("urn:uuid:1", "a@b.c", version, Optional.empty(), Optional.empty(), Optional.empty(), List.of());
    }
}
