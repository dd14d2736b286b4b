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
 * Sends events to the backend's push URL the way WeChat does: {@code POST url?signature&timestamp&nonce}
 * where signature is the SHA-1 of token, timestamp and nonce sorted and joined, with the event as XML
 * or JSON. In safe mode the event travels encrypted ({@code Encrypt}), with {@code encrypt_type=aes}
 * and {@code msg_signature}, the SHA-1 of token, timestamp, nonce and the ciphertext.
 */
public final class EventPusher {

    /** How an event is sent: as XML or JSON, in plain or safe (encrypted) mode. */
    public enum Format {
        XML,
        JSON,
        SAFE_XML,
        SAFE_JSON
    }

    /** What the backend answered to what exactly. */
    public record Delivery(int status, String body, URI target, String payload, boolean xml) {}

    private final JsonMapper json;
    private final String token;
    private final SafeMode safeMode;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final SecureRandom random = new SecureRandom();

    EventPusher(JsonMapper json, String token, SafeMode safeMode) {
        this.json = json;
        this.token = token;
        this.safeMode = safeMode;
    }

    Delivery subscribePopup(String url, String openid, Map<String, String> decisions, Instant at, Format format) {
        return send(
                url,
                event(openid, "subscribe_msg_popup_event", "SubscribeMsgPopupEvent", decisions, at, format),
                format,
                at);
    }

    Delivery subscribeChange(String url, String openid, Map<String, String> decisions, Instant at, Format format) {
        return send(
                url,
                event(openid, "subscribe_msg_change_event", "SubscribeMsgChangeEvent", decisions, at, format),
                format,
                at);
    }

    /** Sends the same request again, signature and all: what a replay looks like. */
    Delivery redeliver(Delivery delivery) {
        return post(delivery.target(), delivery.payload(), delivery.xml());
    }

    private Delivery send(String url, String event, Format format, Instant at) {
        boolean xml = format == Format.XML || format == Format.SAFE_XML;
        String timestamp = Long.toString(at.getEpochSecond());
        String nonce = Integer.toString(random.nextInt(1_000_000_000));
        StringBuilder query = new StringBuilder("signature=")
                .append(signature(token, timestamp, nonce))
                .append("&timestamp=")
                .append(timestamp)
                .append("&nonce=")
                .append(nonce);
        String payload = event;
        if (format == Format.SAFE_XML || format == Format.SAFE_JSON) {
            String encrypted = safeMode.encrypt(event);
            query.append("&encrypt_type=aes&msg_signature=").append(signature(token, timestamp, nonce, encrypted));
            payload = xml
                    ? "<xml><ToUserName><![CDATA[gh_stub]]></ToUserName><Encrypt><![CDATA[" + encrypted
                            + "]]></Encrypt></xml>"
                    : json.writeValueAsString(Map.of("ToUserName", "gh_stub", "Encrypt", encrypted));
        }
        return post(URI.create(url + (url.contains("?") ? "&" : "?") + query), payload, xml);
    }

    private Delivery post(URI target, String payload, boolean xml) {
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", xml ? "text/xml; charset=UTF-8" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Delivery(response.statusCode(), response.body(), target, payload, xml);
        } catch (IOException e) {
            return new Delivery(0, e.toString(), target, payload, xml);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Delivery(0, "interrupted", target, payload, xml);
        }
    }

    private String event(
            String openid, String event, String xmlElement, Map<String, String> decisions, Instant at, Format format) {
        return format == Format.XML || format == Format.SAFE_XML
                ? xml(openid, event, xmlElement, decisions, at)
                : json(openid, event, decisions, at);
    }

    /** sha1(sort(token, timestamp, nonce)), lower-case hex: WeChat's signature of a push. */
    public static String signature(String... parts) {
        String[] sorted = parts.clone();
        Arrays.sort(sorted);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest(String.join("", sorted).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String xml(String openid, String event, String element, Map<String, String> decisions, Instant at) {
        StringBuilder xml = new StringBuilder("<xml><ToUserName><![CDATA[gh_stub]]></ToUserName>")
                .append("<FromUserName><![CDATA[")
                .append(openid)
                .append("]]></FromUserName>")
                .append("<CreateTime>")
                .append(at.getEpochSecond())
                .append("</CreateTime>")
                .append("<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[")
                .append(event)
                .append("]]></Event>")
                .append('<')
                .append(element)
                .append('>');
        boolean popup = "subscribe_msg_popup_event".equals(event);
        decisions.forEach((templateId, decision) -> xml.append("<List><TemplateId><![CDATA[")
                .append(templateId)
                .append("]]></TemplateId><SubscribeStatusString><![CDATA[")
                .append(decision)
                .append("]]></SubscribeStatusString>")
                .append(popup ? "<PopupScene>0</PopupScene>" : "")
                .append("</List>"));
        return xml.append("</").append(element).append("></xml>").toString();
    }

    /** In JSON WeChat sends {@code List} as an object for one template and as an array for several. */
    private String json(String openid, String event, Map<String, String> decisions, Instant at) {
        List<Map<String, String>> items = new ArrayList<>();
        // only popup events carry PopupScene; WxJava tells the kinds apart by it
        boolean popup = "subscribe_msg_popup_event".equals(event);
        decisions.forEach((templateId, decision) -> items.add(
                popup
                        ? Map.of("TemplateId", templateId, "SubscribeStatusString", decision, "PopupScene", "0")
                        : Map.of("TemplateId", templateId, "SubscribeStatusString", decision)));
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("ToUserName", "gh_stub");
        envelope.put("FromUserName", openid);
        envelope.put("CreateTime", at.getEpochSecond());
        envelope.put("MsgType", "event");
        envelope.put("Event", event);
        envelope.put("List", items.size() == 1 ? items.get(0) : items);
        return json.writeValueAsString(envelope);
    }
}
