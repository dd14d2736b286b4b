package org.cityservice.listing;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.cityservice.shared.InvalidValueException;

/** Days a station stays shut although its weekly hours say open (both days included). */
public record HolidayClosure(
        @NotNull LocalDate from,
        @NotNull LocalDate to,
        @Size(max = 50) String reason) {

    public HolidayClosure {
        if (from != null && to != null && to.isBefore(from)) {
            throw new InvalidValueException("结束日期不能早于开始日期");
        }
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(from) && !date.isAfter(to);
    }
}
