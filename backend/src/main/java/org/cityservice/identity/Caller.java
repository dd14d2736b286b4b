package org.cityservice.identity;

import org.springframework.security.core.Authentication;

/**
 * Who is calling, as the security filter established it: a resident (by our resident id, never the
 * openid) or a staff member (by username, with the role of their account). Controllers receive it
 * as the principal.
 */
public record Caller(Kind kind, String subject) {

    /** A resident, or one of the three staff roles; each is the Spring Security role of the same name. */
    public enum Kind {
        RESIDENT("居民"),
        ADMIN("管理员"),
        /** works the cases of one district */
        DISPATCHER("调度员"),
        /** works the cases of one community station */
        STATION_STAFF("服务站工作人员");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public boolean staff() {
            return this != RESIDENT;
        }

        String role() {
            return "ROLE_" + name();
        }
    }

    public boolean staff() {
        return kind.staff();
    }

    /** The caller an authenticated request carries (the security filter sets it on every session). */
    public static Caller of(Authentication authentication) {
        if (!(authentication.getPrincipal() instanceof Caller caller)) {
            throw new IllegalStateException("an authenticated request without its Caller");
        }
        return caller;
    }

    static Caller parse(String stored) {
        int space = stored.indexOf(' ');
        return new Caller(Kind.valueOf(stored.substring(0, space)), stored.substring(space + 1));
    }

    String stored() {
        return kind.name() + " " + subject;
    }
}
