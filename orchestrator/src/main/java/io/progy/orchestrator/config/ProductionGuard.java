package io.progy.orchestrator.config;

/**
 * In production mode the server refuses to start on a development default, so a misconfigured
 * deployment fails at once instead of quietly keeping data in an embedded file.
 */
final class ProductionGuard {

    private ProductionGuard() {}

    static void refuseDevDefaults(ProgyProperties properties) {
        if (properties.mode() != ProgyProperties.Mode.PRODUCTION) {
            return;
        }
        if (properties.database().kind() == DatabaseSettings.Kind.H2) {
            throw new InvalidConfigurationException(
                    "PROGY_MODE=production refuses the embedded H2 database.",
                    "Set PROGY_DATABASE_URL=r2dbc:postgresql://user:pass@host:5432/db, or leave PROGY_MODE unset.");
        }
    }
}
