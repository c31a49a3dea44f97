package dev.berth.ml.protocol;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code $inference_response}; {@code id} appears only when the request had one. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record InferenceResponse(
        @JsonProperty("model_name") String modelName,
        @JsonProperty("model_version") String modelVersion,
        String id,
        List<Output> outputs) {

    /** {@code $response_output}: {@code data} is flat, row-major. */
    record Output(String name, String datatype, long[] shape, Object data) {}
}
