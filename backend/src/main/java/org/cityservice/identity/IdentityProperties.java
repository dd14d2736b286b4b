package org.cityservice.identity;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param sessionTtl       how long a resident's session lives after its last use (sliding)
 * @param staffSessionTtl  the same for staff: a working day, not a week
 * @param login            how many password guesses a staff account gets, and per how long
 * @param bootstrapAdmin   the first ADMIN account, created on first start if no account of that name exists
 * @param sessionCache     sessions resolved lately, held in memory so that a request costs no round trip for its token
 */
@ConfigurationProperties("app.identity")
public record IdentityProperties(
        @DefaultValue("7d") Duration sessionTtl,
        @DefaultValue("12h") Duration staffSessionTtl,
        @DefaultValue Login login,
        @DefaultValue BootstrapAdmin bootstrapAdmin,
        @DefaultValue SessionCache sessionCache) {

    /**
     * @param maxAge     how long a resolved session is trusted without asking Redis again; 0 turns the cache off
     * @param poll       how often the log of ended sessions is read: a session ended on another backend is refused
     *                   here within about this long
     * @param maxEntries sessions held at most (the least recently resolved go first)
     */
    public record SessionCache(
            @DefaultValue("30s") Duration maxAge,
            @DefaultValue("250ms") Duration poll,
            @DefaultValue("100000") long maxEntries) {}

    /**
     * @param maxFailures                 password checks per window (logins and password changes); when used up the account is locked
     * @param lockout                     the window's length, from its first guess: how long a full window keeps the account locked
     * @param perAddressPerMinute         staff logins one client address may try per minute
     * @param residentPerAddressPerMinute resident (WeChat) logins one client address may try per minute; many phones share
     *                                    a carrier's address, so more
     * @param passwordThreads             BCrypt checks under way at once on one instance; the rest of the CPU stays for everyone else
     * @param passwordQueue               checks that may wait for one of those; more are refused (503) rather than queued
     */
    public record Login(
            @DefaultValue("5") int maxFailures,
            @DefaultValue("15m") Duration lockout,
            @DefaultValue("20") int perAddressPerMinute,
            @DefaultValue("120") int residentPerAddressPerMinute,
            @DefaultValue("1") int passwordThreads,
            @DefaultValue("16") int passwordQueue) {}

    /** @param password unset: a random one is generated and logged once, when the account is created */
    public record BootstrapAdmin(@DefaultValue("admin") String username, String password) {}
}
