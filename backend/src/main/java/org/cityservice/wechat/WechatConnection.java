package org.cityservice.wechat;

/** What WxJava needs to reach one mini-program on one platform, real or local. */
public record WechatConnection(String appid, String secret, String token, String aesKey, String apiHostUrl) {

    @Override
    public String toString() {
        return "WechatConnection[appid=" + appid + ", apiHostUrl=" + apiHostUrl + "]";
    }
}
