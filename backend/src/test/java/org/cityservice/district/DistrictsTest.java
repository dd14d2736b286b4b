package org.cityservice.district;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DistrictsTest {

    private final Districts districts =
            new Districts(new DistrictProperties(List.of(new District("0802", "解放区"), new District("0803", "中站区"))));

    @Test
    void aNameGivesItsCodeAndNoneOrAnUnknownOneTheUnroutedCode() {
        assertThat(districts.codeOf("中站区")).isEqualTo("0803");
        assertThat(districts.codeOf(null)).isEqualTo(Districts.UNROUTED);
        assertThat(districts.codeOf("焦作新区")).isEqualTo(Districts.UNROUTED);
        assertThat(districts.registered("焦作新区")).isFalse();
        assertThat(districts.unknownMessage("焦作新区")).isEqualTo("未登记的区县「焦作新区」,可选:解放区、中站区");
    }

    @Test
    void aCodeOtherThanFourDigitsOrListedTwiceStopsTheStart() {
        assertThatThrownBy(() -> new Districts(new DistrictProperties(List.of(new District("410802", "解放区")))))
                .hasMessageContaining("410802");
        assertThatThrownBy(() -> new Districts(new DistrictProperties(List.of(new District("0000", "解放区")))))
                .hasMessageContaining("0000");
        assertThatThrownBy(() -> new Districts(
                        new DistrictProperties(List.of(new District("0802", "解放区"), new District("0803", "解放区")))))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> new Districts(
                        new DistrictProperties(List.of(new District("0802", "解放区"), new District("0802", "中站区")))))
                .hasMessageContaining("twice");
    }
}
