package org.cityservice.identity;

import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/** What other features may know of a resident: whether and which phone is bound, for call-backs and SMS. */
@Component
public class ResidentDirectory {

    private final ResidentStore residents;

    ResidentDirectory(ResidentStore residents) {
        this.residents = residents;
    }

    /** Empty when the resident bound no phone (or no longer exists). */
    public Mono<String> boundPhone(String residentId) {
        return residents.find(residentId).flatMap(resident -> Mono.justOrEmpty(resident.phone()));
    }
}
