package org.cityservice.survey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * 回访: one follow-up survey of one closing of one case. Its id names the case and the case's
 * version at closing, so a case closed twice (after 重办) gets two, and a CLOSED event seen twice one.
 *
 * @param phone        where an SMS goes: the case's contact phone, else the bound one at sending time; null once erased
 * @param categoryName the category's Chinese name, which messages name the case by; null for surveys scheduled before it was kept
 * @param district     and {@code subdistrict}, {@code stationId}: where the case was; null when it was not placed there
 * @param channel      how it was sent; null until then
 * @param dueAt        when the next step is due: sending, the reminder, or expiry; null once finished
 * @param sentAt       null until sent (a SENT or REMINDED survey always has it)
 * @param remindedAt   null until reminded
 * @param finishedAt   null until answered, expired or found unreachable
 * @param serialNo     the SMS provider's number of the last message, which delivery reports name; null until one went
 * @param answer       null until answered
 */
public record Survey(
        String id,
        String trackingNo,
        int closing,
        String residentId,
        @Nullable String phone,
        String category,
        @Nullable String categoryName,
        @Nullable String district,
        @Nullable String subdistrict,
        @Nullable String stationId,
        SurveyStatus status,
        @Nullable Channel channel,
        Instant closedAt,
        @Nullable Instant dueAt,
        @Nullable Instant sentAt,
        @Nullable Instant remindedAt,
        @Nullable Instant finishedAt,
        @Nullable String serialNo,
        @Nullable SurveyAnswer answer) {

    public enum Channel {
        WECHAT,
        SMS
    }

    static String id(String trackingNo, long version) {
        return "sv-" + trackingNo + "-" + version;
    }

    /** Whether {@code id} is the reporter's survey of a closing of {@code trackingNo}, not a follower's. */
    static boolean reporters(String id, String trackingNo) {
        String prefix = "sv-" + trackingNo + "-";
        return id.startsWith(prefix) && id.indexOf('-', prefix.length()) < 0;
    }

    /** A follower's (附议) survey of the same closing: the reporter's id and a hash of hers (no resident id in the id). */
    static String followerId(String trackingNo, long version, String residentId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(residentId.getBytes(StandardCharsets.UTF_8));
            return id(trackingNo, version) + "-" + HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Asked as a follower (附议) of the case, not as its reporter. */
    boolean ofFollower() {
        return !id.equals(id(trackingNo, closing));
    }

    /** What the resident adds to an SMS reply to say which case it answers: the tracking number's last four digits. */
    String replyCode() {
        return trackingNo.substring(trackingNo.length() - 4);
    }

    /** A few words that name the case's problem in a message: its category. */
    String categoryWords() {
        String name = categoryName == null ? category : categoryName;
        return name.codePointCount(0, name.length()) <= 8 ? name : name.substring(0, name.offsetByCodePoints(0, 8));
    }

    /** @param serial the SMS provider's serial number; null when it went by WeChat */
    Survey sent(Channel by, @Nullable String phoneUsed, @Nullable String serial, Instant at, Instant next) {
        return new Survey(
                id,
                trackingNo,
                closing,
                residentId,
                phoneUsed,
                category,
                categoryName,
                district,
                subdistrict,
                stationId,
                SurveyStatus.SENT,
                by,
                closedAt,
                next,
                at,
                remindedAt,
                finishedAt,
                serial,
                answer);
    }

    /** The same step, due later (it came up inside quiet hours). */
    Survey deferredTo(Instant due) {
        return new Survey(
                id,
                trackingNo,
                closing,
                residentId,
                phone,
                category,
                categoryName,
                district,
                subdistrict,
                stationId,
                status,
                channel,
                closedAt,
                due,
                sentAt,
                remindedAt,
                finishedAt,
                serialNo,
                answer);
    }

    /** @param serial the reminder SMS's serial number; null when none went (the last one's is kept) */
    Survey reminded(@Nullable String serial, Instant at, Instant next) {
        return new Survey(
                id,
                trackingNo,
                closing,
                residentId,
                phone,
                category,
                categoryName,
                district,
                subdistrict,
                stationId,
                SurveyStatus.REMINDED,
                channel,
                closedAt,
                next,
                sentAt,
                at,
                finishedAt,
                serial == null ? serialNo : serial,
                answer);
    }

    /** @param given the answer when it ends ANSWERED; null when it expired or was unreachable */
    Survey finished(SurveyStatus end, Instant at, @Nullable SurveyAnswer given) {
        return new Survey(
                id,
                trackingNo,
                closing,
                residentId,
                phone,
                category,
                categoryName,
                district,
                subdistrict,
                stationId,
                end,
                channel,
                closedAt,
                null,
                sentAt,
                remindedAt,
                at,
                serialNo,
                given);
    }

    /** The resident's phone forgotten (account deleted). */
    Survey withoutPhone() {
        return new Survey(
                id,
                trackingNo,
                closing,
                residentId,
                null,
                category,
                categoryName,
                district,
                subdistrict,
                stationId,
                status,
                channel,
                closedAt,
                dueAt,
                sentAt,
                remindedAt,
                finishedAt,
                serialNo,
                answer);
    }
}
