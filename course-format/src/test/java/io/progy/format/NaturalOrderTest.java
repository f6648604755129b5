package io.progy.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NaturalOrderTest {

    @Test
    void comparesRunsOfDigitsAsNumbers() {
        var names = new ArrayList<>(List.of("10_y", "2_x", "01_a", "1_b", "intro", "02_a", "a10", "a9", "B", "a"));

        names.sort(NaturalOrder.INSTANCE);

        assertThat(names).containsExactly("01_a", "1_b", "02_a", "2_x", "10_y", "B", "a", "a9", "a10", "intro");
    }

    @Test
    void isConsistentWithEquals() {
        assertThat(NaturalOrder.INSTANCE.compare("01", "1")).isNotZero();
        assertThat(NaturalOrder.INSTANCE.compare("01", "1")).isEqualTo(-NaturalOrder.INSTANCE.compare("1", "01"));
        assertThat(NaturalOrder.INSTANCE.compare("x", "x")).isZero();
        assertThat(NaturalOrder.INSTANCE.compare("99999999999999999999999", "100000000000000000000000"))
                .isNegative();
    }
}
