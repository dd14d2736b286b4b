package org.cityservice.identity;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** What other features may know of a resident: their openid (for WeChat) and bound phone (for call-backs and SMS). */
@Component
public class ResidentDirectory {

    private final ResidentStore residents;

    ResidentDirectory(ResidentStore residents) {
        this.residents = residents;
    }

    /** Empty when the account no longer exists. */
    public Mono<Resident> resident(String residentId) {
        return residents.find(residentId);
    }

    /** Empty when the resident bound no phone (or no longer exists). */
    public Mono<String> boundPhone(String residentId) {
        return residents.find(residentId).flatMap(resident -> Mono.justOrEmpty(resident.phone()));
    }
}
