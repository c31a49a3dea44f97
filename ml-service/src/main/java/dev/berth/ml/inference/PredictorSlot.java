package dev.berth.ml.inference;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;

/**
 * One predictor and the input memory it reuses. A DJL Predictor is not thread-safe, so a
 * slot serves one forward pass at a time; schedulers make sure of that. Reusing one
 * direct buffer per slot keeps native memory flat: a fresh
 * {@code NDManager.create(float[])} per request allocates direct memory that only the
 * garbage collector frees, so under load the process grows far past its heap.
 */
public final class PredictorSlot {

	// Each input starts on a cache-line boundary; libtorch kernels prefer aligned data.
	private static final int ALIGNMENT = 64;

	private final String name;

	private final Predictor<PreparedInputs, List<Tensor>> predictor;

	private ByteBuffer scratch = ByteBuffer.allocateDirect(0);

	PredictorSlot(String name, Predictor<PreparedInputs, List<Tensor>> predictor) {
		this.name = name;
		this.predictor = predictor;
	}

	/**
	 * Runs one forward pass over one or more requests, stacked along the first (batch)
	 * dimension in the order given, and hands each request exactly its own rows of every
	 * output.
	 * @param requests each request's inputs, checked and ordered by
	 * {@link ModelSignature#arrange}; when there are several, their inputs must agree on
	 * every dimension but the first
	 * @return per request, in the same order, its outputs in declaration order
	 * @throws InferenceFailedException when the model fails, or does not return one
	 * output row per input row
	 */
	public List<List<Tensor>> run(List<List<Tensor>> requests) {
		List<Tensor> first = requests.get(0);
		int inputCount = first.size();
		int needed = 0;
		for (int input = 0; input < inputCount; input++) {
			needed = align(needed);
			for (List<Tensor> request : requests) {
				needed += request.get(input).byteSize();
			}
		}
		if (scratch.capacity() < needed) {
			// alignedSlice also rounds the end down to the alignment: room for that as
			// well as the start.
			scratch = ByteBuffer.allocateDirect(align(needed) + ALIGNMENT).alignedSlice(ALIGNMENT);
		}
		List<ByteBuffer> buffers = new ArrayList<>(inputCount);
		List<long[]> shapes = new ArrayList<>(inputCount);
		int offset = 0;
		for (int input = 0; input < inputCount; input++) {
			offset = align(offset);
			int size = 0;
			long rows = 0;
			for (List<Tensor> request : requests) {
				size += request.get(input).byteSize();
				rows += request.get(input).shape()[0];
			}
			ByteBuffer slice = scratch.duplicate()
				.position(offset)
				.limit(offset + size)
				.slice()
				.order(ByteOrder.nativeOrder());
			for (List<Tensor> request : requests) {
				request.get(input).writeTo(slice);
			}
			slice.rewind();
			buffers.add(slice);
			long[] shape = first.get(input).shape();
			if (requests.size() > 1) {
				shape[0] = rows;
			}
			shapes.add(shape);
			offset += size;
		}
		List<Tensor> outputs;
		try {
			outputs = predictor.predict(new PreparedInputs(buffers, shapes));
		}
		catch (TranslateException e) {
			throw failure(e);
		}
		return requests.size() == 1 ? List.of(outputs) : split(requests, outputs);
	}

	/** Runs one request on its own. */
	public List<Tensor> runOne(List<Tensor> orderedInputs) {
		return run(List.of(orderedInputs)).get(0);
	}

	void close() {
		predictor.close();
	}

	private List<List<Tensor>> split(List<List<Tensor>> requests, List<Tensor> outputs) {
		long totalRows = 0;
		for (List<Tensor> request : requests) {
			totalRows += request.get(0).shape()[0];
		}
		for (Tensor output : outputs) {
			if (output.shape().length == 0 || output.shape()[0] != totalRows) {
				throw new InferenceFailedException(("model '%s' returned output '%s' with shape %s for %d input rows;"
						+ " dynamic batching needs one output row per input row")
					.formatted(name, output.name(), java.util.Arrays.toString(output.shape()), totalRows));
			}
		}
		List<List<Tensor>> perRequest = new ArrayList<>(requests.size());
		int from = 0;
		for (List<Tensor> request : requests) {
			int rows = Math.toIntExact(request.get(0).shape()[0]);
			List<Tensor> own = new ArrayList<>(outputs.size());
			for (Tensor output : outputs) {
				own.add(output.rows(from, rows));
			}
			perRequest.add(own);
			from += rows;
		}
		return perRequest;
	}

	private InferenceFailedException failure(TranslateException e) {
		Throwable cause = e.getCause() != null ? e.getCause() : e;
		if (cause instanceof InferenceFailedException failed) {
			return failed;
		}
		return new InferenceFailedException("model '%s' failed: %s".formatted(name, EngineMessages.summary(cause)), e);
	}

	private static int align(int offset) {
		return (offset + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
	}

}
