package org.cityservice.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one ADMIN credential of the foundation: taken from configuration, never from the code. With
 * none configured a random 256-bit token is made at start and logged once, as Spring Security does
 * with its generated password, so a fresh checkout still has a way in and no default secret exists.
 */
@Component
class BootstrapAdminToken {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdminToken.class);
    private static final int MIN_LENGTH = 16;

    private final byte[] token;

    BootstrapAdminToken(AdminTokenProperties properties) {
        String configured = properties.bootstrapAdminToken();
        if (configured == null || configured.isBlank()) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            configured = HexFormat.of().formatHex(random);
            log.warn("No app.security.bootstrap-admin-token configured; generated one for this run: {}", configured);
        } else if (configured.length() < MIN_LENGTH) {
            throw new IllegalStateException("app.security.bootstrap-admin-token must have at least " + MIN_LENGTH + " characters");
        }
        this.token = configured.getBytes(StandardCharsets.UTF_8);
    }

    /** Constant time, so the comparison leaks nothing about how much of a guess was right. */
    boolean matches(String candidate) {
        return MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
    }
}
