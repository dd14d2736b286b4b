package org.cityservice.wechat;

import java.util.Map;

/**
 * One subscribe-message template as configured under {@code app.wechat.templates.<name>}.
 *
 * @param id     WeChat's template id, from the mini-program's admin console
 * @param page   the mini-program page the message opens, without the query
 * @param fields WeChat's field key → the name of the value our code supplies, e.g. {@code thing1: title}
 */
public record SubscribeTemplate(String id, String page, Map<String, String> fields) {

    public SubscribeTemplate {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }
}
