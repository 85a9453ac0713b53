package io.latchkey.channel.windows.enrollment;

import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.w3c.dom.Element;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.latchkey.channel.windows.enrollment.EnrollmentNames.AUTHORIZATION;
import static io.latchkey.channel.windows.enrollment.EnrollmentNames.WSSE;
import static io.latchkey.channel.windows.enrollment.EnrollmentNames.WS_TRUST;

/**
 * The MS-WSTEP {@code RequestSecurityToken} POST to the EnrollmentServiceUrl (MS-MDE2 §3.3,
 * reference windows-mdm.md §1.1 row 3): the OnPremise credential, the device's PKCS#10 (its
 * signature verified, SHA-1 accepted) and the {@code ac:AdditionalContext} items. The device id is
 * the {@code DeviceID} context item (the OMA-DM DevId later); when the CSR also names it, in its
 * CN after a {@code !} or in extension 1.3.6.1.4.1.311.66.1.0, those must agree.
 *
 * @param context ContextItem values by Name, in document order; names repeat (one {@code MAC} per adapter)
 */
public record EnrollmentRequest(String messageId, UsernameToken credentials, String tokenType, String requestType,
                                PKCS10CertificationRequest csr, Map<String, List<String>> context, String deviceId) {
    private static final int MAX_CONTEXT_ITEMS = 256;
    private static final int MAX_CSR_CHARS = 64 * 1024;

    /**
     * @throws io.latchkey.core.Rejected (400 kind; an {@link EnrollmentRefused} names the fault) when
     *                                   the message is malformed, the CSR does not verify, there is no
     *                                   DeviceID or the ids disagree
     */
    public static EnrollmentRequest parse(byte[] body) {
        SoapEnvelope envelope = SoapEnvelope.read(body, EnrollmentNames.RST_ACTION, WS_TRUST, "RequestSecurityToken");
        UsernameToken credentials = UsernameToken.read(envelope.header());
        Element rst = envelope.payload();
        String tokenType = SoapEnvelope.requiredText(rst, WS_TRUST, "TokenType");
        if (!tokenType.equals(EnrollmentNames.DEVICE_ENROLLMENT_TOKEN)) {
            throw EnrollmentRefused.format("the TokenType is not DeviceEnrollmentToken");
        }
        String requestType = SoapEnvelope.requiredText(rst, WS_TRUST, "RequestType");
        if (!requestType.equals(EnrollmentNames.ISSUE_REQUEST_TYPE)) {
            throw EnrollmentRefused.format("only the Issue request type is served (no renewal yet)");
        }
        Element token = SoapEnvelope.required(rst, WSSE, "BinarySecurityToken");
        if (!token.getAttribute("ValueType").strip().equals(EnrollmentNames.PKCS10_VALUE_TYPE)) {
            throw EnrollmentRefused.format("the BinarySecurityToken is not a PKCS#10");
        }
        String encoding = token.getAttribute("EncodingType").strip();
        if (!encoding.isEmpty() && !encoding.equals(EnrollmentNames.BASE64_ENCODING)) {
            throw EnrollmentRefused.format("the BinarySecurityToken is not base64binary");
        }
        PKCS10CertificationRequest csr = DeviceCsr.decode(SoapEnvelope.text(token, MAX_CSR_CHARS));
        DeviceCsr.verify(csr);
        Map<String, List<String>> context = context(rst);
        String deviceId = Optional.ofNullable(context.get("DeviceID")).map(List::getFirst).filter(id -> !id.isBlank())
                .orElseThrow(() -> EnrollmentRefused.format("the AdditionalContext has no DeviceID"));
        if (context.get("DeviceID").size() > 1) {
            throw EnrollmentRefused.format("the AdditionalContext has more than one DeviceID");
        }
        crossCheck(deviceId, "the CSR subject CN", DeviceCsr.deviceIdFromCommonName(csr));
        crossCheck(deviceId, "the CSR DeviceID extension", DeviceCsr.deviceIdFromExtension(csr));
        return new EnrollmentRequest(envelope.messageId(), credentials, tokenType, requestType, csr, context, deviceId);
    }

    /** The first value of a context item, e.g. {@code DeviceName}, {@code OSVersion}, {@code HWDevID}. */
    public Optional<String> contextValue(String name) {
        return Optional.ofNullable(context.get(name)).map(List::getFirst);
    }

    public List<String> contextValues(String name) {
        return context.getOrDefault(name, List.of());
    }

    /** {@code Full} (a user enrollment, the capture) or {@code Device} (device/Entra-joined); Full when absent. */
    public String enrollmentType() {
        return contextValue("EnrollmentType").orElse("Full");
    }

    /** A device-wide enrollment: its certificate goes to My/System rather than My/User (reference §1.2). */
    public boolean deviceEnrollment() {
        return "Device".equalsIgnoreCase(enrollmentType());
    }

    /** The CSR's public key, to issue the device certificate for. */
    public PublicKey publicKey() {
        try {
            return new JcaPKCS10CertificationRequest(csr).setProvider(DeviceCsr.BC).getPublicKey();
        } catch (Exception e) {
            throw new IllegalStateException("a verified CSR's key cannot be read", e);
        }
    }

    @Override
    public String toString() {
        return "EnrollmentRequest[messageId=" + messageId + ", credentials=" + credentials + ", deviceId=" + deviceId
                + ", enrollmentType=" + enrollmentType() + "]";
    }

    private static Map<String, List<String>> context(Element rst) {
        Map<String, List<String>> items = new LinkedHashMap<>();
        Optional<Element> additional = SoapEnvelope.child(rst, AUTHORIZATION, "AdditionalContext");
        if (additional.isEmpty()) {
            return Map.of();
        }
        List<Element> entries = SoapEnvelope.children(additional.get(), AUTHORIZATION, "ContextItem");
        if (entries.size() > MAX_CONTEXT_ITEMS) {
            throw EnrollmentRefused.format("the AdditionalContext has more than " + MAX_CONTEXT_ITEMS + " items");
        }
        for (Element item : entries) {
            String name = item.getAttribute("Name").strip();
            if (name.isEmpty()) {
                throw EnrollmentRefused.format("a ContextItem has no Name");
            }
            String value = SoapEnvelope.optionalText(item, AUTHORIZATION, "Value").orElse("");
            items.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        Map<String, List<String>> frozen = new LinkedHashMap<>();
        items.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(frozen);
    }

    private static void crossCheck(String deviceId, String source, Optional<String> fromCsr) {
        if (fromCsr.isPresent() && !fromCsr.get().equalsIgnoreCase(deviceId)) {
            throw new EnrollmentRefused(EnrollmentFault.CERTIFICATE_REQUEST,
                    "the DeviceID does not match the one in " + source);
        }
    }
}
