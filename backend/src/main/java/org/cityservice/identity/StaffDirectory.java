package org.cityservice.identity;

import org.cityservice.shared.ApiException;
import org.cityservice.shared.ProblemType;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Looks up what a staff caller may work on; features ask here rather than reading accounts. */
@Component
public class StaffDirectory {

    private final StaffStore staff;

    StaffDirectory(StaffStore staff) {
        this.staff = staff;
    }

    /** Fails with 403 for a caller that is not (or no longer) an enabled staff member. */
    public Mono<StaffScope> scopeOf(Caller caller) {
        if (!caller.staff()) {
            return Mono.error(forbidden());
        }
        return staff.find(caller.subject())
                .filter(StaffAccount::enabled)
                .map(account -> new StaffScope(account.role(), account.district(), account.stationId()))
                .switchIfEmpty(Mono.error(StaffDirectory::forbidden));
    }

    private static ApiException forbidden() {
        return new ApiException(ProblemType.FORBIDDEN, "您没有权限进行此操作");
    }
}
