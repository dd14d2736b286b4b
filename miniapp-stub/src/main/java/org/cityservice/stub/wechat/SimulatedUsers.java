package org.cityservice.stub.wechat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The residents the platform knows, by a name a test or a person picks, and the one-time codes
 * the mini-program gets for them ({@code wx.login}, the phone-number button). Codes live five
 * minutes and work once, as WeChat's do.
 */
final class SimulatedUsers {

    static final Duration CODE_LIFETIME = Duration.ofMinutes(5);

    /** @param phone null until a phone code was asked for */
    record User(
            String name,
            String openid,
            String unionid,
            @Nullable String phone) {}

    private record Code(
            String user, Instant expires, @Nullable String phone) {}

    /** What redeeming a code gave: the user, or WeChat's error code. */
    record Redeemed(@Nullable User user, @Nullable String phone, int errcode) {}

    private final StubClock clock;
    private final String appid;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, User> users = new ConcurrentHashMap<>();
    private final Map<String, Code> loginCodes = new ConcurrentHashMap<>();
    private final Map<String, Code> phoneCodes = new ConcurrentHashMap<>();
    private final Map<String, Boolean> used = new ConcurrentHashMap<>();
    private final java.util.List<String> sessionKeys = new java.util.concurrent.CopyOnWriteArrayList<>();

    SimulatedUsers(StubClock clock, String appid) {
        this.clock = clock;
        this.appid = appid;
    }

    User user(String name) {
        return users.computeIfAbsent(
                name, n -> new User(n, "o" + digest("openid", n), "u" + digest("unionid", n), null));
    }

    @Nullable
    User byOpenid(String openid) {
        return users.values().stream()
                .filter(u -> u.openid().equals(openid))
                .findFirst()
                .orElse(null);
    }

    String loginCode(String name) {
        user(name);
        String code = newCode();
        loginCodes.put(code, new Code(name, clock.now().plus(CODE_LIFETIME), null));
        return code;
    }

    String phoneCode(String name, String phone) {
        user(name);
        String code = newCode();
        phoneCodes.put(code, new Code(name, clock.now().plus(CODE_LIFETIME), phone));
        return code;
    }

    Redeemed redeemLogin(@Nullable String code) {
        return redeem(loginCodes, code);
    }

    Redeemed redeemPhone(@Nullable String code) {
        return redeem(phoneCodes, code);
    }

    String sessionKey() {
        byte[] key = new byte[16];
        random.nextBytes(key);
        String sessionKey = Base64.getEncoder().encodeToString(key);
        sessionKeys.add(sessionKey);
        return sessionKey;
    }

    java.util.List<String> sessionKeys() {
        return java.util.List.copyOf(sessionKeys);
    }

    void reset() {
        users.clear();
        loginCodes.clear();
        phoneCodes.clear();
        used.clear();
        sessionKeys.clear();
    }

    /** 40163 for a code already used, 40029 for one unknown or expired. */
    private Redeemed redeem(Map<String, Code> codes, @Nullable String code) {
        if (code == null) {
            return new Redeemed(null, null, 40029);
        }
        if (used.containsKey(code)) {
            return new Redeemed(null, null, 40163);
        }
        Code found = codes.remove(code);
        if (found == null || !clock.now().isBefore(found.expires())) {
            return new Redeemed(null, null, 40029);
        }
        used.put(code, true);
        return new Redeemed(user(found.user()), found.phone(), 0);
    }

    private String newCode() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Stable per appid and name, shaped like WeChat's 28-character ids. */
    private String digest(String kind, String name) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((appid + ":" + kind + ":" + name).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 27);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
