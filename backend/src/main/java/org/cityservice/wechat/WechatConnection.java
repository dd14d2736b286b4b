package org.cityservice.wechat;

/**
 * What WxJava needs to reach one mini-program on one platform, real or local.
 *
 * @param safeModeOnly take encrypted pushes only: set for a real mini-program with an EncodingAESKey, whose
 *                     plain-mode signature would not cover the body; the local platform sends both kinds
 */
public record WechatConnection(
        String appid, String secret, String token, String aesKey, String apiHostUrl, boolean safeModeOnly) {

    @Override
    public String toString() {
        return "WechatConnection[appid=" + appid + ", apiHostUrl=" + apiHostUrl + "]";
    }
}
