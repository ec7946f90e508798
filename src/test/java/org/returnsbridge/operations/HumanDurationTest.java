package org.returnsbridge.operations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HumanDurationTest {

    @Test
    void showsTheTwoLargestUnitsThatMatter() {
        assertThat(HumanDuration.of(0)).isEqualTo("0 s");
        assertThat(HumanDuration.of(45)).isEqualTo("45 s");
        assertThat(HumanDuration.of(65)).isEqualTo("1 min 5 s");
        assertThat(HumanDuration.of(120)).isEqualTo("2 min");
        assertThat(HumanDuration.of(3 * 3600 + 12 * 60 + 7)).isEqualTo("3 h 12 min");
        assertThat(HumanDuration.of(3600)).isEqualTo("1 h");
        assertThat(HumanDuration.of(2 * 86_400 + 4 * 3600 + 59)).isEqualTo("2 d 4 h");
        assertThat(HumanDuration.of(86_400)).isEqualTo("1 d");
        assertThat(HumanDuration.of(-5)).isEqualTo("in the future (5 s)");
    }
}
