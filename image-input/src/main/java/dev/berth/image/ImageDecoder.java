package dev.berth.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

import dev.berth.image.ImageDecodingException.Reason;

/**
 * Decodes a picture with javax.imageio (PNG, JPEG, GIF, BMP, TIFF and WBMP in a standard
 * JDK), from memory: no temporary files, and the size is checked from the header before
 * any pixel is decoded.
 *
 * <p>
 * Memory is bounded twice, since a few KB of PNG can declare millions of pixels and
 * preprocessing takes about 28 bytes per decoded pixel: a picture over
 * {@link #DECODED_PIXELS} is decoded subsampled (every n-th pixel of every n-th row) down
 * to that size, which is plenty for a 28x28 or 224x224 model input; and all pictures one
 * decoder works on at once share a budget of pixels, waiting a while for room. Without
 * them one small PNG of 4096x4096 pixels can exhaust the heap. Thread-safe: one decoder
 * per process.
 */
public final class ImageDecoder {

	/** The most pixels one picture is decoded to; larger ones are subsampled. */
	public static final long DECODED_PIXELS = 1L << 20;

	/** Pictures at once: four at full decoded size. */
	public static final int BUDGET_PIXELS = 4 << 20;

	private final Semaphore budget = new Semaphore(BUDGET_PIXELS, true);

	private final long waitNanos;

	/**
	 * @param wait how long a picture waits for room in the decoding budget before it is
	 * refused as {@link Reason#BUSY}
	 */
	public ImageDecoder(Duration wait) {
		this.waitNanos = wait.toNanos();
	}

	/** A decoded picture and its share of the budget, returned on close. */
	public final class Decoded implements AutoCloseable {

		private final BufferedImage image;

		private final int pixels;

		private Decoded(BufferedImage image, int pixels) {
			this.image = image;
			this.pixels = pixels;
		}

		public BufferedImage image() {
			return image;
		}

		@Override
		public void close() {
			budget.release(pixels);
		}

	}

	/**
	 * @param maxPixels the most pixels (width x height, as the header declares) accepted
	 * @throws ImageDecodingException when the bytes are no readable picture, it has too
	 * many pixels, or the budget stayed full
	 */
	public Decoded decode(byte[] bytes, long maxPixels) {
		try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
			Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
			if (!readers.hasNext()) {
				throw new ImageDecodingException(Reason.NOT_AN_IMAGE, "not a picture (PNG, JPEG, GIF, BMP or TIFF)");
			}
			ImageReader reader = readers.next();
			try {
				reader.setInput(in, true, true);
				long width = reader.getWidth(0);
				long height = reader.getHeight(0);
				if (width * height > maxPixels) {
					throw new ImageDecodingException(Reason.TOO_MANY_PIXELS,
							"the picture has %dx%d pixels; at most %d pixels".formatted(width, height, maxPixels));
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
					budget.release(pixels);
					throw e;
				}
				return new Decoded(image, pixels);
			}
			finally {
				reader.dispose();
			}
		}
		catch (IOException | RuntimeException e) {
			if (e instanceof ImageDecodingException) {
				throw (ImageDecodingException) e;
			}
			// Decoders throw all sorts on corrupt data (IIOException, IndexOutOfBounds,
			// ...): all mean the same.
			throw new ImageDecodingException(Reason.CORRUPT, "the picture is corrupt or cut short (" + format(bytes)
					+ "): " + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
		}
	}

	private void reserve(int pixels) {
		boolean reserved;
		try {
			reserved = budget.tryAcquire(pixels, waitNanos, TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			reserved = false;
		}
		if (!reserved) {
			throw new ImageDecodingException(Reason.BUSY, "the server is busy decoding other pictures; retry");
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
