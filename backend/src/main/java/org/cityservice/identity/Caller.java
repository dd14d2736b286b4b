package org.cityservice.identity;

/**
 * Who is calling, as the security filter established it: a resident (by our resident id, never the
 * openid), a staff member, or the bootstrap admin. Controllers receive it as the principal.
 */
public record Caller(Kind kind, String subject) {

    public enum Kind {
        RESIDENT, ADMIN;

        String role() {
            return "ROLE_" + name();
        }
    }

    static Caller parse(String stored) {
        int space = stored.indexOf(' ');
        return new Caller(Kind.valueOf(stored.substring(0, space)), stored.substring(space + 1));
    }

    String stored() {
        return kind.name() + " " + subject;
    }
}
