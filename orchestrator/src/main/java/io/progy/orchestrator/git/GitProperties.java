package io.progy.orchestrator.git;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Git settings, bound from {@code progy.git.*}; defaults in {@code application.yml}.
 *
 * @param credentialsTtl how long a token from {@code POST /v1/git/credentials} stays valid
 * @param maxPushSize the largest pack a push may send to the builtin host
 * @param tokenSweepInterval how often expired git tokens are deleted
 */
@ConfigurationProperties("progy.git")
public record GitProperties(Duration credentialsTtl, DataSize maxPushSize, Duration tokenSweepInterval) {}
