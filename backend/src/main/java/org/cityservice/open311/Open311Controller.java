package org.cityservice.open311;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cityservice.complaint.Complaint;
import org.cityservice.complaint.ComplaintAction;
import org.cityservice.complaint.ComplaintProperties;
import org.cityservice.complaint.ComplaintStatus;
import org.cityservice.complaint.IntegrationCases;
import org.cityservice.complaint.TimelineEntry;
import org.cityservice.identity.Resident;
import org.cityservice.shared.CleanText;
import org.cityservice.shared.Coordinates;
import org.cityservice.shared.FieldViolation;
import org.cityservice.shared.GeoPoint;
import org.cityservice.shared.TimeConfiguration;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2) over our complaint categories and cases:
 * services, one service definition, file a request (api_key), requests, one request; every one as
 * {@code .json} or {@code .xml}. What a public read shows is in docs/open311.md: no personal data.
 */
@RestController
@RequestMapping("/open311/v2")
@Tag(
        name = "Open311",
        description = "GeoReport v2: services and service requests in JSON or XML; errors in the spec's format")
class Open311Controller {

    static final String CHANNEL = Complaint.OPEN311;
    private static final int MAX_IDS = 100;
    private static final int MAX_CODES = 25;
    private static final int MAX_DESCRIPTION = 500;
    private static final int MAX_ADDRESS = 200;
    private static final DateTimeFormatter W3C = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    private static final Set<String> STAFF_ROLES = Set.of("ADMIN", "DISPATCHER", "STATION_STAFF");

    private final IntegrationCases cases;
    private final ComplaintProperties categories;
    private final ApiKeys keys;
    private final Open311Properties properties;
    private final JsonMapper json;
    private final Clock clock;

    Open311Controller(
            IntegrationCases cases,
            ComplaintProperties categories,
            ApiKeys keys,
            Open311Properties properties,
            JsonMapper json,
            Clock clock) {
        this.cases = cases;
        this.categories = categories;
        this.keys = keys;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    // ---- services -----------------------------------------------------------------------------

    @GetMapping("/services.{format:json|xml}")
    @Operation(summary = "GeoReport v2 GET Service List: our complaint categories")
    ResponseEntity<byte[]> services(
            @PathVariable String format,
            @RequestParam(name = "jurisdiction_id", required = false) String jurisdiction) {
        checkJurisdiction(jurisdiction);
        List<Map<String, Object>> services =
                categories.categories().stream().map(Open311Controller::service).toList();
        return answer(Open311Body.of(format).list(json, "services", services), format);
    }

    @GetMapping("/services/{code}.{format:json|xml}")
    @Operation(summary = "GeoReport v2 GET Service Definition: one category with its (informational) attributes")
    ResponseEntity<byte[]> service(
            @PathVariable String code,
            @PathVariable String format,
            @RequestParam(name = "jurisdiction_id", required = false) String jurisdiction) {
        checkJurisdiction(jurisdiction);
        ComplaintProperties.Category category = categories.category(code);
        if (category == null) {
            throw Open311Errors.notFound("service_code " + code + " not found");
        }
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("service_code", category.code());
        definition.put("attributes", List.of(timeLimits(category)));
        return answer(Open311Body.of(format).object(json, "service_definition", definition), format);
    }

    private static Map<String, Object> service(ComplaintProperties.Category category) {
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("service_code", category.code());
        service.put("service_name", category.name());
        service.put("description", category.group() + " · " + category.name());
        service.put("metadata", true);
        service.put("type", "realtime");
        service.put("keywords", category.group() + ", " + category.name());
        service.put("group", category.group());
        return service;
    }

    /** The one attribute of every category: not asked (variable false), it tells the time limits the case will run under. */
    private static Map<String, Object> timeLimits(ComplaintProperties.Category category) {
        ComplaintProperties.StageLimits limits = category.limits();
        Map<String, Object> attribute = new LinkedHashMap<>();
        attribute.put("variable", false);
        attribute.put("code", "time_limits");
        attribute.put("datatype", "string");
        attribute.put("required", false);
        attribute.put("datatype_description", null);
        attribute.put("order", 1);
        attribute.put(
                "description",
                "办理时限(工作时间):立案 " + human(limits.register()) + ",派遣 " + human(limits.dispatch()) + ",处置 "
                        + human(limits.handle()) + ",核查 " + human(limits.verify()));
        return attribute;
    }

    private static String human(Duration duration) {
        return duration.toHours() % 24 == 0 && duration.toHours() >= 24
                ? duration.toDays() + " 天"
                : duration.toMinutes() % 60 == 0 ? duration.toHours() + " 小时" : duration.toMinutes() + " 分钟";
    }

    // ---- filing a request ---------------------------------------------------------------------

    @PostMapping("/requests.{format:json|xml}")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
            responseCode = "403",
            description = "missing or invalid api_key (in the " + "GeoReport error format)")
    @Operation(
            summary =
                    "GeoReport v2 POST Service Request (application/x-www-form-urlencoded, api_key required): files a case",
            parameters = {
                @Parameter(
                        name = "api_key",
                        in = io.swagger.v3.oas.annotations.enums.ParameterIn.QUERY,
                        description = "issued by an ADMIN; may also be sent in the form body")
            })
    Mono<ResponseEntity<byte[]>> file(@PathVariable String format, ServerWebExchange exchange) {
        return exchange.getFormData()
                .defaultIfEmpty(new LinkedMultiValueMap<>())
                .flatMap(form -> {
                    Map<String, String> fields =
                            fields(form, exchange.getRequest().getQueryParams());
                    checkJurisdiction(fields.get("jurisdiction_id"));
                    return keys.find(fields.get("api_key"))
                            .switchIfEmpty(Mono.error(() -> Open311Errors.forbidden(
                                    fields.get("api_key") == null
                                            ? "api_key is required to create a service request"
                                            : "Invalid api_key received -- can't proceed with create_request")))
                            .flatMap(key -> {
                                Filing filing = filing(fields);
                                return keys.take(key).then(Mono.defer(() -> {
                                    Resident reporter =
                                            new Resident(key.reporterId(), null, null, null, key.createdAt());
                                    return cases.file(
                                            reporter,
                                            CHANNEL,
                                            filing.serviceCode(),
                                            filing.description(),
                                            filing.gcj().lat(),
                                            filing.gcj().lng(),
                                            filing.address(),
                                            filing.phone());
                                }));
                            })
                            .map(complaint -> {
                                Map<String, Object> created = new LinkedHashMap<>();
                                created.put("service_request_id", complaint.trackingNo());
                                created.put("service_notice", notice(complaint));
                                created.put("account_id", null);
                                return answer(
                                        Open311Body.of(format).list(json, "service_requests", List.of(created)),
                                        format);
                            });
                });
    }

