package org.cityservice.district;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The district registry ({@code app.districts}). A case no station took belongs to the pseudo-district
 * {@link #UNROUTED} until a dispatcher routes it.
 */
@Component
public class Districts {

    /** The code of the cases no district has taken (yet). */
    public static final String UNROUTED = "0000";

    private static final Pattern CODE = Pattern.compile("\\d{4}");

    private final Map<String, District> byName = new LinkedHashMap<>();

    Districts(DistrictProperties properties) {
        Set<String> codes = new HashSet<>();
        for (District district : properties.districts()) {
            if (!CODE.matcher(district.code()).matches() || UNROUTED.equals(district.code())) {
                throw new IllegalStateException("app.districts: code " + district.code() + " of " + district.name()
                        + " is not four digits other than " + UNROUTED);
            }
            if (byName.put(district.name(), district) != null || !codes.add(district.code())) {
                throw new IllegalStateException("app.districts: " + district.name() + " (" + district.code()
                        + ") is listed twice, by name or by code");
            }
        }
    }

    private Optional<District> named(@Nullable String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name));
    }

    public boolean registered(@Nullable String name) {
        return named(name).isPresent();
    }

    /** The code of a district by its name; {@link #UNROUTED} for none or a name not registered. */
    public String codeOf(@Nullable String name) {
        return named(name).map(District::code).orElse(UNROUTED);
    }

    /** The codes of every district and {@link #UNROUTED}: the homes of cases a city-wide reader visits. */
    public List<String> codes() {
        return Stream.concat(byName.values().stream().map(District::code), Stream.of(UNROUTED))
                .toList();
    }

    /** What a form says when the name is not registered: the names that are. */
    public String unknownMessage(@Nullable String name) {
        return "未登记的区县「" + name + "」,可选:" + String.join("、", byName.keySet());
    }
}
