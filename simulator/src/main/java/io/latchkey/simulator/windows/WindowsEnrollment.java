package io.latchkey.simulator.windows;

import io.latchkey.simulator.windows.WindowsEnrollmentFailed.Stage;
import org.w3c.dom.Element;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * One OnPremise enrollment, the steps of shared/reference/windows-mdm.md §1.1 in the captured order:
 * GET then POST Discover, POST GetPolicies to the policy URL, POST RequestSecurityToken with a fresh
 * key's CSR to the enrollment URL, then read the provisioning document out of the response.
 */
final class WindowsEnrollment {

    /** The result: the device's key and what the provisioning document set up. */
    record Result(KeyPair keys, ProvisioningDoc provisioning, String enrollmentVersion) {
    }

    /** What the policy asked for: key size and signature algorithm (MS-XCEP; nil hash reference means SHA-1). */
    record Policy(int minimalKeyLength, String signatureAlgorithm) {
    }

    private static final Map<String, String> HASH_OIDS = Map.of(
            "1.3.14.3.2.26", "SHA1withRSA",
            "2.16.840.1.101.3.4.2.1", "SHA256withRSA",
            "2.16.840.1.101.3.4.2.2", "SHA384withRSA",
            "2.16.840.1.101.3.4.2.3", "SHA512withRSA");

    private final WindowsDeviceHttp http;
    private final WindowsPersonality personality;
    private final WindowsIds ids;
    private final RandomGenerator random;

    WindowsEnrollment(WindowsDeviceHttp http, WindowsPersonality personality, WindowsIds ids, RandomGenerator random) {
        this.http = http;
        this.personality = personality;
        this.ids = ids;
        this.random = random;
    }

    Result run(URI discoveryUrl, String upn, String password, boolean userSignedIn) {
        // 0 + 1: discovery
        call(Stage.DISCOVERY, () -> http.enrollmentGet(discoveryUrl), false);
        String discoverId = messageId();
        Element discovered = call(Stage.DISCOVERY, () -> http.soap(discoveryUrl,
                EnrollmentMessages.discover(discoverId, discoveryUrl, upn, personality)), true);
        Element result = Xml.find(discovered, "DiscoverResult")
                .orElseThrow(() -> new WindowsEnrollmentFailed(Stage.DISCOVERY, "no DiscoverResult", null));
        String authPolicy = Xml.text(result, "AuthPolicy").orElse("");
        if (!"OnPremise".equals(authPolicy)) {
            throw new WindowsEnrollmentFailed(Stage.DISCOVERY, "AuthPolicy " + authPolicy
                    + ": the simulator enrolls with OnPremise only", null);
        }
        URI policyUrl = url(result, "EnrollmentPolicyServiceUrl", Stage.DISCOVERY);
        URI enrollmentUrl = url(result, "EnrollmentServiceUrl", Stage.DISCOVERY);
        String version = Xml.text(result, "EnrollmentVersion").orElse(personality.requestVersion());

        // 2: policy
        String tokenId = "uuid-" + WindowsIds.guid(random).toLowerCase() + "-4";
        Element policies = call(Stage.POLICY, () -> http.soap(policyUrl,
                EnrollmentMessages.getPolicies(messageId().toUpperCase(), policyUrl, tokenId, upn, password)), true);
        Policy policy = policy(policies);

        // 3: enrollment
        KeyPair keys = WindowsCrypto.rsa(Math.max(2048, policy.minimalKeyLength()));
        byte[] csr = DeviceCsr.create(keys, WindowsIds.guid(random), ids.deviceId(), policy.signatureAlgorithm());
        String rstId = messageId();
        Element rstr = call(Stage.ENROLLMENT, () -> http.soap(enrollmentUrl, EnrollmentMessages.requestSecurityToken(
                rstId, enrollmentUrl, tokenId, upn, password, csr, additionalContext(userSignedIn))), true);
        String token = Xml.findAll(rstr, "BinarySecurityToken").stream()
                .filter(e -> e.getAttribute("ValueType").endsWith("DeviceEnrollmentProvisionDoc"))
                .map(Xml::text).findFirst()
                .orElseThrow(() -> new WindowsEnrollmentFailed(Stage.ENROLLMENT,
                        "no BinarySecurityToken of ValueType DeviceEnrollmentProvisionDoc", null));
        ProvisioningDoc doc;
        try {
            doc = ProvisioningDoc.fromBase64(token);
        } catch (IllegalArgumentException e) {
            throw new WindowsEnrollmentFailed(Stage.ENROLLMENT, "bad provisioning document: " + e.getMessage(), e);
        }
        if (!doc.deviceCertificate().getPublicKey().equals(keys.getPublic())) {
            throw new WindowsEnrollmentFailed(Stage.ENROLLMENT, "the issued certificate is not for the key requested", null);
        }
        return new Result(keys, doc, version);
    }

