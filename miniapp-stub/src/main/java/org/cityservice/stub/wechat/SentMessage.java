package org.cityservice.stub.wechat;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A subscribe message the platform accepted and would have shown the user. */
public record SentMessage(
        String touser,
        String templateId,
        @Nullable String page,
        @Nullable String miniprogramState,
        Map<String, String> data,
        Instant at) {}
