package dev.berth.ml.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.ml.V2Client;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.DatabindException;

class TensorDataDeserializerTest {

    @Test
    void flattensNestedArraysRowMajor() {
        TensorData data = read("[[1, 2.5], [3], [[4]]]");
        assertThat(data.values()).containsExactly(1, 2.5, 3, 4);
        assertThat(data.hasNumbers()).isTrue();
        assertThat(data.hasBooleans()).isFalse();
    }

    @Test
    void turnsBooleansIntoOnesAndZeros() {
        TensorData data = read("[true, false]");
        assertThat(data.values()).containsExactly(1, 0);
        assertThat(data.hasBooleans()).isTrue();
        assertThat(data.hasNumbers()).isFalse();
    }

    @Test
    void growsPastItsInitialBuffer() {
        String json = "[" + "0.5,".repeat(5000) + "1]";
        assertThat(read(json).values()).hasSize(5001);
    }

    @Test
    void rejectsStringsNullsAndIntegersTooLargeForADouble() {
        assertThatThrownBy(() -> read("[\"seven\"]")).isInstanceOf(DatabindException.class)
                .hasMessageContaining("strings in 'data' (BYTES tensors) are not supported");
        assertThatThrownBy(() -> read("[1, null]")).hasMessageContaining("found VALUE_NULL");
        assertThatThrownBy(() -> read("[9007199254740993]")).hasMessageContaining("is too large");
        assertThatThrownBy(() -> read("7")).hasMessageContaining("'data' must be an array");
    }

    private static TensorData read(String json) {
        return V2Client.JSON.readValue(json, TensorData.class);
    }
}
