package org.cityservice.open311;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import org.cityservice.identity.Caller;
import org.cityservice.shared.ApiException;
import org.cityservice.shared.TimeConfiguration;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** ADMIN issues an Open311 api_key to each integrator, lists them, revokes one. The secret is shown once. */
@RestController
@RequestMapping("/api/v1/admin/open311/keys")
@Tag(name = "Open311", description = "GeoReport v2 api_keys for integrators (ADMIN)")
class ApiKeyController {

    private final ApiKeys keys;

    ApiKeyController(ApiKeys keys) {
        this.keys = keys;
    }

    /** @param name who the key is for, e.g. the integrator's organisation */
    record NewKeyRequest(@NotBlank @Size(max = 100) String name) {}

    /** A key without its secret. */
    record KeyView(String id, String name, OffsetDateTime createdAt, String createdBy) {

        static KeyView of(ApiKeys.ApiKey key) {
            return new KeyView(
                    key.id(),
                    key.name(),
                    key.createdAt().atZone(TimeConfiguration.SHANGHAI).toOffsetDateTime(),
                    key.createdBy());
        }
    }

    /** @param apiKey the secret, shown this once only: we keep its hash */
    record IssuedView(String id, String name, OffsetDateTime createdAt, String createdBy, String apiKey) {}

    @PostMapping
    @ApiResponse(responseCode = "201", description = "issued: the api_key is in this answer only")
    @Operation(summary = "Issue an Open311 api_key to an integrator; the secret is shown once")
    Mono<ResponseEntity<IssuedView>> issue(
            @AuthenticationPrincipal Caller caller, @Valid @RequestBody NewKeyRequest request) {
        return keys.issue(request.name().strip(), caller.subject()).map(issued -> {
            KeyView view = KeyView.of(issued.key());
            return ResponseEntity.created(URI.create("/api/v1/admin/open311/keys/" + view.id()))
                    .body(new IssuedView(view.id(), view.name(), view.createdAt(), view.createdBy(), issued.secret()));
        });
    }

    @GetMapping
    @Operation(summary = "The Open311 api_keys in force (without their secrets)")
    Mono<List<KeyView>> list() {
        return keys.all()
                .map(KeyView::of)
                .sort((a, b) -> a.createdAt().compareTo(b.createdAt()))
                .collectList();
    }

    @DeleteMapping("/{id}")
    @ApiResponse(responseCode = "204", description = "revoked; the key's cases stay")
    @Operation(summary = "Revoke an Open311 api_key at once")
    Mono<ResponseEntity<Void>> revoke(@PathVariable String id) {
        return keys.revoke(id)
                .flatMap(revoked -> revoked
                        ? Mono.just(ResponseEntity.noContent().<Void>build())
                        : Mono.error(ApiException.notFound("没有编号为 " + id + " 的 Open311 密钥")));
    }
}
