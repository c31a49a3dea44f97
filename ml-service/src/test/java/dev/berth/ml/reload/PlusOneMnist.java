package dev.berth.ml.reload;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Enumeration;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import dev.berth.ml.TestFolders;

/**
 * A second, different mnist model for hot reload tests: the shipped one answering one
 * more.
 */
final class PlusOneMnist {

	// The LeNet's last layer in the TorchScript archive: fc3.weight [10, 84] and fc3.bias
	// [10], FP32.
	private static final String LAST_WEIGHT = "data/8";

	private static final String LAST_BIAS = "data/9";

	private static final int CLASSES = 10;

	private PlusOneMnist() {
	}

	/**
	 * The shipped mnist model with its last layer's rows rotated by one: a different,
	 * valid TorchScript file whose answer for every image is the shipped model's answer
	 * plus one (9 becomes 0).
	 */
	static byte[] bytes() {
		try (ZipFile zip = new ZipFile(TestFolders.SHIPPED_MNIST.resolve("1/model.pt").toFile());
				ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
			try (ZipOutputStream out = new ZipOutputStream(bytes)) {
				Enumeration<? extends ZipEntry> entries = zip.entries();
				while (entries.hasMoreElements()) {
					ZipEntry entry = entries.nextElement();
					byte[] data;
					try (InputStream in = zip.getInputStream(entry)) {
						data = in.readAllBytes();
					}
					if (entry.getName().endsWith("/" + LAST_WEIGHT) || entry.getName().endsWith("/" + LAST_BIAS)) {
						data = rotateRows(data);
					}
					ZipEntry copy = new ZipEntry(entry.getName());
					copy.setMethod(entry.getMethod());
					if (entry.getMethod() == ZipEntry.STORED) {
						CRC32 crc = new CRC32();
						crc.update(data);
						copy.setSize(data.length);
						copy.setCompressedSize(data.length);
						copy.setCrc(crc.getValue());
					}
					out.putNextEntry(copy);
					out.write(data);
					out.closeEntry();
				}
			}
			return bytes.toByteArray();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Row i of a [10, n] FP32 tensor moves to row i + 1, the last to row 0. */
	private static byte[] rotateRows(byte[] data) {
		if (data.length % (CLASSES * Float.BYTES) != 0) {
			throw new IllegalStateException("not a [10, n] FP32 tensor: " + data.length + " bytes");
		}
		int row = data.length / CLASSES;
		byte[] rotated = new byte[data.length];
		for (int i = 0; i < CLASSES; i++) {
			System.arraycopy(data, i * row, rotated, ((i + 1) % CLASSES) * row, row);
		}
		// Sanity check that this is float data at all: the first value stays finite.
		ByteBuffer.wrap(rotated).order(ByteOrder.LITTLE_ENDIAN).getFloat(0);
		return rotated;
	}

}
