package org.cityservice.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cityservice.shared.ApiException;
import org.cityservice.shared.FieldViolation;
import org.cityservice.wechat.WechatProperties;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/me/subscriptions")
@Tag(name = "订阅消息", description = "What the resident allowed in wx.requestSubscribeMessage")
class SubscriptionsController {

    /** What WeChat puts against each template asked for: allowed, refused, refused for good, or held back by WeChat. */
    private static final Set<String> DECISIONS = Set.of("accept", "reject", "ban", "filter");
    /** Template ids and errMsg in one result; WeChat asks for three templates at most. */
    static final int MAX_RESULT_KEYS = 20;

    private final SubscribeGrants grants;
    private final WechatProperties wechat;

    SubscriptionsController(SubscribeGrants grants, WechatProperties wechat) {
        this.grants = grants;
        this.wechat = wechat;
    }

    /** One template the mini-program may ask for, and how many messages of it the resident allowed. */
    record Grant(String name, String templateId, long grants) {}

    @GetMapping
    @Operation(summary = "The subscribe templates and the grants I hold for each")
    Mono<List<Grant>> held(@AuthenticationPrincipal Caller caller) {
        return view(caller.subject());
    }

    @PostMapping
    @Operation(
            summary = "Report wx.requestSubscribeMessage's success result as WeChat gives it: "
                    + "{\"errMsg\":\"requestSubscribeMessage:ok\",\"<templateId>\":\"accept\"|\"reject\"|\"ban\"|\"filter\"}; "
                    + "keys that are not templates of ours (errMsg among them) are ignored")
    Mono<List<Grant>> report(@AuthenticationPrincipal Caller caller, @RequestBody Map<String, Object> result) {
        if (result.size() > MAX_RESULT_KEYS) {
            // WeChat asks for at most three templates at once; a bigger object is not its answer
            throw ApiException.invalid(List.of(new FieldViolation("body", "最多 " + MAX_RESULT_KEYS + " 项")));
        }
        List<FieldViolation> invalid = new ArrayList<>();
        List<String> accepted = new ArrayList<>();
        result.forEach((templateId, decision) -> {
            if (wechat.templateName(templateId) == null) {
                return;
            }
            if (!(decision instanceof String word) || !DECISIONS.contains(word)) {
                invalid.add(new FieldViolation(templateId, "应为 accept、reject、ban 或 filter"));
            } else if ("accept".equals(word)) {
                accepted.add(templateId);
            }
        });
        if (!invalid.isEmpty()) {
            throw ApiException.invalid(invalid);
        }
        return Flux.fromIterable(accepted)
                .concatMap(templateId -> grants.accept(caller.subject(), templateId, SubscribeGrants.Source.CLIENT))
                .then(view(caller.subject()));
    }

    private Mono<List<Grant>> view(String residentId) {
        return grants.held(residentId)
                .map(held -> wechat.templates().entrySet().stream()
                        .map(t -> new Grant(
                                t.getKey(),
                                t.getValue().id(),
                                held.getOrDefault(t.getValue().id(), 0L)))
                        .sorted(Comparator.comparing(Grant::name))
                        .toList());
    }
}
