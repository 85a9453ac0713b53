package io.latchkey.channel.windows.enrollment;

/**
 * Namespaces, SOAP actions and token types of Windows enrollment, exactly as devices send and
 * expect them. Sources: MS-MDE2 §3.1.4.1 (discovery), §3.2/§3.3 (MS-XCEP GetPolicies, MS-WSTEP
 * RequestSecurityToken), the real Windows 10 capture in shared/fixtures/windows and the namespace
 * list in reference windows-mdm.md §1.1.
 */
public final class EnrollmentNames {
    public static final String SOAP = "http://www.w3.org/2003/05/soap-envelope";
    public static final String ADDRESSING = "http://www.w3.org/2005/08/addressing";
    public static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    public static final String WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    public static final String WS_TRUST = "http://docs.oasis-open.org/ws-sx/ws-trust/200512";
    public static final String AUTHORIZATION = "http://schemas.xmlsoap.org/ws/2006/12/authorization";
    public static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    /** MS-MDE2 §3.1.4.1: the discovery service namespace. */
    public static final String DISCOVERY = "http://schemas.microsoft.com/windows/management/2012/01/enrollment";
    /** MS-XCEP: the enrollment policy namespace. */
    public static final String POLICY = "http://schemas.microsoft.com/windows/pki/2009/01/enrollmentpolicy";
    /** MS-WSTEP: DispositionMessage, RequestID and the PKCS#10 value type live here. */
    public static final String WSTEP = "http://schemas.microsoft.com/windows/pki/2009/01/enrollment";

    public static final String DISCOVER_ACTION = DISCOVERY + "/IDiscoveryService/Discover";
    public static final String DISCOVER_RESPONSE_ACTION = DISCOVERY + "/IDiscoveryService/DiscoverResponse";
    public static final String GET_POLICIES_ACTION = POLICY + "/IPolicy/GetPolicies";
    public static final String GET_POLICIES_RESPONSE_ACTION = POLICY + "/IPolicy/GetPoliciesResponse";
    public static final String RST_ACTION = WSTEP + "/RST/wstep";
    public static final String RSTRC_ACTION = WSTEP + "/RSTRC/wstep";

    /** MS-MDE2 §3.3: the token type of an enrollment request and of its response. */
    public static final String DEVICE_ENROLLMENT_TOKEN =
            "http://schemas.microsoft.com/5.0.0.0/ConfigurationManager/Enrollment/DeviceEnrollmentToken";
    public static final String PROVISION_DOC_VALUE_TYPE =
            "http://schemas.microsoft.com/5.0.0.0/ConfigurationManager/Enrollment/DeviceEnrollmentProvisionDoc";
    public static final String ISSUE_REQUEST_TYPE = WS_TRUST + "/Issue";
    public static final String PKCS10_VALUE_TYPE = WSTEP + "#PKCS10";
    public static final String BASE64_ENCODING = WSSE + "#base64binary";
    public static final String PASSWORD_TEXT =
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText";

    /** MS-MDE2 §3.1.4.1.3.2: the only auth policy this server answers. */
    public static final String ON_PREMISE = "OnPremise";

    private EnrollmentNames() {
    }
}
