package io.latchkey.channel.windows.enrollment;

import io.latchkey.core.Rejected;

/**
 * An enrollment message was refused: a {@link Rejected} of kind INVALID (HTTP 400 for the generic
 * mapping) that also names the MS-MDE2 §2.2.10 fault the device should be told. The message never
 * quotes credentials or the body.
 */
public final class EnrollmentRefused extends Rejected {
    private final EnrollmentFault fault;

    public EnrollmentRefused(EnrollmentFault fault, String message) {
        super(Kind.INVALID, message);
        this.fault = fault;
    }

    public EnrollmentFault fault() {
        return fault;
    }

    /** The fault for any refusal: ours carry one, anything else (malformed XML) is a format error. */
    public static EnrollmentFault faultOf(Rejected refusal) {
        return refusal instanceof EnrollmentRefused r ? r.fault : EnrollmentFault.MESSAGE_FORMAT;
    }

    static EnrollmentRefused format(String message) {
        return new EnrollmentRefused(EnrollmentFault.MESSAGE_FORMAT, message);
    }
}
