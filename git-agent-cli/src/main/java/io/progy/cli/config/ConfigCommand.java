package io.progy.cli.config;

import io.progy.cli.CliException;
import io.progy.cli.ExitCode;
import io.progy.cli.ProgyCommand;
import io.progy.cli.telemetry.Telemetry;
import java.util.LinkedHashMap;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code progy config [telemetry [on|off]]}: show or change a setting in {@code $PROGY_HOME/settings.json}. */
@Command(
        name = "config",
        mixinStandardHelpOptions = true,
        description = {
            "Show or change your settings (kept in $PROGY_HOME/settings.json).",
            "telemetry on|off: whether each check you run is reported to the course's server (the course, version"
                    + " and exercise, pass or fail, how long it took and when; never your code or its output)."
                    + " Turning it off also deletes the checks queued and not yet sent. PROGY_TELEMETRY=off turns it"
                    + " off too, for as long as it is set."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  progy config", "  progy config telemetry off", "  progy config telemetry --format json"})
public final class ConfigCommand extends ProgyCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "SETTING", description = "The setting: telemetry.")
    String setting;

    @Parameters(index = "1", arity = "0..1", paramLabel = "VALUE", description = "The new value: on or off.")
    String value;

    @Override
    protected int run() throws Exception {
        if (setting != null && !setting.equals("telemetry")) {
            throw CliException.usage("unknown setting '" + setting + "': the settings are: telemetry");
        }
        var settings = Settings.load(context().home());
        var telemetry = telemetry();
        if (value != null) {
            boolean on =
                    switch (value.toLowerCase(Locale.ROOT)) {
                        case "on" -> true;
                        case "off" -> false;
                        default -> throw CliException.usage("telemetry is on or off, not '" + value + "'");
                    };
            settings.setTelemetry(on);
            settings.save();
            int discarded = on ? 0 : telemetry.discardQueued();
            if (!output().json()) {
                output().println("telemetry = " + (on ? "on" : "off"));
                if (on) {
                    output().info("Checks are reported to the course's server again (pass or fail, duration; never"
                            + " code).");
                } else {
                    output().info("Checks are no longer recorded or sent"
                            + (discarded > 0 ? "; deleted " + discarded + " queued and unsent" : "") + ".");
                }
            }
        }
        boolean effective = telemetry.enabled();
        if (output().json()) {
            var result = new LinkedHashMap<String, Object>();
            result.put("telemetry", settings.telemetry() ? "on" : "off");
            result.put("telemetry_effective", effective ? "on" : "off");
            result.put("queued_checks", telemetry.queued());
            result.put("file", settings.file().toString());
            output().printJson(result);
        } else if (value == null) {
            output().println("telemetry = " + (settings.telemetry() ? "on" : "off"));
            if (settings.telemetry() && !effective) {
                output().info("(off for now: " + Telemetry.ENV + " is set to '"
                        + context().env(Telemetry.ENV).orElse("") + "')");
            }
            if (telemetry.queued() > 0) {
                output().info(telemetry.queued() + " checks queued, to be sent to the course's server.");
            }
        }
        return ExitCode.OK;
    }
}
