package org.cityservice.hotline;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.cityservice.shared.FieldViolation;
import org.jspecify.annotations.Nullable;

/**
 * A 工单 as the platform sends it (docs/hotline.md): its id, how the caller reached it, its category text, what the
 * caller said and where, who called, the platform's time limit and when it took the call.
 */
record HotlineOrder(
        String orderId,
        String channel,
        String category,
        String description,
        String address,
        Location location,
        Reporter reporter,
        OffsetDateTime timeLimit,
        OffsetDateTime receivedAt) {

    /** {@code datum} GCJ02 (the default: what Chinese maps use) or WGS84 (GPS), shifted to GCJ-02 on intake. */
    record Location(Double lat, Double lng, String datum) {}

    record Reporter(String name, String phone) {}

    static final Set<String> CHANNELS = Set.of("电话", "网络");
    private static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
    private static final Pattern LANDLINE = Pattern.compile("0\\d{2,3}-?\\d{7,8}");

    /** Every field the platform got wrong, at once. */
    List<FieldViolation> violations() {
        List<FieldViolation> wrong = new ArrayList<>();
        if (orderId == null || !ORDER_ID.matcher(orderId).matches()) {
            wrong.add(new FieldViolation("orderId", "工单号必填,由字母、数字、- 或 _ 组成,至多 64 个字符"));
        }
        if (channel == null || !CHANNELS.contains(channel)) {
            wrong.add(new FieldViolation("channel", "来源渠道应为“电话”或“网络”"));
        }
        if (category == null || category.isBlank() || category.length() > 100) {
            wrong.add(new FieldViolation("category", "诉求类别必填,至多 100 个字符"));
        }
        if (description == null || description.isBlank() || description.strip().length() > 1000) {
            wrong.add(new FieldViolation("description", "诉求内容必填,至多 1000 个字符"));
        }
        if (address != null && address.length() > 200) {
            wrong.add(new FieldViolation("address", "地址至多 200 个字符"));
        }
        boolean noAddress = address == null || address.isBlank();
        if (location == null && noAddress) {
            wrong.add(new FieldViolation("address", "地址和坐标至少填写一项"));
        }
        if (location != null) {
            if (location.lat() == null
                    || location.lng() == null
                    || location.lat() < 3
                    || location.lat() > 54
                    || location.lng() < 73
                    || location.lng() > 136) {
                wrong.add(new FieldViolation("location", "坐标应在中国境内(纬度 3–54,经度 73–136)"));
            }
            if (location.datum() != null && !Set.of("GCJ02", "WGS84").contains(location.datum())) {
                wrong.add(new FieldViolation("location.datum", "坐标系应为 GCJ02 或 WGS84"));
            }
        }
        if (reporter != null && reporter.name() != null && reporter.name().length() > 50) {
            wrong.add(new FieldViolation("reporter.name", "来电人姓名至多 50 个字符"));
        }
        if (reporter != null
                && reporter.phone() != null
                && !reporter.phone().isBlank()
                && !MOBILE.matcher(reporter.phone()).matches()
                && !LANDLINE.matcher(reporter.phone()).matches()) {
            wrong.add(new FieldViolation("reporter.phone", "来电号码应为 11 位手机号或带区号的固定电话"));
        }
        if (timeLimit == null) {
            wrong.add(new FieldViolation("timeLimit", "办理时限必填(ISO 8601,带时区,如 2026-12-05T18:00:00+08:00)"));
        }
        if (receivedAt == null) {
            wrong.add(new FieldViolation("receivedAt", "受理时间必填(ISO 8601,带时区)"));
        }
        return wrong;
    }

    /** The caller's number when SMS can reach it (a mobile); a landline is kept in the platform's records, not ours. */
    @Nullable
    String mobile() {
        return reporter == null
                        || reporter.phone() == null
                        || !MOBILE.matcher(reporter.phone()).matches()
                ? null
                : reporter.phone();
    }
}
