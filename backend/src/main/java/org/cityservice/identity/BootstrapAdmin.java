package org.cityservice.identity;

import java.security.SecureRandom;
import java.util.Base64;
import org.cityservice.redis.StartupRetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The first ADMIN account, so a fresh installation has a way in: created at start when no account
 * of its username exists, with the password from {@code app.identity.bootstrap-admin.password}
 * ({@code APP_IDENTITY_BOOTSTRAP_ADMIN_PASSWORD}), or, with none configured, a random one that is
 * logged once, now, and never again. There is no default password.
 */
@Component
public class BootstrapAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

    private final StaffStore staff;
    private final Passwords passwords;
    private final IdentityProperties.BootstrapAdmin settings;
    private final StartupRetry startup;

    BootstrapAdmin(StaffStore staff, Passwords passwords, IdentityProperties properties, StartupRetry startup) {
        this.staff = staff;
        this.passwords = passwords;
        this.settings = properties.bootstrapAdmin();
        this.startup = startup;
    }

    /** Waits for a slow or loading Redis (readiness stays DOWN meanwhile) rather than failing the start. */
    @Override
    public void run(ApplicationArguments args) {
        startup.retrying("Bootstrap admin", ensure()).block();
    }

    /** @return true if the account was created now */
    public Mono<Boolean> ensure() {
        boolean generated = settings.password() == null || settings.password().isBlank();
        String password = generated ? randomPassword() : settings.password();
        if (!generated) {
            Passwords.requireAcceptable("app.identity.bootstrap-admin.password", password);
        }
        return staff.find(settings.username())
                .hasElement()
                .flatMap(exists -> exists
                        ? Mono.just(false)
                        : passwords
                                .hash(password)
                                .map(hash -> new StaffAccount(
                                        settings.username(),
                                        "系统管理员",
                                        Caller.Kind.ADMIN,
                                        null,
                                        null,
                                        hash,
                                        true,
                                        staff.now()))
                                .flatMap(staff::create)
                                .doOnNext(created -> {
                                    if (created && generated) {
                                        log.warn(
                                                "Created the bootstrap admin account '{}' with the generated password {} "
                                                        + "(shown once; change it with POST /api/v1/admin/me/password)",
                                                settings.username(),
                                                password);
                                    } else if (created) {
                                        log.info(
                                                "Created the bootstrap admin account '{}' with the configured password",
                                                settings.username());
                                    }
                                }));
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
