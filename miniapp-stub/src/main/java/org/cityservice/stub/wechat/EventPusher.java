package org.cityservice.stub.wechat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * Sends events to the backend's push URL the way WeChat does (plain mode): {@code POST
 * url?signature&timestamp&nonce} where signature is the SHA-1 of token, timestamp and nonce sorted
 * and joined, with the event as XML or JSON.
 */
public final class EventPusher {

    /** What the backend answered. */
    public record Delivery(int status, String body, String signature, String timestamp, String nonce, String payload) {
    }

    private final JsonMapper json;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final SecureRandom random = new SecureRandom();

    EventPusher(JsonMapper json, String token) {
        this.json = json;
        this.token = token;
    }

    Delivery subscribePopup(String url, String openid, Map<String, String> decisions, Instant at, boolean asXml) {
        String payload = asXml ? popupXml(openid, decisions, at) : popupJson(openid, decisions, at);
        return post(url, payload, asXml, at);
    }

    /** Sends a payload as it is, signed: also what a replay looks like when sent twice. */
    Delivery post(String url, String payload, boolean asXml, Instant at) {
        String timestamp = Long.toString(at.getEpochSecond());
        String nonce = Integer.toString(random.nextInt(1_000_000_000));
        String signature = signature(token, timestamp, nonce);
        URI target = URI.create(url + (url.contains("?") ? "&" : "?")
                + "signature=" + signature + "&timestamp=" + timestamp + "&nonce=" + nonce);
        HttpRequest request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10))
                .header("Content-Type", asXml ? "text/xml; charset=UTF-8" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Delivery(response.statusCode(), response.body(), signature, timestamp, nonce, payload);
        } catch (IOException e) {
            return new Delivery(0, e.toString(), signature, timestamp, nonce, payload);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Delivery(0, "interrupted", signature, timestamp, nonce, payload);
        }
    }

    /** sha1(sort(token, timestamp, nonce)), lower-case hex: WeChat's signature of a push. */
    public static String signature(String... parts) {
        String[] sorted = parts.clone();
        Arrays.sort(sorted);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(String.join("", sorted).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String popupXml(String openid, Map<String, String> decisions, Instant at) {
        StringBuilder xml = new StringBuilder("<xml><ToUserName><![CDATA[gh_stub]]></ToUserName>")
                .append("<FromUserName><![CDATA[").append(openid).append("]]></FromUserName>")
                .append("<CreateTime>").append(at.getEpochSecond()).append("</CreateTime>")
                .append("<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe_msg_popup_event]]></Event>")
                .append("<SubscribeMsgPopupEvent>");
        decisions.forEach((templateId, decision) -> xml.append("<List><TemplateId><![CDATA[").append(templateId)
                .append("]]></TemplateId><SubscribeStatusString><![CDATA[").append(decision)
                .append("]]></SubscribeStatusString><PopupScene>0</PopupScene></List>"));
        return xml.append("</SubscribeMsgPopupEvent></xml>").toString();
    }

    /** In JSON WeChat sends {@code List} as an object for one template and as an array for several. */
    private String popupJson(String openid, Map<String, String> decisions, Instant at) {
        List<Map<String, String>> items = new ArrayList<>();
        decisions.forEach((templateId, decision) -> items.add(Map.of("TemplateId", templateId,
                "SubscribeStatusString", decision, "PopupScene", "0")));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("ToUserName", "gh_stub");
        event.put("FromUserName", openid);
        event.put("CreateTime", at.getEpochSecond());
        event.put("MsgType", "event");
        event.put("Event", "subscribe_msg_popup_event");
        event.put("List", items.size() == 1 ? items.get(0) : items);
        return json.writeValueAsString(event);
    }
}