    /** The AdditionalContext items in the captured order (shared/reference/windows-mdm.md §1.1). */
    List<Map.Entry<String, String>> additionalContext(boolean userSignedIn) {
        List<Map.Entry<String, String>> c = new ArrayList<>();
        c.add(Map.entry("UXInitiated", "true"));
        c.add(Map.entry("HWDevID", ids.hwDevId()));
        c.add(Map.entry("Locale", "en-US"));
        c.add(Map.entry("TargetedUserLoggedIn", Boolean.toString(userSignedIn)));
        c.add(Map.entry("OSEdition", personality.osEdition()));
        c.add(Map.entry("DeviceName", ids.deviceName()));
        for (String mac : ids.macs()) {
            c.add(Map.entry("MAC", mac));
        }
        c.add(Map.entry("DeviceID", ids.deviceId()));
        c.add(Map.entry("EnrollmentType", "Full"));
        c.add(Map.entry("DeviceType", personality.deviceType()));
        c.add(Map.entry("OSVersion", personality.osVersion()));
        c.add(Map.entry("ApplicationVersion", personality.applicationVersion()));
        c.add(Map.entry("NotInOobe", "false"));
        return c;
    }

    static Policy policy(Element response) {
        int keyLength = Xml.text(response, "minimalKeyLength").flatMap(WindowsEnrollment::integer).orElse(2048);
        String algorithm = "SHA1withRSA";
        Optional<Element> hashRef = Xml.find(response, "hashAlgorithmOIDReference");
        if (hashRef.isPresent() && !Xml.text(hashRef.get()).isEmpty()) {
            String ref = Xml.text(hashRef.get());
            for (Element oid : Xml.findAll(response, "oID")) {
                if (ref.equals(Xml.text(oid, "oIDReferenceID").orElse(null))) {
                    algorithm = HASH_OIDS.getOrDefault(Xml.text(oid, "value").orElse(""), algorithm);
                }
            }
        }
        return new Policy(keyLength, algorithm);
    }

    private static Optional<Integer> integer(String s) {
        try {
            return Optional.of(Integer.parseInt(s));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private String messageId() {
        return "urn:uuid:" + WindowsIds.guid(random).toLowerCase();
    }

    private static URI url(Element result, String name, Stage stage) {
        String s = Xml.text(result, name).orElse("");
        try {
            URI u = URI.create(s);
            if (u.getScheme() == null || u.getHost() == null) {
                throw new IllegalArgumentException("not absolute");
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new WindowsEnrollmentFailed(stage, name + " is not a URL: '" + s + "'", e);
        }
    }

    private interface Call {
        WindowsDeviceHttp.Reply send() throws IOException, InterruptedException;
    }

    /** Sends, checks the status, and parses the SOAP body (unless {@code parse} is false). */
    private static Element call(Stage stage, Call call, boolean parse) {
        WindowsDeviceHttp.Reply r;
        try {
            r = call.send();
        } catch (IOException e) {
            throw new WindowsEnrollmentFailed(stage, "unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WindowsEnrollmentFailed(stage, "interrupted", e);
        }
        Element body = null;
        if (parse || r.body().length > 0) {
            try {
                body = r.body().length == 0 ? null : Xml.parse(r.body());
            } catch (IllegalArgumentException e) {
                if (parse) {
                    throw new WindowsEnrollmentFailed(stage, "HTTP " + r.status() + ", " + e.getMessage(), e);
                }
            }
        }
        if (body != null) {
            Optional<Element> fault = Xml.find(body, "Fault");
            if (fault.isPresent()) {
                String code = Xml.findAll(fault.get(), "Value").stream().map(Xml::text)
                        .reduce((a, b) -> a + "/" + b).orElse("?");
                throw new WindowsEnrollmentFailed(stage, "SOAP fault " + code + ": "
                        + Xml.text(fault.get(), "Text").orElse(""), null);
            }
        }
        if (!r.ok()) {
            throw new WindowsEnrollmentFailed(stage, "HTTP " + r.status() + " "
                    + new String(r.body(), 0, Math.min(200, r.body().length), StandardCharsets.UTF_8), null);
        }
        if (parse && body == null) {
            throw new WindowsEnrollmentFailed(stage, "empty response", null);
        }
        return body;
    }
}
