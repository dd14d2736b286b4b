package org.cityservice.identity;

import org.springframework.context.ApplicationContext;

/** Lets tests of other features move a store of the one-tag layout's residents, as the first start would. */
public final class IdentityTestAccess {

    private final IdentityShardMigration migration;

    public IdentityTestAccess(ApplicationContext context) {
        this.migration = context.getBean(IdentityShardMigration.class);
    }

    public void migrate() {
        migration.migrate().block();
    }
}
