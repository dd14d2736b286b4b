package org.cityservice.hotline;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cityservice.complaint.Complaint;
import org.cityservice.complaint.IntegrationCases;
import org.cityservice.identity.Resident;
import org.cityservice.shared.ApiException;
import org.cityservice.shared.Coordinates;
import org.cityservice.shared.FieldViolation;
import org.cityservice.shared.GeoPoint;
import org.cityservice.shared.ProblemType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * 工单 intake from a 12345 hotline platform (docs/hotline.md): a signed, fresh, never-seen request
 * ({@link HotlineGate}) with an order becomes a case, once per platform and order id — a platform that re-sends an
 * order (it did not hear our answer) gets the first case back, 200 instead of 201.
 */
@RestController
@Tag(name = "12345 hotline")
class HotlineController {

    static final String ORDERS = "/hotline/v1/orders";
    private static final Logger log = LoggerFactory.getLogger(HotlineController.class);

    private final HotlineGate gate;
    private final CategoryMap categories;
    private final IntegrationCases cases;
    private final JsonMapper json;

    HotlineController(HotlineGate gate, CategoryMap categories, IntegrationCases cases, JsonMapper json) {
        this.gate = gate;
        this.categories = categories;
        this.cases = cases;
        this.json = json;
    }

    @PostMapping(
            path = ORDERS,
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(responseCode = "201", description = "a new case")
    @ApiResponse(responseCode = "200", description = "the order was filed before: the same case")
    @ApiResponse(
            responseCode = "401",
            description = "unknown platform, bad signature or stale timestamp (signature-invalid, request-stale)")
    @ApiResponse(responseCode = "409", description = "the nonce was used before (request-replayed)")
    @ApiResponse(
            responseCode = "400",
            description = "a wrong field (validation-failed, every one listed) or malformed JSON")
    @Operation(
            summary = "A 12345 platform dispatches a 工单 (signed: X-Hotline-Platform, -Timestamp, -Nonce, -Signature); "
                    + "201 with the new case's tracking number, 200 with the same one when the order was filed before")
    Mono<ResponseEntity<Map<String, Object>>> receive(
            @RequestHeader(name = HotlineSignature.PLATFORM, required = false) String platformId,
            @RequestHeader(name = HotlineSignature.TIMESTAMP, required = false) String timestamp,
            @RequestHeader(name = HotlineSignature.NONCE, required = false) String nonce,
            @RequestHeader(name = HotlineSignature.SIGNATURE, required = false) String signature,
            @RequestBody(required = false) byte[] body) {
        byte[] signed = body == null ? new byte[0] : body;
        return gate.admit(platformId, timestamp, nonce, signature, signed)
                .flatMap(platform -> parse(signed)
                        .flatMap(order -> file(platform, order))
                        // nothing was filed: the very same request may come again
                        .onErrorResume(e -> gate.forget(platform.id(), nonce).then(Mono.error(e))));
    }

    private Mono<ResponseEntity<Map<String, Object>>> file(HotlineProperties.Platform platform, HotlineOrder order) {
        List<FieldViolation> wrong = order.violations();
        if (!wrong.isEmpty()) {
            return Mono.error(ApiException.invalid(wrong));
        }
        CategoryMap.Mapped category = categories.map(order.category());
        Resident reporter = new Resident("hotline-" + platform.id(), null, null, null, Instant.EPOCH);
        Complaint.External external = new Complaint.External(
                platform.id(),
                order.orderId(),
                order.reporter() == null ? null : blankToNull(order.reporter().name()),
                order.timeLimit().toInstant(),
                order.receivedAt().toInstant());
        IntegrationCases.PlatformOrder filing = new IntegrationCases.PlatformOrder(
                external,
                category.code(),
                order.description().strip(),
                point(order.location()),
                blankToNull(order.address()),
                order.mobile(),
                category.guessed(),
                order.channel());
        return cases.fileFromPlatform(reporter, filing).map(filed -> {
            Complaint c = filed.complaint();
            if (filed.created()) {
                log.info(
                        "Hotline order {} of {} filed as {} ({}{})",
                        order.orderId(),
                        platform.id(),
                        c.trackingNo(),
                        c.category(),
                        c.routing().district() == null ? ", unrouted" : "");
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("orderId", order.orderId());
            answer.put("trackingNo", c.trackingNo());
            answer.put("status", c.status().name());
            answer.put("duplicate", !filed.created());
            return ResponseEntity.status(filed.created() ? HttpStatus.CREATED : HttpStatus.OK)
                    .body(answer);
        });
    }

    /** A body that is no order answers as any JSON body of the API does: the field and what it should be, in Chinese. */
    private Mono<HotlineOrder> parse(byte[] body) {
        try {
            HotlineOrder order = json.readValue(body, HotlineOrder.class);
            return order == null
                    ? Mono.error(new ApiException(ProblemType.MALFORMED_JSON, "请求体应为工单 JSON"))
                    : Mono.just(order);
        } catch (JacksonException e) {
            return Mono.error(new ServerWebInputException("工单", null, new DecodingException("工单 JSON", e)));
        }
    }

    /** Our datum: a WGS84 point is shifted to GCJ-02. */
    private static @Nullable GeoPoint point(HotlineOrder.Location location) {
        if (location == null) {
            return null;
        }
        if ("WGS84".equals(location.datum())) {
            Coordinates.Point gcj = Coordinates.wgs84ToGcj02(location.lat(), location.lng());
            return new GeoPoint(gcj.lat(), gcj.lng());
        }
        return new GeoPoint(location.lat(), location.lng());
    }

    private static @Nullable String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
