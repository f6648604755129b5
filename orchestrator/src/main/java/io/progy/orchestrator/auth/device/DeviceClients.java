package io.progy.orchestrator.auth.device;

import java.util.Map;
import java.util.Optional;

/**
 * The clients that may start a device login, by {@code client_id}, with the name the approval page shows. A
 * fixed list: the page must never show a name the requester made up.
 */
final class DeviceClients {

    static final String PROGY_CLI = "progy-cli";

    private static final Map<String, String> NAMES = Map.of(PROGY_CLI, "Progy CLI");

    private DeviceClients() {}

    static Optional<String> name(String clientId) {
        return Optional.ofNullable(clientId).map(NAMES::get);
    }
}
