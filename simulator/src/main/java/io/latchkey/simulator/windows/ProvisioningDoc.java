package io.latchkey.simulator.windows;

import org.w3c.dom.Element;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a device takes from the {@code wap-provisioningdoc} in the enrollment response
 * (shared/reference/windows-mdm.md §1.2): the CA certificate ({@code CertificateStore/Root/System}),
 * its own certificate ({@code CertificateStore/My/User} or {@code My/System}), the w7 APPLICATION's
 * PROVIDER-ID and ADDR (the OMA-DM URL), and the DMClient poll schedule of that provider.
 *
 * @param poll the {@code DMClient/Provider/<ProviderID>/Poll} parms by name (NumberOfFirstRetries, ...)
 */
public record ProvisioningDoc(X509Certificate caCertificate, X509Certificate deviceCertificate, String providerId,
                              URI managementUrl, Optional<String> serverName, Map<String, String> poll) {

    public ProvisioningDoc {
        poll = Map.copyOf(poll);
    }

    /** The poll parm {@code name} as an integer, when present and numeric. */
    public Optional<Integer> pollValue(String name) {
        try {
            return Optional.ofNullable(poll.get(name)).map(String::trim).map(Integer::valueOf);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Decodes the base64 BinarySecurityToken text and reads the document; IllegalArgumentException when it lacks a part. */
    static ProvisioningDoc fromBase64(String base64) {
        byte[] xml = Base64.getMimeDecoder().decode(base64.trim());
        return parse(new String(xml, StandardCharsets.UTF_8));
    }

    static ProvisioningDoc parse(String xml) {
        Element doc = Xml.parse(xml);
        if (!"wap-provisioningdoc".equals(Xml.localName(doc))) {
            throw new IllegalArgumentException("not a wap-provisioningdoc but " + Xml.localName(doc));
        }
        X509Certificate ca = null;
        X509Certificate device = null;
        for (Element store : characteristics(doc, "CertificateStore")) {
            for (Element root : characteristics(store, "Root")) {
                for (Element system : characteristics(root, "System")) {
                    ca = first(system).orElse(ca);
                }
            }
            for (Element my : characteristics(store, "My")) {
                for (Element scope : List.of("User", "System").stream()
                        .flatMap(s -> characteristics(my, s).stream()).toList()) {
                    device = first(scope).orElse(device);
                }
            }
        }
        Element application = null;
        for (Element app : characteristics(doc, "APPLICATION")) {
            if ("w7".equalsIgnoreCase(parms(app).get("APPID"))) {
                application = app;
            }
        }
        if (ca == null || device == null) {
            throw new IllegalArgumentException("no " + (ca == null ? "Root/System CA" : "My/User device")
                    + " certificate in the CertificateStore characteristic");
        }
        if (application == null) {
            throw new IllegalArgumentException("no APPLICATION characteristic with APPID w7");
        }
        Map<String, String> app = parms(application);
        String providerId = app.get("PROVIDER-ID");
        String addr = app.get("ADDR");
        if (providerId == null || addr == null) {
            throw new IllegalArgumentException("the w7 APPLICATION lacks " + (providerId == null ? "PROVIDER-ID" : "ADDR"));
        }
        Map<String, String> poll = new LinkedHashMap<>();
        for (Element dmClient : Xml.findAll(doc, "characteristic")) {
            if (!"DMClient".equals(dmClient.getAttribute("type"))) {
                continue;
            }
            for (Element provider : characteristics(dmClient, "Provider")) {
                for (Element mine : characteristics(provider, providerId)) {
                    for (Element p : characteristics(mine, "Poll")) {
                        poll.putAll(parms(p));
                    }
                }
            }
        }
        return new ProvisioningDoc(ca, device, providerId, URI.create(addr.trim()),
                Optional.ofNullable(app.get("NAME")), poll);
    }

    /** The first certificate under a store characteristic: {@code <thumbprint>/EncodedCertificate}. */
    private static Optional<X509Certificate> first(Element store) {
        for (Element thumb : Xml.children(store, "characteristic")) {
            String encoded = parms(thumb).get("EncodedCertificate");
            if (encoded != null) {
                return Optional.of(WindowsCrypto.certificate(encoded));
            }
        }
        return Optional.empty();
    }

    private static List<Element> characteristics(Element parent, String type) {
        return Xml.children(parent, "characteristic").stream().filter(c -> type.equals(c.getAttribute("type"))).toList();
    }

    private static Map<String, String> parms(Element characteristic) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Element p : Xml.children(characteristic, "parm")) {
            out.put(p.getAttribute("name"), p.getAttribute("value"));
        }
        return out;
    }
}
