package io.progy.orchestrator.auth.device;

import org.springframework.http.HttpStatus;

/**
 * An OAuth error of the device endpoints, answered as RFC 6749 section 5.2 / RFC 8628 section 3.5 say:
 * {@code application/json} {@code {"error", "error_description"}}, status 400 (401 for {@code invalid_client}).
 */
public class DeviceGrantException extends RuntimeException {

    private final String error;
    private final HttpStatus status;

    DeviceGrantException(String error, String description) {
        this(error, description, HttpStatus.BAD_REQUEST);
    }

    DeviceGrantException(String error, String description, HttpStatus status) {
        super(description, null, false, false);
        this.error = error;
        this.status = status;
    }

    public String error() {
        return error;
    }

    public HttpStatus status() {
        return status;
    }

    static DeviceGrantException pending() {
        return new DeviceGrantException("authorization_pending", "the user has not yet approved this code");
    }

    static DeviceGrantException slowDown(int interval) {
        return new DeviceGrantException(
                "slow_down", "polling too fast: wait at least " + interval + " seconds between requests");
    }
}
