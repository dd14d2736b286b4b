package org.cityservice.listing;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.cityservice.identity.StaffScope;
import org.cityservice.shared.ApiException;
import org.cityservice.shared.FieldViolation;
import org.cityservice.shared.ProblemType;
import org.jspecify.annotations.Nullable;

/**
 * Who keeps which listing current. An ADMIN: every listing. A DISPATCHER: the listings of their
 * district, and a listing cannot be moved out of it. A STATION_STAFF: their own station only — read
 * it and change its hours, closures, services and phone, nothing else: its name, address,
 * subdistrict and location say where complaints are routed and how the statistics are split, so a
 * dispatcher or an admin changes those. They do not create, move or delete listings.
 */
final class ListingEditPolicy {

    /** An allow-list: a component added to a station later is not editable by station staff until named here. */
    static final Set<String> STATION_STAFF_MAY_CHANGE = Set.of("hours", "closures", "services", "phone");
    /** Not sent by the client: the id comes from the path, the demo mark from us. */
    private static final Set<String> NOT_FROM_THE_REQUEST = Set.of("id", "demo");

    private ListingEditPolicy() {}

    /** @return the district a list is limited to: the requested one, or the dispatcher's own */
    static @Nullable String listableDistrict(StaffScope scope, @Nullable String requested) {
        if (scope.wholeCity()) {
            return requested;
        }
        if (scope.district() != null && (requested == null || scope.district(requested))) {
            return scope.district();
        }
        throw outOfScope("该区");
    }

    static void requireRead(StaffScope scope, ListingType<?> type, Listing listing) {
        if (!scope.district(listing.district()) && !ownStation(scope, type, listing)) {
            throw outOfScope("该" + type.label());
        }
    }

    static void requireCreate(StaffScope scope, ListingType<?> type, String district) {
        if (!scope.district(district)) {
            throw outOfScope(district + "的" + type.label());
        }
    }

    static void requireChange(StaffScope scope, ListingType<?> type, Listing current, Listing changed) {
        if (scope.district(current.district()) && scope.district(changed.district())) {
            return;
        }
        if (!ownStation(scope, type, current)) {
            throw outOfScope("该" + type.label());
        }
        List<FieldViolation> refused = componentsChanged(current, changed).stream()
                .filter(component -> !STATION_STAFF_MAY_CHANGE.contains(component))
                .map(component -> new FieldViolation(component, "服务站工作人员不能修改此项"))
                .toList();
        if (!refused.isEmpty()) {
            throw new ApiException(
                    ProblemType.FIELD_NOT_EDITABLE,
                    "服务站工作人员只能修改本站的营业时间(hours)、闭站日期(closures)、"
                            + "服务项目(services)和联系电话(phone);"
                            + String.join(
                                    "、",
                                    refused.stream().map(FieldViolation::field).toList())
                            + " 请联系本区调度员或管理员修改",
                    refused,
                    Map.of());
        }
    }

    /** The names of the record components that differ, in declaration order (which is also the JSON field name). */
    private static List<String> componentsChanged(Listing current, Listing changed) {
        try {
            List<String> names = new ArrayList<>();
            for (RecordComponent component : current.getClass().getRecordComponents()) {
                if (!NOT_FROM_THE_REQUEST.contains(component.getName())
                        && !Objects.equals(
                                component.getAccessor().invoke(current),
                                component.getAccessor().invoke(changed))) {
                    names.add(component.getName());
                }
            }
            return names;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "cannot compare " + current.getClass().getSimpleName(), e);
        }
    }

    static void requireDelete(StaffScope scope, ListingType<?> type, Listing current) {
        if (!scope.district(current.district())) {
            throw outOfScope("该" + type.label());
        }
    }

    private static boolean ownStation(StaffScope scope, ListingType<?> type, Listing listing) {
        return type == ListingType.STATION && scope.station(listing.id());
    }

    private static ApiException outOfScope(String what) {
        return new ApiException(ProblemType.FORBIDDEN, what + "不在您的管辖范围内");
    }
}
