package dev.berth.ml.protocol;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * {@code $inference_request}. Unknown fields are ignored, as the protocol's extensions may add some.
 *
 * @param id optional; echoed in the response
 * @param parameters optional request parameters; none are acted on yet
 * @param inputs one entry per model input
 * @param outputs optional; which outputs to return (all when absent)
 */
record InferenceRequest(
        String id,
        Map<String, Object> parameters,
        @NotEmpty List<@NotNull @Valid Input> inputs,
        List<@NotNull @Valid Output> outputs) {

    /** {@code $request_input}; {@code data} may be flat or nested, row-major. */
    record Input(
            @NotBlank String name,
            @NotNull List<@NotNull @PositiveOrZero Long> shape,
            @NotBlank String datatype,
            Map<String, Object> parameters,
            @NotNull TensorData data) {}

    /** {@code $request_output}. */
    record Output(@NotBlank String name, Map<String, Object> parameters) {}
}
