package dev.berth.ml.inference;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * A model's inputs, already written in native byte order into direct memory that libtorch
 * reads in place (no copy), in declaration order.
 */
record PreparedInputs(List<ByteBuffer> buffers, List<long[]> shapes) {
}
