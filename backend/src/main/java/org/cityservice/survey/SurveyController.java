package org.cityservice.survey;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.cityservice.identity.Caller;
import org.cityservice.identity.ContentCheck;
import org.cityservice.identity.ResidentDirectory;
import org.cityservice.shared.ApiException;
import org.cityservice.wechat.WechatGateway.TextScene;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The survey page of the mini-program: the resident's own survey, and their one answer to it. */
@RestController
@RequestMapping("/api/v1/surveys")
@Tag(name = "回访", description = "Follow-up satisfaction surveys of closed cases, for their reporter")
class SurveyController {

    private final SurveyStore store;
    private final SurveyAnswers answers;
    private final ContentCheck contentCheck;
    private final ResidentDirectory residents;
    private final ResidentSurveys mine;

    SurveyController(
            SurveyStore store,
            SurveyAnswers answers,
            ContentCheck contentCheck,
            ResidentDirectory residents,
            ResidentSurveys mine) {
        this.store = store;
        this.answers = answers;
        this.contentCheck = contentCheck;
        this.residents = residents;
        this.mine = mine;
    }

    /**
     * A survey as its resident sees it.
     *
     * @param scheduledFor when a scheduled survey will be sent
     * @param expiresAt    the last moment a sent survey takes an answer
     */
    record SurveyView(
            String id,
            String trackingNo,
            @Nullable String categoryName,
            SurveyStatus status,
            String statusLabel,
            OffsetDateTime closedAt,
            @Nullable OffsetDateTime scheduledFor,
            @Nullable OffsetDateTime sentAt,
            @Nullable OffsetDateTime expiresAt,
            boolean answerable,
            @Nullable SurveyAnswer answer) {}

    private SurveyView view(Survey survey) {
        return new SurveyView(
                survey.id(),
                survey.trackingNo(),
                survey.categoryName(),
                survey.status(),
                survey.status().label(),
                ResidentSurveys.time(survey.closedAt()),
                survey.status() == SurveyStatus.SCHEDULED ? timeOrNull(survey.dueAt()) : null,
                timeOrNull(survey.sentAt()),
                timeOrNull(mine.expiresAt(survey)),
                ResidentSurveys.answerable(survey),
                survey.answer());
    }

    @GetMapping("/mine")
    @Operation(
            summary =
                    "My surveys, newest closing first: the open ones to answer and the answered, expired or unreachable ones")
    Mono<List<SurveyView>> mine(@AuthenticationPrincipal Caller caller) {
        return mine.of(caller.subject())
                .map(surveys -> surveys.stream().map(this::view).toList());
    }

    /**
     * @param solved       YES, NO or UNKNOWN (不清楚)
     * @param satisfaction SATISFIED (满意), BASICALLY_SATISFIED (基本满意) or DISSATISFIED (不满意)
     */
    record AnswerRequest(
            @NotNull(message = "请选择问题是否已解决") SurveyAnswer.Solved solved,
            @NotNull(message = "请选择满意程度") SurveyAnswer.Satisfaction satisfaction,

            @Size(max = 200, message = "意见最多 200 字") @Nullable
            String comment) {}

    @GetMapping("/{id}")
    @Operation(summary = "My survey of a closed case")
    Mono<SurveyView> survey(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
        return own(caller, id).map(located -> view(located.survey()));
    }

    @PostMapping("/{id}/answers")
    @Operation(
            summary =
                    "Answer it once: solved or not, how satisfied, an optional comment; not solved or 不满意 reopens the case")
    Mono<SurveyView> answer(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String id,
            @Valid @RequestBody AnswerRequest request) {
        String given = request.comment();
        String comment = given == null || given.isBlank() ? null : given.strip();
        return own(caller, id)
                .flatMap(located -> {
                    Mono<Void> checked = comment == null
                            ? Mono.empty()
                            : residents
                                    .resident(caller.subject())
                                    .flatMap(resident -> contentCheck.check(resident, "意见", comment, TextScene.COMMENT))
                                    .then();
                    return checked.then(answers.answer(
                            located,
                            new SurveyAnswer(request.solved(), request.satisfaction(), comment, "MINIPROGRAM", null)));
                })
                .map(this::view);
    }

    /** Anyone else's survey is as unknown as one that does not exist. */
    private Mono<SurveyStore.Located> own(Caller caller, String id) {
        return store.locate(id)
                .filter(located -> caller.subject().equals(located.survey().residentId()))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("没有找到这份回访")));
    }

    private static @Nullable OffsetDateTime timeOrNull(@Nullable Instant instant) {
        return ResidentSurveys.timeOrNull(instant);
    }
}
