package org.cityservice.hotline;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.cityservice.complaint.ComplaintDirectory;
import org.springframework.stereotype.Component;

/**
 * A platform's category text to one of our categories: the configured table ({@code app.hotline.categories}) first,
 * then our own category names; the whole text, then its parts from the most specific ({@code 城市管理/市容环境/占道经营}:
 * 占道经营, then 市容环境, …), then any known text inside it, the longest first. Nothing matched: the fallback
 * category, marked as a guess.
 */
@Component
class CategoryMap {

    /** Our category code, and whether it is only the fallback. */
    record Mapped(String code, boolean guessed) {}

    private final Map<String, String> byText = new LinkedHashMap<>();
    private final String fallback;

    CategoryMap(HotlineProperties properties, ComplaintDirectory complaints) {
        for (HotlineProperties.CategoryMapping mapping : properties.categories()) {
            if (complaints.categoryName(mapping.code()) == null) {
                throw new IllegalStateException("app.hotline.categories maps '" + mapping.text() + "' to '"
                        + mapping.code() + "', which is not one of app.complaints.categories");
            }
            byText.put(mapping.text().strip(), mapping.code());
        }
        complaints.categoryNames().forEach((code, name) -> byText.putIfAbsent(name, code));
        if (complaints.categoryName(properties.fallbackCategory()) == null) {
            throw new IllegalStateException("app.hotline.fallback-category '" + properties.fallbackCategory()
                    + "' is not one of app.complaints.categories");
        }
        this.fallback = properties.fallbackCategory();
    }

    Mapped map(String text) {
        String whole = text.strip();
        if (byText.containsKey(whole)) {
            return new Mapped(byText.get(whole), false);
        }
        List<String> parts = List.of(whole.split("\\s*[/>|,、-]\\s*"));
        for (int i = parts.size() - 1; i >= 0; i--) {
            String code = byText.get(parts.get(i));
            if (code != null) {
                return new Mapped(code, false);
            }
        }
        return byText.keySet().stream()
                .filter(whole::contains)
                .max(Comparator.comparingInt(String::length))
                .map(known -> new Mapped(Objects.requireNonNull(byText.get(known)), false))
                .orElse(new Mapped(fallback, true));
    }
}
