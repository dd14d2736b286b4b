package org.cityservice.listing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.cityservice.district.Districts;
import org.cityservice.identity.Caller;
import org.cityservice.identity.StaffDirectory;
import org.cityservice.shared.ApiException;
import org.cityservice.shared.FieldViolation;
import org.cityservice.shared.Paging;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import reactor.core.publisher.Mono;

/**
 * Staff keep the listings current: list (paged, by district), read, create, replace and delete,
 * each within their scope ({@link ListingEditPolicy}). A change names the version it is based on in
 * {@code If-Match}; if someone else changed the listing since, the answer is 409 and nothing is written. A change
 * is answered once this backend's nearby index has it, so the staff member sees it on the map at once.
 */
@SecurityRequirement(name = "bearer")
abstract class ListingAdminController<T extends Listing, R extends ListingRequest<T>, V> {

    static final int MAX_PAGE_SIZE = 100;

    private final ListingReader<T, V> reader;
    private final ListingStore store;
    private final ListingIndex index;
    private final StaffDirectory staff;
    private final Districts districts;

    ListingAdminController(
            ListingReader<T, V> reader,
            ListingStore store,
            ListingIndex index,
            StaffDirectory staff,
            Districts districts) {
        this.reader = reader;
        this.store = store;
        this.index = index;
        this.staff = staff;
        this.districts = districts;
    }

    @GetMapping
    @Operation(summary = "List, in creation order, optionally one district")
    Mono<PageResponse<V>> list(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(defaultValue = "1") Integer page,
            @RequestParam(defaultValue = "20") Integer size,
            @RequestParam(required = false) String district) {
        Paging.check(page, size, MAX_PAGE_SIZE);
        String requested = district == null || district.isBlank() ? null : district.trim();
        return staff.scopeOf(caller)
                .map(scope -> Optional.ofNullable(ListingEditPolicy.listableDistrict(scope, requested)))
                .flatMap(oneDistrict ->
                        store.page(reader.type(), oneDistrict.orElse(null), (long) (page - 1) * size, size))
                .map(found -> new PageResponse<>(
                        found.items().stream().map(reader::present).toList(), page, size, found.total()));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One listing; its ETag is the version to send back in If-Match")
    Mono<ResponseEntity<V>> get(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
        return Mono.zip(staff.scopeOf(caller), reader.find(id))
                .doOnNext(both -> ListingEditPolicy.requireRead(
                        both.getT1(), reader.type(), both.getT2().listing()))
                .map(both -> withVersion(ResponseEntity.ok(), both.getT2()));
    }

    @PostMapping
    @ApiResponse(responseCode = "201", description = "已创建")
    @Operation(summary = "Create; the id is given out")
    Mono<ResponseEntity<V>> create(
            @AuthenticationPrincipal Caller caller, @Valid @RequestBody R request, ServerHttpRequest http) {
        requireRegistered(request);
        return staff.scopeOf(caller)
                .doOnNext(scope -> ListingEditPolicy.requireCreate(scope, reader.type(), request.district()))
                .then(store.create(reader.type(), request::toListing))
                .flatMap(saved -> index.catchUp(reader.type()).thenReturn(saved))
                .map(saved -> withVersion(
                        ResponseEntity.created(location(http, saved.listing().id())), saved));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Replace, if If-Match still names the current version")
    Mono<ResponseEntity<V>> update(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody R request) {
        long expected = IfMatch.version(ifMatch);
        requireRegistered(request);
        T changed = request.toListing(id);
        return Mono.zip(staff.scopeOf(caller), reader.find(id))
                .doOnNext(both -> ListingEditPolicy.requireChange(
                        both.getT1(), reader.type(), both.getT2().listing(), changed))
                .flatMap(both -> store.update(reader.type(), changed, expected))
                .flatMap(saved -> index.catchUp(reader.type()).thenReturn(saved))
                .map(saved -> withVersion(ResponseEntity.ok(), saved));
    }

    @DeleteMapping("/{id}")
    @ApiResponse(responseCode = "204", description = "已删除")
    @Operation(summary = "Delete, if If-Match still names the current version")
    Mono<ResponseEntity<Void>> delete(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        long expected = IfMatch.version(ifMatch);
        return Mono.zip(staff.scopeOf(caller), reader.find(id))
                .doOnNext(both -> ListingEditPolicy.requireDelete(
                        both.getT1(), reader.type(), both.getT2().listing()))
                .flatMap(both -> store.delete(reader.type(), id, expected))
                .then(index.catchUp(reader.type()))
                .thenReturn(ResponseEntity.noContent().build());
    }

    /** A listing's district decides where its cases go and whose dispatcher sees them: only registered ones. */
    private void requireRegistered(R request) {
        if (!districts.registered(request.district())) {
            throw ApiException.invalid(
                    List.of(new FieldViolation("district", districts.unknownMessage(request.district()))));
        }
    }

    private ResponseEntity<V> withVersion(ResponseEntity.BodyBuilder response, Versioned<T> stored) {
        return response.eTag(IfMatch.etag(stored.version())).body(reader.present(stored));
    }

    private static URI location(ServerHttpRequest request, String id) {
        return URI.create(request.getPath().value() + "/" + id);
    }
}
