package org.cityservice.open311;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingTest {

    @Test
    void phoneAndIdNumbersAreMaskedDatesAndHouseNumbersKept() {
        assertThat(Masking.mask(
                        "摊主 13812345678,+86 139-1234-5678,座机 0391-4365773,身份证 41080219900101123X,2026-11-22 人民路 17 号"))
                .isEqualTo("摊主 138****5678,139****5678,座机 ****-*******,身份证 ******************,2026-11-22 人民路 17 号");
    }
}
