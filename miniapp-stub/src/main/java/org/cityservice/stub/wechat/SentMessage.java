package org.cityservice.stub.wechat;

import java.time.Instant;
import java.util.Map;

/** A subscribe message the platform accepted and would have shown the user. */
public record SentMessage(
        String touser, String templateId, String page, String miniprogramState, Map<String, String> data, Instant at) {}
