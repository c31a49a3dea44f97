package dev.berth.ml.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

import dev.berth.ml.inference.ModelBusyException;
import dev.berth.ml.protocol.MemoryBudget;

import org.springframework.http.HttpStatus;

/**
 * Decodes a picture with javax.imageio (PNG, JPEG, GIF, BMP, TIFF and WBMP in a standard
 * JDK), from memory: no temporary files, and the size is checked from the header before
 * any pixel is decoded.
 *
 * <p>
 * Memory is bounded twice, since a few KB of PNG can declare millions of pixels and
 * preprocessing takes about 28 bytes per decoded pixel: a picture over
 * {@link #DECODED_PIXELS} is decoded subsampled (every n-th pixel of every n-th row) down
 * to that size, which is plenty for a 28x28 or 224x224 model input; and all pictures
 * being decoded and preprocessed at once share a budget of {@link #BUDGET_PIXELS},
 * waiting up to {@link #BUDGET_WAIT_MILLIS} for room. Without them one small PNG of
 * 4096x4096 pixels can exhaust the heap.
 */
final class ImageDecoder {

	static final long DECODED_PIXELS = 1L << 20;
	static final int BUDGET_PIXELS = 4 << 20;
	static final long BUDGET_WAIT_MILLIS = 2000;

	private static final MemoryBudget BUDGET = new MemoryBudget(BUDGET_PIXELS, Duration.ofMillis(BUDGET_WAIT_MILLIS));

	private ImageDecoder() {
	}

	/** A decoded picture and its share of the budget, returned on close. */
	record Decoded(BufferedImage image, int pixels) implements AutoCloseable {

		@Override
		public void close() {
			BUDGET.release(pixels);
		}
	}

	/**
	 * @throws ImageRejectedException 400 when the bytes are no readable picture, 413 when
	 * it has too many pixels
	 * @throws ModelBusyException when other pictures hold the decoding budget for too
	 * long (503)
	 */
	static Decoded decode(byte[] bytes, long maxPixels) {
		try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
			Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
			if (!readers.hasNext()) {
				throw new ImageRejectedException(HttpStatus.BAD_REQUEST,
						"the body is not a picture (PNG, JPEG, GIF, BMP or TIFF): " + ImageUploads.ACCEPTED);
			}
			ImageReader reader = readers.next();
			try {
				reader.setInput(in, true, true);
				long width = reader.getWidth(0);
				long height = reader.getHeight(0);
				if (width * height > maxPixels) {
					throw new ImageRejectedException(HttpStatus.PAYLOAD_TOO_LARGE,
							"the picture has %dx%d pixels; at most %d pixels (berth.ml.image.max-pixels)"
								.formatted(width, height, maxPixels));
				}
				ImageReadParam subsampled = reader.getDefaultReadParam();
				int period = (int) Math.ceil(Math.sqrt((double) (width * height) / DECODED_PIXELS));
				if (period > 1) {
					subsampled.setSourceSubsampling(period, period, 0, 0);
				}
				int pixels = (int) (((width + period - 1) / period) * ((height + period - 1) / period));
				reserve(pixels);
				BufferedImage image;
				try {
					image = reader.read(0, subsampled);
					if (image == null || image.getWidth() < 1 || image.getHeight() < 1) {
						throw new IOException("no pixels");
					}
				}
				catch (IOException | RuntimeException e) {
					BUDGET.release(pixels);
					throw e;
				}
				return new Decoded(image, pixels);
			}
			finally {
				reader.dispose();
			}
		}
		catch (IOException | RuntimeException e) {
			if (e instanceof ImageRejectedException || e instanceof ModelBusyException) {
				throw (RuntimeException) e;
			}
			// Decoders throw all sorts on corrupt data (IIOException, IndexOutOfBounds,
			// ...): all mean the same.
			throw new ImageRejectedException(HttpStatus.BAD_REQUEST, "the picture is corrupt or cut short ("
					+ format(bytes) + "): " + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
		}
	}

	private static void reserve(int pixels) {
		if (!BUDGET.tryReserve(pixels)) {
			throw new ModelBusyException("the server is busy decoding other pictures; retry");
		}
	}

	private static String format(byte[] bytes) {
		try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
			Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
			return readers.hasNext() ? readers.next().getFormatName().toUpperCase(Locale.ROOT) : "unknown format";
		}
		catch (IOException e) {
			return "unknown format";
		}
	}

}
