package io.latchkey.simulator.android;

/** A Google API error: HTTP status, google.rpc status name and message, as {@code {"error":{…}}}. */
final class ApiError extends RuntimeException {
    private final int httpStatus;
    private final String status;

    ApiError(int httpStatus, String status, String message) {
        super(message);
        this.httpStatus = httpStatus;
        this.status = status;
    }

    static ApiError notFound(String what) {
        return new ApiError(404, "NOT_FOUND", "Requested entity was not found: " + what);
    }

    static ApiError invalid(String message) {
        return new ApiError(400, "INVALID_ARGUMENT", message);
    }

    int httpStatus() {
        return httpStatus;
    }

    String status() {
        return status;
    }
}
