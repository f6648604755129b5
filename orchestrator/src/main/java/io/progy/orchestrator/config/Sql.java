package io.progy.orchestrator.config;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

/** Small helpers that keep SQL code identical on H2 and PostgreSQL. */
public final class Sql {

    private Sql() {}

    /** Now, at the precision both databases keep (microseconds), so a value reads back equal. */
    public static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    public static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    public static Instant instant(Readable row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    public static long longValue(Readable row, String column) {
        Number value = row.get(column, Number.class);
        if (value == null) {
            throw new IllegalStateException("column " + column + " is null");
        }
        return value.longValue();
    }

    /** Binds a value that may be null (R2DBC needs the type for a null). */
    public static <T> GenericExecuteSpec bind(GenericExecuteSpec spec, String name, T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    /** True for a unique-constraint (or other integrity) violation, as both drivers report it. */
    public static boolean isConstraintViolation(Throwable error) {
        return error instanceof DataIntegrityViolationException;
    }

    /** Escapes LIKE wildcards so user text matches literally (with {@code ESCAPE '\'}). */
    public static String likeContains(String text) {
        String escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }
}