    /** A checked submission; {@code gcj} the point in our datum. */
    private record Filing(
            String serviceCode,
            String description,
            GeoPoint gcj,
            @Nullable String address,
            @Nullable String phone) {}

    private Filing filing(Map<String, String> fields) {
        List<FieldViolation> bad = new ArrayList<>();
        String code = fields.get("service_code");
        if (code == null) {
            bad.add(new FieldViolation("service_code", "required"));
        }
        Double lat = number(fields, "lat", bad);
        Double lng = number(fields, "long", bad);
        if (lat == null
                && lng == null
                && !bad.stream()
                        .anyMatch(v -> v.field().equals("lat") || v.field().equals("long"))) {
            bad.add(new FieldViolation(
                    "lat",
                    "lat and long are required: cases are routed by location, an address_string or "
                            + "address_id alone is not enough"));
        } else if (lat == null != (lng == null)) {
            bad.add(new FieldViolation(lat == null ? "lat" : "long", "lat and long must be sent together"));
        }
        if (lat != null && !GeoPoint.validLat(lat)) {
            bad.add(new FieldViolation("lat", "must be between -85.05112878 and 85.05112878"));
        }
        if (lng != null && !GeoPoint.validLng(lng)) {
            bad.add(new FieldViolation("long", "must be between -180 and 180"));
        }
        String description = fields.get("description");
        if (description == null) {
            bad.add(new FieldViolation("description", "required"));
        } else if (description.length() > MAX_DESCRIPTION) {
            bad.add(new FieldViolation("description", "at most " + MAX_DESCRIPTION + " characters"));
        }
        String address = fields.get("address_string");
        if (address != null && address.length() > MAX_ADDRESS) {
            bad.add(new FieldViolation("address_string", "at most " + MAX_ADDRESS + " characters"));
        }
        String phone = mobile(fields.get("phone"));
        if (fields.get("phone") != null && phone == null) {
            bad.add(new FieldViolation("phone", "must be a mainland China mobile number (11 digits, optionally +86)"));
        }
        if (!bad.isEmpty() || code == null || description == null || lat == null || lng == null) {
            throw Open311Errors.invalid(bad);
        }
        if (categories.category(code) == null) {
            throw Open311Errors.notFound("service_code " + code + " not found");
        }
        Coordinates.Point gcj = Coordinates.wgs84ToGcj02(lat, lng);
        return new Filing(code, description, new GeoPoint(gcj.lat(), gcj.lng()), address, phone);
    }

