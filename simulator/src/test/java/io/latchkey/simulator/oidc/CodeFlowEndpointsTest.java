package io.latchkey.simulator.oidc;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The stand-in's own side of the code flow: PKCE, single-use codes, client authentication, redirects. */
class CodeFlowEndpointsTest {
    private static final String REDIRECT = "http://127.0.0.1:1/cb";
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private final SimulatedOidcProvider idp = SimulatedOidcProvider.start()
            .registerClient("public-app", null, REDIRECT).registerClient("private-app", "s3cret", REDIRECT)
            .signInAs(new SimulatedOidcProvider.Person("alice", "Alice Martin", List.of("admins"))).autoConsent(true);
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        idp.close();
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(idp.issuer() + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The code the authorization endpoint redirected back with. */
    private String code(String client) throws Exception {
        HttpResponse<String> r = get("/authorize?response_type=code&scope=openid&client_id=" + client
                + "&redirect_uri=" + enc(REDIRECT) + "&state=st&nonce=n1&code_challenge_method=S256&code_challenge="
                + CodeFlowEndpoints.s256(VERIFIER));
        assertThat(r.statusCode()).isEqualTo(302);
        String location = r.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(REDIRECT + "?code=").endsWith("&state=st");
        return CodeFlowEndpoints.params(URI.create(location).getRawQuery()).get("code");
    }

    private HttpResponse<String> token(String form, String basic) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(idp.issuer() + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (basic != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String form(String code, String verifier, String client) {
        return "grant_type=authorization_code&code=" + enc(code) + "&redirect_uri=" + enc(REDIRECT)
                + (verifier == null ? "" : "&code_verifier=" + verifier) + (client == null ? "" : "&client_id=" + client);
    }

    private static String error(HttpResponse<String> r) throws Exception {
        return (String) JSONObjectUtils.parse(r.body()).get("error");
    }

    @Test
    void aCodeWithItsVerifierGivesASignedIdTokenWithTheNonceOnce() throws Exception {
        String code = code("public-app");
        HttpResponse<String> ok = token(form(code, VERIFIER, "public-app"), null);
        assertThat(ok.statusCode()).isEqualTo(200);
        SignedJWT id = SignedJWT.parse((String) JSONObjectUtils.parse(ok.body()).get("id_token"));
        assertThat(id.getJWTClaimsSet().getStringClaim("nonce")).isEqualTo("n1");
        assertThat(id.getJWTClaimsSet().getAudience()).containsExactly("public-app");
        assertThat(id.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("admins");
        HttpResponse<String> again = token(form(code, VERIFIER, "public-app"), null);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(error(again)).isEqualTo("invalid_grant");
    }

    @Test
    void aMissingOrWrongVerifierIsRefusedAndBurnsTheCode() throws Exception {
        String code = code("public-app");
        assertThat(error(token(form(code, null, "public-app"), null))).isEqualTo("invalid_grant");
        assertThat(error(token(form(code, VERIFIER, "public-app"), null))).isEqualTo("invalid_grant");
        String other = code("public-app");
        assertThat(error(token(form(other, VERIFIER.replace('d', 'e'), "public-app"), null))).isEqualTo("invalid_grant");
    }

    @Test
    void aConfidentialClientMustAuthenticate() throws Exception {
        assertThat(error(token(form(code("private-app"), VERIFIER, "private-app"), null))).isEqualTo("invalid_client");
        assertThat(error(token(form(code("private-app"), VERIFIER, null), "private-app:wrong"))).isEqualTo("invalid_client");
        assertThat(token(form(code("private-app"), VERIFIER, null), "private-app:s3cret").statusCode()).isEqualTo(200);
    }

    @Test
    void anUnregisteredRedirectIsNeverRedirectedToAndPkceIsRequired() throws Exception {
        HttpResponse<String> r = get("/authorize?response_type=code&scope=openid&client_id=public-app&redirect_uri="
                + enc("https://evil.example/cb") + "&state=st&code_challenge_method=S256&code_challenge=x");
        assertThat(r.statusCode()).isEqualTo(400);
        HttpResponse<String> noPkce = get("/authorize?response_type=code&scope=openid&client_id=public-app"
                + "&redirect_uri=" + enc(REDIRECT) + "&state=st");
        assertThat(noPkce.headers().firstValue("Location").orElseThrow()).contains("error=invalid_request");
    }

    @Test
    void theDiscoveryDocumentNamesEveryEndpoint() throws Exception {
        Map<String, Object> doc = JSONObjectUtils.parse(get("/.well-known/openid-configuration").body());
        assertThat(doc).containsKeys("authorization_endpoint", "token_endpoint", "jwks_uri", "end_session_endpoint");
        assertThat(doc.get("code_challenge_methods_supported")).isEqualTo(List.of("S256"));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
