package org.cityservice.survey;

import java.util.List;

/**
 * An SMS the backend sends in answer to a resident's SMS reply: that the answer counted
 * ({@code survey-thanks}), or which case a reply meant when several are open ({@code survey-which}).
 * Queued in Redis and sent out of quiet hours by {@link ReplyMessages}.
 */
record ReplyMessage(String id, String phone, String template, List<String> params) {}
