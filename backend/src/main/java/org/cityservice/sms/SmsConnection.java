package org.cityservice.sms;

/** What the SDK needs to reach one SMS application, at Tencent or the local stand-in. */
record SmsConnection(String secretId, String secretKey, String sdkAppId, String endpoint, String protocol) {

    @Override
    public String toString() {
        return "SmsConnection[sdkAppId=" + sdkAppId + ", endpoint=" + protocol + endpoint + "]";
    }
}
