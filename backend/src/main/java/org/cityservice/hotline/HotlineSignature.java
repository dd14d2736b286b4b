package org.cityservice.hotline;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature both sides of the exchange put on every request: lowercase hex HMAC-SHA256, keyed with the platform's
 * secret, over {@code timestamp + "\n" + nonce + "\n" + body}: the timestamp header as sent and the body's bytes as
 * sent. The timestamp and nonce make a captured request useless after five minutes or a second time.
 */
final class HotlineSignature {

    static final String PLATFORM = "X-Hotline-Platform";
    static final String TIMESTAMP = "X-Hotline-Timestamp";
    static final String NONCE = "X-Hotline-Nonce";
    static final String SIGNATURE = "X-Hotline-Signature";
    static final Pattern NONCE_FORMAT = Pattern.compile("[A-Za-z0-9_-]{16,64}");

    private HotlineSignature() {}

    static String sign(String secret, String timestamp, String nonce, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + "\n" + nonce + "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** In constant time, so a forger learns nothing from how long a refusal takes. */
    static boolean matches(String secret, String timestamp, String nonce, byte[] body, String signature) {
        return signature != null
                && MessageDigest.isEqual(
                        sign(secret, timestamp, nonce, body).getBytes(StandardCharsets.US_ASCII),
                        signature.getBytes(StandardCharsets.US_ASCII));
    }
}
