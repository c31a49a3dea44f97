package dev.berth.web.prediction;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

import javax.imageio.ImageIO;
import java.util.List;

/**
 * A 28x28 grayscale image (white digit on black, like MNIST) as stored: one byte per
 * pixel, 0 = black .. 255 = white, row-major.
 *
 * <p>
 * Incoming values are quantised to bytes before they are sent to the model, so the stored
 * image is exactly what was classified and re-classifying it later gives the same input.
 */
public final class Pixels {

	public static final int WIDTH = 28;

	public static final int HEIGHT = 28;

	public static final int COUNT = WIDTH * HEIGHT;

	private final byte[] bytes;

	private Pixels(byte[] bytes) {
		this.bytes = bytes;
	}

	/**
	 * @param values exactly {@value #COUNT} finite values in 0..1 (validated at the API
	 * boundary)
	 * @throws IllegalArgumentException when they are not
	 */
	public static Pixels of(double[] values) {
		if (values.length != COUNT) {
			throw new IllegalArgumentException("expected " + COUNT + " pixels, got " + values.length);
		}
		byte[] bytes = new byte[COUNT];
		for (int i = 0; i < COUNT; i++) {
			double v = values[i];
			if (!(v >= 0 && v <= 1)) {
				throw new IllegalArgumentException("pixel " + i + " is " + v + ", not in 0..1");
			}
			bytes[i] = (byte) Math.round(v * 255);
		}
		return new Pixels(bytes);
	}

	public static Pixels of(List<? extends Number> values) {
		return of(values.stream().mapToDouble(Number::doubleValue).toArray());
	}

	/**
	 * @param values {@value #COUNT} values as the shared preprocessing makes them; float
	 * rounding can step just outside 0..1, so values are clamped
	 */
	static Pixels fromModelInput(double[] values) {
		double[] clamped = new double[values.length];
		for (int i = 0; i < values.length; i++) {
			clamped[i] = Math.min(1, Math.max(0, values[i]));
		}
		return of(clamped);
	}

	/** The stored bytes, one per pixel, 0 = black .. 255 = white. */
	public static Pixels fromBytes(byte[] bytes) {
		if (bytes.length != COUNT) {
			throw new IllegalArgumentException("expected " + COUNT + " bytes, got " + bytes.length);
		}
		return new Pixels(bytes.clone());
	}

	public byte[] toBytes() {
		return bytes.clone();
	}

	/** A {@value #WIDTH}x{@value #HEIGHT} grayscale PNG of the pixels, for thumbnails. */
	public byte[] toPng() {
		BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_BYTE_GRAY);
		image.getRaster().setDataElements(0, 0, WIDTH, HEIGHT, bytes.clone());
		ByteArrayOutputStream png = new ByteArrayOutputStream(400);
		try {
			ImageIO.write(image, "png", png);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return png.toByteArray();
	}

	/** The model input: values 0..1, row-major. */
	public float[] toModelInput() {
		float[] input = new float[COUNT];
		for (int i = 0; i < COUNT; i++) {
			input[i] = Byte.toUnsignedInt(bytes[i]) / 255f;
		}
		return input;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Pixels pixels && Arrays.equals(bytes, pixels.bytes);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(bytes);
	}

}
