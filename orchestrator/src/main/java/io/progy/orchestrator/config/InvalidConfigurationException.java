package io.progy.orchestrator.config;

/**
 * A setting the server refuses to start with. {@link InvalidConfigurationFailureAnalyzer} reports it as
 * a short "what is wrong / what to do" message instead of a stack trace.
 */
public class InvalidConfigurationException extends RuntimeException {

    private final String action;

    public InvalidConfigurationException(String message, String action) {
        super(message);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
