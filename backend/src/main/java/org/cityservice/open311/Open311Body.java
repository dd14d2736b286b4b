package org.cityservice.open311;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * One answer in the two formats GeoReport v2 defines, from one tree of ordered maps: JSON as the
 * spec's Spark-convention mapping (a list is an array, a field is a member, null is null) and XML as
 * the spec writes it (a list is an element of the plural name holding one element of the singular
 * name per entry, null an empty element), UTF-8 with the declaration, no namespace.
 */
enum Open311Body {
    JSON(MediaType.parseMediaType("application/json; charset=utf-8")),
    XML(MediaType.parseMediaType("text/xml; charset=utf-8"));

    /** The element of each entry of a list, by the list's name. */
    private static final Map<String, String> SINGULAR = Map.of(
            "services",
            "service",
            "service_requests",
            "request",
            "attributes",
            "attribute",
            "values",
            "value",
            "errors",
            "error");

    private final MediaType type;

    Open311Body(MediaType type) {
        this.type = type;
    }

    MediaType type() {
        return type;
    }

    static Open311Body of(String extension) {
        return "xml".equals(extension) ? XML : JSON;
    }

    /** By the path's extension: {@code .xml} is XML, anything else JSON. */
    static Open311Body ofPath(String path) {
        return path.endsWith(".xml") ? XML : JSON;
    }

    /** A list answer: a JSON array, or {@code <name>} with one singular element per entry. */
    byte[] list(JsonMapper json, String name, List<? extends Map<String, ?>> entries) {
        if (this == JSON) {
            return json.writeValueAsBytes(entries);
        }
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        element(xml, name, entries);
        return xml.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A single-object answer: a JSON object, or {@code <name>} holding its fields. */
    byte[] object(JsonMapper json, String name, Map<String, ?> fields) {
        if (this == JSON) {
            return json.writeValueAsBytes(fields);
        }
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        element(xml, name, fields);
        return xml.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void element(StringBuilder xml, String name, Object value) {
        if (value == null) {
            xml.append('<').append(name).append("/>");
            return;
        }
        xml.append('<').append(name).append('>');
        if (value instanceof Map<?, ?> fields) {
            fields.forEach((field, inner) -> element(xml, field.toString(), inner));
        } else if (value instanceof List<?> entries) {
            String singular = SINGULAR.getOrDefault(name, "item");
            entries.forEach(entry -> element(xml, singular, entry));
        } else if (value instanceof BigDecimal decimal) {
            xml.append(decimal.toPlainString());
        } else {
            escape(xml, value.toString());
        }
        xml.append("</").append(name).append('>');
    }

    /** XML 1.0 text: the five specials escaped, characters XML cannot hold at all left out. */
    static void escape(StringBuilder xml, String text) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '&' -> xml.append("&amp;");
                case '<' -> xml.append("&lt;");
                case '>' -> xml.append("&gt;");
                case '"' -> xml.append("&quot;");
                case '\'' -> xml.append("&apos;");
                default -> {
                    boolean allowed = c == 0x9
                            || c == 0xA
                            || c == 0xD
                            || c >= 0x20 && c <= 0xD7FF
                            || c >= 0xE000 && c <= 0xFFFD
                            || c >= 0x10000 && c <= 0x10FFFF;
                    if (allowed) {
                        xml.appendCodePoint(c);
                    }
                }
            }
        }
    }
}
