package dev.berth.ml.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.stereotype.Component;

import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads V2 inference requests with {@link InferenceRequestReader} and writes inference
 * responses as a JSON token stream, ahead of the general Jackson converter: inference is
 * the hot path, and data binding plus bean validation of a 784-number request cost more
 * CPU than the forward pass of a small model. Generators come from the application's
 * {@link JsonMapper}, so output features are the same as everywhere else. Public for the
 * benchmarks' no-model server, which imports it.
 */
@Component
public final class InferenceJsonConverter extends AbstractHttpMessageConverter<Object> {

	private final JsonMapper mapper;

	InferenceJsonConverter(JsonMapper mapper) {
		super(MediaType.APPLICATION_JSON, new MediaType("application", "*+json"));
		this.mapper = mapper;
	}

	@Override
	protected boolean supports(Class<?> type) {
		return type == InferenceRequest.class || type == InferenceResponse.class;
	}

	@Override
	public boolean canRead(Class<?> type, MediaType mediaType) {
		return type == InferenceRequest.class && canRead(mediaType);
	}

	@Override
	public boolean canWrite(Class<?> type, MediaType mediaType) {
		return type == InferenceResponse.class && canWrite(mediaType);
	}

	@Override
	protected Object readInternal(Class<?> type, HttpInputMessage input) throws IOException {
		// Over the size limit, reading throws RequestTooLargeException, an IOException,
		// which the exception handler turns into 413.
		return InferenceRequestReader.read(read(input.getBody(), input.getHeaders().getContentLength()));
	}

	/**
	 * The whole body, straight into an array of its declared length when it has one
	 * (capped by RequestSizeLimitFilter): no growing buffers and no final copy, as
	 * {@code readAllBytes} would make.
	 */
	private static byte[] read(InputStream in, long contentLength) throws IOException {
		if (contentLength < 0) {
			return in.readAllBytes();
		}
		byte[] body = new byte[Math.toIntExact(contentLength)];
		int length = 0;
		for (int n; length < body.length && (n = in.read(body, length, body.length - length)) > 0;) {
			length += n;
		}
		// Cut short (the client went away): what came is parsed and reported as
		// incomplete JSON.
		return length == body.length ? body : Arrays.copyOf(body, length);
	}

	@Override
	protected void writeInternal(Object body, HttpOutputMessage output) throws IOException {
		InferenceResponse response = (InferenceResponse) body;
		try (JsonGenerator json = mapper.createGenerator(output.getBody(), JsonEncoding.UTF8)) {
			json.writeStartObject();
			json.writeStringProperty("model_name", response.modelName());
			json.writeStringProperty("model_version", response.modelVersion());
			if (response.id() != null) {
				json.writeStringProperty("id", response.id());
			}
			json.writeArrayPropertyStart("outputs");
			for (InferenceResponse.Output tensor : response.outputs()) {
				json.writeStartObject();
				json.writeStringProperty("name", tensor.name());
				json.writeStringProperty("datatype", tensor.datatype());
				json.writeName("shape");
				json.writeArray(tensor.shape(), 0, tensor.shape().length);
				json.writeName("data");
				writeData(json, tensor.data());
				json.writeEndObject();
			}
			json.writeEndArray();
			json.writeEndObject();
		}
	}

	private static void writeData(JsonGenerator json, Object data) {
		if (data instanceof float[] values) {
			json.writeStartArray(values, values.length);
			for (float value : values) {
				json.writeNumber(value);
			}
			json.writeEndArray();
		}
		else if (data instanceof double[] values) {
			json.writeArray(values, 0, values.length);
		}
		else if (data instanceof long[] values) {
			json.writeArray(values, 0, values.length);
		}
		else if (data instanceof int[] values) {
			json.writeArray(values, 0, values.length);
		}
		else if (data instanceof boolean[] values) {
			json.writeStartArray(values, values.length);
			for (boolean value : values) {
				json.writeBoolean(value);
			}
			json.writeEndArray();
		}
		else {
			throw new IllegalArgumentException("no JSON form for tensor data of " + data.getClass());
		}
	}

}
