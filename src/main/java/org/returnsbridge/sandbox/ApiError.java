package org.returnsbridge.sandbox;

/**
 * A request the sandbox refuses, with the HTTP status to answer. Each API turns it into its own
 * vendor's error body ({@code {"detail"}} for Reveni, {@code {"statuscode","errortext"}} for Sitoo),
 * so validation code can simply throw without knowing which vendor it serves.
 */
final class ApiError extends RuntimeException {

    private final int status;

    ApiError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, message);
    }

    static ApiError notFound(String message) {
        return new ApiError(404, message);
    }

    int status() {
        return status;
    }
}
