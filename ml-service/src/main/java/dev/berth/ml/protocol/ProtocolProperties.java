package dev.berth.ml.protocol;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits and the request reader of the V2 REST API. See application.yml.
 *
 * @param maxRequestSize the largest inference request body; a larger one is answered 413
 * before it is parsed, so a huge body cannot tie up memory and CPU
 * @param largeRequestBudget how many bytes of large request bodies (over 64 KB) are
 * parsed at once; parsed numbers take several times the memory of their JSON text, so
 * without a budget a few concurrent maximum-size requests would exhaust the heap
 * @param largeRequestWait how long a large request waits for room in that budget before
 * it is answered 503 with Retry-After
 * @param jsonReader how inference request bodies are parsed; all read the same requests
 * into the same values and answer bad ones alike (malformed JSON each in its own words,
 * with line and column), and they differ in speed, which {@code benchmarks/run.sh}
 * compares
 */
@Validated
@ConfigurationProperties("berth.ml.protocol")
public record ProtocolProperties(@DefaultValue("16MB") @NotNull DataSize maxRequestSize,
		@DefaultValue("16MB") @NotNull DataSize largeRequestBudget,
		@DefaultValue("2s") @NotNull Duration largeRequestWait,
		@DefaultValue("cursor") @NotNull JsonReader jsonReader) {

	/** The {@link InferenceRequestReader}s. */
	public enum JsonReader {

		/** {@link JsonCursor}, hand-written: short decimals straight from the bytes. */
		CURSOR,

		/** Jackson's streaming parser with its fast floating-point parsing. */
		JACKSON_STREAM,

		/**
		 * Jackson's streaming parser, FP32 data narrowed into a {@code float[]} as it is
		 * read, with no {@code double[]} in between.
		 */
		JACKSON_FLOAT

	}

}
