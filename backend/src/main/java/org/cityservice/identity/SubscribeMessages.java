package org.cityservice.identity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.cityservice.wechat.SubscribeTemplate;
import org.cityservice.wechat.TemplateFields;
import org.cityservice.wechat.WechatException;
import org.cityservice.wechat.WechatGateway;
import org.cityservice.wechat.WechatProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Sends a resident a subscribe message by our name for the template ({@code status-change},
 * {@code survey}, …), spending one of their grants. Values are cut to WeChat's field limits, not
 * refused. A caller that gets {@link Outcome#NO_GRANT} or {@link Outcome#FAILED} falls back to SMS.
 */
@Component
public class SubscribeMessages {

    public enum Outcome {
        SENT,
        /** the resident holds no grant for the template (or WeChat said so: 43101) */
        NO_GRANT,
        /** WeChat refused or could not be reached; the grant was given back */
        FAILED
    }

    private final ResidentStore residents;
    private final SubscribeGrants grants;
    private final WechatGateway wechat;
    private final WechatProperties properties;

    SubscribeMessages(
            ResidentStore residents, SubscribeGrants grants, WechatGateway wechat, WechatProperties properties) {
        this.residents = residents;
        this.grants = grants;
        this.wechat = wechat;
        this.properties = properties;
    }

    /**
     * Of these residents, those who hold a grant for the template by our name: one read for many, so a sweep
     * asks {@link #send} only for them (a grant spent meanwhile still answers {@link Outcome#NO_GRANT}).
     */
    public Mono<Set<String>> holders(List<String> residentIds, String templateName) {
        SubscribeTemplate template = properties.templates().get(templateName);
        return template == null ? Mono.error(unknown(templateName)) : grants.holders(residentIds, template.id());
    }

    /**
     * @param values    the values by the names the template's {@code fields} refer to
     * @param pageQuery appended to the template's page, e.g. {@code id=JZ20261122-000123}; may be null
     */
    public Mono<Outcome> send(String residentId, String templateName, Map<String, String> values, String pageQuery) {
        SubscribeTemplate template = properties.templates().get(templateName);
        if (template == null) {
            return Mono.error(unknown(templateName));
        }
        return residents
                .find(residentId)
                // no WeChat user to tell (no stored resident is without one, but a grant is not spent on the doubt)
                .filter(resident -> resident.openid() != null)
                .flatMap(resident -> grants.consume(residentId, template.id())
                        .flatMap(used ->
                                used ? deliver(resident, template, values, pageQuery) : Mono.just(Outcome.NO_GRANT)))
                .defaultIfEmpty(Outcome.NO_GRANT);
    }

    private static IllegalArgumentException unknown(String templateName) {
        return new IllegalArgumentException("no subscribe template named " + templateName + " in app.wechat.templates");
    }

    private Mono<Outcome> deliver(
            Resident resident, SubscribeTemplate template, Map<String, String> values, String pageQuery) {
        Map<String, String> data = new LinkedHashMap<>();
        template.fields().forEach((key, valueName) -> data.put(key, TemplateFields.fit(key, values.get(valueName))));
        String page =
                pageQuery == null || template.page() == null ? template.page() : template.page() + "?" + pageQuery;
        return wechat.sendSubscribeMessage(
                        Objects.requireNonNull(resident.openid(), "checked before the grant was spent"),
                        template.id(),
                        page,
                        data)
                .thenReturn(Outcome.SENT)
                .onErrorResume(
                        WechatException.class,
                        e -> e.errcode() == WechatException.NO_SUBSCRIBE_GRANT
                                ? grants.zero(resident.id(), template.id()).thenReturn(Outcome.NO_GRANT)
                                : grants.restore(resident.id(), template.id()).thenReturn(Outcome.FAILED));
    }
}