    private static @Nullable Double number(Map<String, String> fields, String name, List<FieldViolation> bad) {
        String value = fields.get(name);
        if (value == null) {
            return null;
        }
        try {
            double parsed = Double.parseDouble(value);
            if (Double.isFinite(parsed) && value.matches("[-+]?[0-9]{1,3}(\\.[0-9]{1,12})?")) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        bad.add(new FieldViolation(name, "must be a decimal number of degrees (WGS84)"));
        return null;
    }

    /** 11 digits starting 1[3-9], with +86, spaces or dashes allowed; null when it is not one. */
    private static @Nullable String mobile(@Nullable String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.replaceAll("[\\s()-]", "");
        if (digits.startsWith("+86")) {
            digits = digits.substring(3);
        } else if (digits.startsWith("86") && digits.length() == 13) {
            digits = digits.substring(2);
        }
        return digits.matches("1[3-9]\\d{9}") ? digits : null;
    }

    private static String notice(Complaint complaint) {
        String who =
                complaint.routing().stationName() != null ? complaint.routing().stationName() : "城管指挥中心";
        return "已受理,受理编号 " + complaint.trackingNo() + ",由" + who + "办理";
    }

    // ---- reading requests ---------------------------------------------------------------------

    @GetMapping("/requests.{format:json|xml}")
    @Operation(
            summary =
                    "GeoReport v2 GET Service Requests: by service_request_id, or by service_code, status and requested time "
                            + "(default the last 90 days, at most 90 days, newest first, at most 1000)")
    Mono<ResponseEntity<byte[]>> requests(
            @PathVariable String format,
            @RequestParam(name = "jurisdiction_id", required = false) String jurisdiction,
            @RequestParam(name = "service_request_id", required = false) String ids,
            @RequestParam(name = "service_code", required = false) String codes,
            @RequestParam(name = "status", required = false) String status,
            @RequestParam(name = "start_date", required = false) String startDate,
            @RequestParam(name = "end_date", required = false) String endDate) {
        checkJurisdiction(jurisdiction);
        Open311Body body = Open311Body.of(format);
        List<String> wanted = list(ids);
        if (!wanted.isEmpty()) {
            if (wanted.size() > MAX_IDS) {
                throw Open311Errors.invalid(
                        List.of(new FieldViolation("service_request_id", "at most " + MAX_IDS + " ids")));
            }
            // the spec: service_request_id overrides every other argument
            return reactor.core.publisher.Flux.fromIterable(new LinkedHashSet<>(wanted))
                    .concatMap(cases::find)
                    .map(this::publicView)
                    .collectList()
                    .map(found -> answer(body.list(json, "service_requests", found), format));
        }
        List<FieldViolation> bad = new ArrayList<>();
        List<String> serviceCodes = list(codes);
        if (serviceCodes.size() > MAX_CODES) {
            bad.add(new FieldViolation("service_code", "at most " + MAX_CODES + " codes"));
        }
        Set<ComplaintStatus> statuses = EnumSet.noneOf(ComplaintStatus.class);
        for (String each : list(status)) {
            switch (each) {
                case "open" ->
                    Arrays.stream(ComplaintStatus.values())
                            .filter(ComplaintStatus::open)
                            .forEach(statuses::add);
                case "closed" ->
                    Arrays.stream(ComplaintStatus.values())
                            .filter(s -> !s.open())
                            .forEach(statuses::add);
                default -> bad.add(new FieldViolation("status", "must be open, closed or both, comma separated"));
            }
        }
        Instant start = instant(startDate, "start_date", bad);
        Instant end = instant(endDate, "end_date", bad);
        if (!bad.isEmpty()) {
            throw Open311Errors.invalid(bad);
        }
        Duration span = Duration.ofDays(properties.maxDays());
        if (start == null) {
            end = end == null ? clock.instant() : end;
            start = end.minus(span);
        } else if (end == null) {
            end = start.plus(span);
        }
        if (start.isAfter(end)) {
            throw Open311Errors.invalid(List.of(new FieldViolation("start_date", "must not be after end_date")));
        }
        if (Duration.between(start, end).compareTo(span) > 0) {
            throw Open311Errors.invalid(List.of(new FieldViolation(
                    "end_date", "start_date to end_date may span at most " + properties.maxDays() + " days")));
        }
        return cases.search(
                        new LinkedHashSet<>(serviceCodes), statuses, start, end.plusMillis(1), properties.maxResults())
                .map(this::publicView)
                .collectList()
                .map(found -> answer(body.list(json, "service_requests", found), format));
    }

    @GetMapping("/requests/{id}.{format:json|xml}")
    @Operation(summary = "GeoReport v2 GET Service Request: one case's public view")
    Mono<ResponseEntity<byte[]>> request(
            @PathVariable String id,
            @PathVariable String format,
            @RequestParam(name = "jurisdiction_id", required = false) String jurisdiction) {
        checkJurisdiction(jurisdiction);
        return cases.find(id)
                .switchIfEmpty(Mono.error(() -> Open311Errors.notFound("service_request_id " + id + " not found")))
                .map(found -> answer(
                        Open311Body.of(format).list(json, "service_requests", List.of(publicView(found))), format));
    }

    /**
     * What anyone may read of a case: no reporter, phone, name, email or photo; description, address and
     * the staff's latest note with phone and ID numbers masked; the point in WGS84.
     */
    Map<String, Object> publicView(IntegrationCases.Found found) {
        Complaint c = found.complaint();
        ComplaintProperties.Category category = categories.category(c.category());
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("service_request_id", c.trackingNo());
        view.put("status", c.status().open() ? "open" : "closed");
        view.put("status_notes", statusNotes(found.timeline()));
        view.put("service_name", category == null ? c.category() : category.name());
        view.put("service_code", c.category());
        view.put("description", Masking.mask(c.description()));
        view.put("agency_responsible", c.routing().stationName());
        view.put("service_notice", null);
        view.put("requested_datetime", w3c(c.createdAt()));
        view.put("updated_datetime", w3c(c.updatedAt()));
        view.put(
                "expected_datetime",
                c.status().open() && c.deadline() != null ? w3c(c.deadline().dueAt()) : null);
        view.put("address", Masking.mask(c.address()));
        view.put("address_id", null);
        view.put("zipcode", null);
        // a hotline case reported by address only has no point
        Coordinates.Point wgs = c.location() == null
                ? null
                : Coordinates.gcj02ToWgs84(c.location().lat(), c.location().lng());
        view.put("lat", wgs == null ? null : BigDecimal.valueOf(wgs.lat()).setScale(6, RoundingMode.HALF_UP));
        view.put("long", wgs == null ? null : BigDecimal.valueOf(wgs.lng()).setScale(6, RoundingMode.HALF_UP));
        view.put("media_url", null);
        return view;
    }

    /** The latest note staff wrote on a step residents see (re-routing reasons are internal), masked. */
    private static @Nullable String statusNotes(List<TimelineEntry> timeline) {
        for (int i = timeline.size() - 1; i >= 0; i--) {
            TimelineEntry entry = timeline.get(i);
            if (STAFF_ROLES.contains(entry.actorRole())
                    && entry.action() != ComplaintAction.REROUTE
                    && entry.note() != null
                    && !entry.note().isBlank()) {
                return Masking.mask(entry.note());
            }
        }
        return null;
    }

    // ---- shared -------------------------------------------------------------------------------

    private void checkJurisdiction(@Nullable String jurisdiction) {
        if (jurisdiction != null
                && !jurisdiction.isBlank()
                && !jurisdiction.strip().equals(properties.jurisdictionId())) {
            throw Open311Errors.notFound("jurisdiction_id " + jurisdiction.strip() + " not found; this endpoint serves "
                    + properties.jurisdictionId());
        }
    }

    /** Form fields over query parameters, each cleaned; empty ones as absent (the spec's "optional" rule). */
    private static Map<String, String> fields(MultiValueMap<String, String> form, MultiValueMap<String, String> query) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (MultiValueMap<String, String> source : List.of(query, form)) {
            source.forEach((name, values) -> {
                String value = values.isEmpty() || values.get(0) == null
                        ? null
                        : CleanText.clean(values.get(0)).strip();
                if (value != null && !value.isEmpty()) {
                    fields.put(name, value);
                }
            });
        }
        return fields;
    }

    private static List<String> list(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** A W3C date-time with offset (or Z), or a date (its start in Asia/Shanghai). */
    private static @Nullable Instant instant(@Nullable String value, String name, List<FieldViolation> bad) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException notDateTime) {
            try {
                return LocalDate.parse(value.strip())
                        .atStartOfDay(TimeConfiguration.SHANGHAI)
                        .toInstant();
            } catch (DateTimeParseException notDate) {
                bad.add(new FieldViolation(
                        name, "must be a W3C date-time with its offset, e.g. 2026-11-22T00:00:00+08:00"));
                return null;
            }
        }
    }

    private static @Nullable String w3c(@Nullable Instant at) {
        return at == null ? null : W3C.format(at.truncatedTo(ChronoUnit.SECONDS).atZone(TimeConfiguration.SHANGHAI));
    }

    private static ResponseEntity<byte[]> answer(byte[] body, String format) {
        return ResponseEntity.ok().contentType(Open311Body.of(format).type()).body(body);
    }
}
