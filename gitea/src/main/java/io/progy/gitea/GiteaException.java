package io.progy.gitea;

/** A Gitea call that failed: an error answer from the server, or no answer at all. */
public final class GiteaException extends RuntimeException {

    private final int status;

    GiteaException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status Gitea answered with, or 0 when it could not be reached. */
    public int status() {
        return status;
    }

    /**
     * Whether trying again later may succeed: no answer at all, or a gateway or overload answer (502, 503, 504)
     * from Gitea or a proxy in front of it.
     */
    public boolean isTransient() {
        return status == 0 || status == 502 || status == 503 || status == 504;
    }
}
