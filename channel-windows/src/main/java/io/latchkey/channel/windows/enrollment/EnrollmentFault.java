package io.latchkey.channel.windows.enrollment;

/**
 * The SOAP fault subcodes of MS-MDE2 §2.2.10 ("Faults"), with the HRESULT the device shows the user.
 * The spec's own example answers an authorization refusal with {@code s:Receiver}; a message the
 * device got wrong (format, security header) is a {@code s:Sender} fault in SOAP 1.2 terms.
 */
public enum EnrollmentFault {
    /** MENROLL_E_DEVICE_MESSAGE_FORMAT_ERROR: the message format is bad. */
    MESSAGE_FORMAT("s:MessageFormat", "s:Sender", 0x80180001L),
    /** MENROLL_E_DEVICE_AUTHENTICATION_ERROR: user not recognized (wrong code or password). */
    AUTHENTICATION("s:Authentication", "s:Receiver", 0x80180002L),
    /** MENROLL_E_DEVICE_AUTHORIZATION_ERROR: user not allowed to enroll. */
    AUTHORIZATION("s:Authorization", "s:Receiver", 0x80180003L),
    /** MENROLL_E_DEVICE_CERTIFCATEREQUEST_ERROR: failed to get a certificate (a bad CSR). */
    CERTIFICATE_REQUEST("s:CertificateRequest", "s:Receiver", 0x80180004L),
    /** MENROLL_E_DEVICE_CONFIGMGRSERVER_ERROR: generic failure of the management server. */
    ENROLLMENT_SERVER("s:EnrollmentServer", "s:Receiver", 0x80180005L),
    /** MENROLL_E_DEVICE_INTERNALSERVICE_ERROR: unhandled failure in the server. */
    INTERNAL_SERVICE_FAULT("s:InternalServiceFault", "s:Receiver", 0x80180006L),
    /** MENROLL_E_DEVICE_INVALIDSECURITY_ERROR: the security header could not be read. */
    INVALID_SECURITY("a:InvalidSecurity", "s:Sender", 0x80180007L);

    private final String subcode;
    private final String code;
    private final long hresult;

    EnrollmentFault(String subcode, String code, long hresult) {
        this.subcode = subcode;
        this.code = code;
        this.hresult = hresult;
    }

    /** The prefixed subcode as written in the fault ({@code s:} the SOAP envelope, {@code a:} WS-Addressing). */
    public String subcode() {
        return subcode;
    }

    /** {@code s:Sender} or {@code s:Receiver}. */
    public String code() {
        return code;
    }

    public long hresult() {
        return hresult;
    }
}
