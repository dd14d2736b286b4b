package org.cityservice.stats;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.cityservice.complaint.ComplaintProperties;
import org.cityservice.shared.ApiException;
import org.cityservice.shared.FieldViolation;
import org.cityservice.shared.TimeConfiguration;
import org.cityservice.survey.SurveyProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The bureau's figures: the three rates by group and period, the monthly ranking of subdistricts, and the rebuild. */
@RestController
@RequestMapping("/api/v1/admin/stats")
@Tag(name = "统计", description = "三率 and closure rates from counters kept as events arrive (admins)")
class StatsController {

    private static final int MAX_DAYS = 366;
    private static final int MAX_TREND_DAYS = 92;
    /** The years counters can exist for: day keys are printed yyyyMMdd, and nothing predates the service. */
    private static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);

    private static final LocalDate LATEST = LocalDate.of(2099, 12, 31);

    private final StatsStore store;
    private final StatsCounter counter;
    private final SurveyProperties surveys;
    private final ComplaintProperties complaints;

    StatsController(StatsStore store, StatsCounter counter, SurveyProperties surveys, ComplaintProperties complaints) {
        this.store = store;
        this.counter = counter;
        this.surveys = surveys;
        this.complaints = complaints;
    }

    /** The answer: the period, the grouping, the satisfaction weight used, and one row per group. */
    record RatesAnswer(LocalDate from, LocalDate to, GroupBy groupBy, double satisfactionWeight, List<Rates> rows) {}

    /** One subdistrict's place in a month. */
    record Ranked(int rank, @Nullable Double score, Rates rates) {}

    record RankingAnswer(YearMonth month, String score, List<Ranked> subdistricts) {}

    @GetMapping("/rates")
    @Operation(
            summary =
                    "Response, resolution and satisfaction rates, closure, on-time closure and rework rates, with their counts")
    Mono<RatesAnswer> rates(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "CITY") String groupBy) {
        YearMonth thisMonth = YearMonth.now(TimeConfiguration.SHANGHAI);
        LocalDate start = from != null ? from : thisMonth.atDay(1);
        LocalDate end = to != null ? to : thisMonth.atEndOfMonth();
        requireCovered("from", start);
        requireCovered("to", end);
        if (end.isBefore(start) || ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
            throw ApiException.invalid(List.of(new FieldViolation("to", "统计区间须从 from 到 to,且不超过 " + MAX_DAYS + " 天")));
        }
        GroupBy group = groupBy(groupBy);
        return rows(start, end, group)
                .map(rows -> new RatesAnswer(start, end, group, surveys.satisfactionWeight(), rows));
    }

    @GetMapping("/ranking")
    @Operation(summary = "Subdistricts of one month (default: this one), best first by the mean of the three rates")
    Mono<RankingAnswer> ranking(@RequestParam(required = false) @DateTimeFormat(pattern = "yyyy-MM") YearMonth month) {
        YearMonth ranked = month != null ? month : YearMonth.now(TimeConfiguration.SHANGHAI);
        requireCovered("month", ranked.atDay(1));
        return rows(ranked.atDay(1), ranked.atEndOfMonth(), GroupBy.SUBDISTRICT).map(rows -> {
            List<Rates> sorted = rows.stream()
                    .sorted(Comparator.comparing(Rates::composite, Comparator.nullsLast(Comparator.reverseOrder()))
                            .thenComparing(Rates::group))
                    .toList();
            return new RankingAnswer(
                    ranked,
                    "(响应率 + 解决率 + 满意率) ÷ 3, over the rates that have a denominator",
                    IntStream.range(0, sorted.size())
                            .mapToObj(i -> new Ranked(i + 1, sorted.get(i).composite(), sorted.get(i)))
                            .toList());
        });
    }

    /** One day of the whole city's counts and rates: the trend chart's points. */
    record DailyRates(LocalDate day, Rates rates) {}

    @GetMapping("/daily")
    @Operation(
            summary =
                    "The whole city's counts and rates day by day, from `from` to `to` (default: this month), at most 92 days")
    Mono<List<DailyRates>> daily(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        YearMonth thisMonth = YearMonth.now(TimeConfiguration.SHANGHAI);
        LocalDate start = from != null ? from : thisMonth.atDay(1);
        LocalDate end = to != null ? to : thisMonth.atEndOfMonth();
        requireCovered("from", start);
        requireCovered("to", end);
        if (end.isBefore(start) || ChronoUnit.DAYS.between(start, end) >= MAX_TREND_DAYS) {
            throw ApiException.invalid(
                    List.of(new FieldViolation("to", "趋势区间须从 from 到 to,且不超过 " + MAX_TREND_DAYS + " 天")));
        }
        String prefix = GroupBy.CITY.name().toLowerCase() + "|";
        return store.liveGeneration()
                .flatMapMany(generation -> store.days(generation, start, end))
                .zipWithIterable(start.datesUntil(end.plusDays(1)).toList())
                .map(both -> {
                    Map<String, Long> counts = new HashMap<>();
                    both.getT1().forEach((field, value) -> {
                        if (field.startsWith(prefix)) {
                            counts.merge(field.substring(field.lastIndexOf('|') + 1), value, Long::sum);
                        }
                    });
                    return new DailyRates(both.getT2(), Rates.of("全市", "全市", counts, surveys.satisfactionWeight()));
                })
                .collectList();
    }

    @PostMapping("/rebuild")
    @Operation(
            summary =
                    "Recount every complaint and survey event from the start into fresh counters, then switch to them")
    Mono<Map<String, Long>> rebuild() {
        return counter.rebuild().map(counted -> Map.of("eventsCounted", counted));
    }

    private Mono<List<Rates>> rows(LocalDate from, LocalDate to, GroupBy groupBy) {
        String prefix = groupBy.name().toLowerCase() + "|";
        return store.liveGeneration()
                .flatMap(generation -> store.days(generation, from, to)
                        .reduce(new HashMap<String, Map<String, Long>>(), (groups, day) -> {
                            day.forEach((field, value) -> {
                                if (field.startsWith(prefix)) {
                                    int bar = field.lastIndexOf('|');
                                    groups.computeIfAbsent(field.substring(prefix.length(), bar), g -> new HashMap<>())
                                            .merge(field.substring(bar + 1), value, Long::sum);
                                }
                            });
                            return groups;
                        })
                        .map(groups -> groups.entrySet().stream()
                                .map(entry -> Rates.of(
                                        entry.getKey(),
                                        name(groupBy, entry.getKey()),
                                        entry.getValue(),
                                        surveys.satisfactionWeight()))
                                .sorted(Comparator.comparing(Rates::group))
                                .toList()));
    }

    private String name(GroupBy groupBy, String group) {
        if (groupBy == GroupBy.CATEGORY) {
            ComplaintProperties.Category category = complaints.category(group);
            return category == null ? group : category.name();
        }
        return group;
    }

    private static void requireCovered(String field, LocalDate day) {
        if (day.isBefore(EARLIEST) || day.isAfter(LATEST)) {
            throw ApiException.invalid(List.of(new FieldViolation(field, "应在 " + EARLIEST + " 到 " + LATEST + " 之间")));
        }
    }

    private static GroupBy groupBy(String value) {
        try {
            return GroupBy.valueOf(value.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(
                    List.of(new FieldViolation("groupBy", "应为 city、district、subdistrict、station 或 category")));
        }
    }
}
