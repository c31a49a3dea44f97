package dev.berth.ml.inference;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;

/**
 * One predictor and the input memory it reuses. A DJL Predictor is not thread-safe, so a slot
 * serves one request at a time. Reusing one direct buffer per slot keeps native memory flat: a
 * fresh {@code NDManager.create(float[])} per request allocates direct memory that only the
 * garbage collector frees, and under load the JVM grew to 1.5-2 GB that way.
 */
final class PredictorSlot implements AutoCloseable {

    // Each input starts on a cache-line boundary; libtorch kernels prefer aligned data.
    private static final int ALIGNMENT = 64;

    private final Predictor<PreparedInputs, List<Tensor>> predictor;
    private ByteBuffer scratch = ByteBuffer.allocateDirect(0);

    PredictorSlot(Predictor<PreparedInputs, List<Tensor>> predictor) {
        this.predictor = predictor;
    }

    /** Runs one forward pass on inputs already checked and ordered by {@link ModelSignature#arrange}. */
    List<Tensor> run(List<Tensor> orderedInputs) throws TranslateException {
        int needed = 0;
        for (Tensor tensor : orderedInputs) {
            needed = align(needed) + tensor.byteSize();
        }
        if (scratch.capacity() < needed) {
            scratch = ByteBuffer.allocateDirect(needed + ALIGNMENT).alignedSlice(ALIGNMENT);
        }
        List<ByteBuffer> buffers = new ArrayList<>(orderedInputs.size());
        List<long[]> shapes = new ArrayList<>(orderedInputs.size());
        int offset = 0;
        for (Tensor tensor : orderedInputs) {
            offset = align(offset);
            ByteBuffer slice = scratch.duplicate().position(offset).limit(offset + tensor.byteSize()).slice()
                    .order(ByteOrder.nativeOrder());
            tensor.writeTo(slice);
            slice.rewind();
            buffers.add(slice);
            shapes.add(tensor.shape());
            offset += tensor.byteSize();
        }
        return predictor.predict(new PreparedInputs(buffers, shapes));
    }

    @Override
    public void close() {
        predictor.close();
    }

    private static int align(int offset) {
        return (offset + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }
}
