package io.latchkey.channel.windows.enrollment;

import java.nio.charset.StandardCharsets;

import static io.latchkey.channel.windows.enrollment.EnrollmentNames.ADDRESSING;
import static io.latchkey.channel.windows.enrollment.EnrollmentNames.POLICY;
import static io.latchkey.channel.windows.enrollment.EnrollmentNames.SOAP;
import static io.latchkey.channel.windows.enrollment.EnrollmentNames.XSI;
import static io.latchkey.channel.windows.enrollment.XmlText.escape;

/**
 * The MS-XCEP {@code GetPoliciesResponse} (MS-XCEP §3.1.4.1.2.2; what the client reads of it:
 * MS-MDE2 §3.3.4.1.1.2). Windows evaluates policySchema (MUST be 3), minimalKeyLength and
 * hashAlgorithmOIDReference (on-premise enrollment guide: "We will first support the
 * minimalKeyLength, the hashAlgorithmOIDReference policies, and the CryptoProviders"). The hash
 * reference is nil, so the device picks its default and signs its CSR with SHA-1 (capture).
 * Unlike the captured PoC response, this one is well-formed, and every element of the
 * MS-XCEP Attributes sequence is present (nil where unused).
 */
public final class PolicyResponses {
    public static final int MINIMAL_KEY_LENGTH = 2048;
    /** szOID_CERTIFICATE_TEMPLATE_NAME, the single OID the policy lists (as the capture does). */
    public static final String TEMPLATE_NAME_OID = "1.3.6.1.4.1.311.20.2";
    private static final int TEMPLATE_OID_REFERENCE = 5;

    private PolicyResponses() {
    }

    /** @return the SOAP envelope, UTF-8, with RelatesTo = the request's MessageID */
    public static byte[] getPolicies(PolicyRequest request) {
        String nil = " xsi:nil=\"true\"/>";
        StringBuilder xml = new StringBuilder(2048);
        xml.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>")
                .append("<s:Envelope xmlns:s=\"").append(SOAP).append("\" xmlns:a=\"").append(ADDRESSING).append("\">")
                .append("<s:Header>")
                .append("<a:Action s:mustUnderstand=\"1\">").append(EnrollmentNames.GET_POLICIES_RESPONSE_ACTION).append("</a:Action>")
                .append("<a:RelatesTo>").append(escape(request.messageId())).append("</a:RelatesTo>")
                .append("</s:Header>")
                .append("<s:Body xmlns:xsi=\"").append(XSI).append("\">")
                .append("<GetPoliciesResponse xmlns=\"").append(POLICY).append("\">")
                .append("<response>")
                .append("<policyID/>")
                .append("<policyFriendlyName").append(nil)
                .append("<nextUpdateHours").append(nil)
                .append("<policiesNotChanged").append(nil)
                .append("<policies><policy>")
                .append("<policyOIDReference>").append(TEMPLATE_OID_REFERENCE).append("</policyOIDReference>")
                .append("<cAs").append(nil)
                .append("<attributes>")
                .append("<commonName>Latchkey</commonName>")
                .append("<policySchema>3</policySchema>")
                // One year / renew in the last six weeks: advisory, the issuing CA decides the real validity.
                .append("<certificateValidity><validityPeriodSeconds>31536000</validityPeriodSeconds>")
                .append("<renewalPeriodSeconds>3628800</renewalPeriodSeconds></certificateValidity>")
                .append("<permission><enroll>true</enroll><autoEnroll>false</autoEnroll></permission>")
                .append("<privateKeyAttributes>")
                .append("<minimalKeyLength>").append(MINIMAL_KEY_LENGTH).append("</minimalKeyLength>")
                .append("<keySpec").append(nil)
                .append("<keyUsageProperty").append(nil)
                .append("<permissions").append(nil)
                .append("<algorithmOIDReference").append(nil)
                .append("<cryptoProviders").append(nil)
                .append("</privateKeyAttributes>")
                .append("<revision><majorRevision>101</majorRevision><minorRevision>0</minorRevision></revision>")
                .append("<supersededPolicies").append(nil)
                .append("<privateKeyFlags").append(nil)
                .append("<subjectNameFlags").append(nil)
                .append("<enrollmentFlags").append(nil)
                .append("<generalFlags").append(nil)
                .append("<hashAlgorithmOIDReference").append(nil)
                .append("<rARequirements").append(nil)
                .append("<keyArchivalAttributes").append(nil)
                .append("<extensions").append(nil)
                .append("</attributes>")
                .append("</policy></policies>")
                .append("</response>")
                .append("<cAs").append(nil)
                .append("<oIDs><oID>")
                .append("<value>").append(TEMPLATE_NAME_OID).append("</value>")
                .append("<group>1</group>")
                .append("<oIDReferenceID>").append(TEMPLATE_OID_REFERENCE).append("</oIDReferenceID>")
                .append("<defaultName>Certificate Template Name</defaultName>")
                .append("</oID></oIDs>")
                .append("</GetPoliciesResponse>")
                .append("</s:Body>")
                .append("</s:Envelope>");
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }
}
