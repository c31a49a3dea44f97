package dev.berth.ml.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import javax.imageio.ImageIO;

/**
 * Pictures of the held-out digits, as people would upload them, and pictures built to be
 * refused.
 */
final class DigitImages {

	private DigitImages() {
	}

	/**
	 * The digit as a 28x28 gray picture: MNIST's own white ink on black, or black ink on
	 * white paper.
	 */
	static BufferedImage small(float[] pixels, boolean blackOnWhite) {
		BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
		for (int i = 0; i < pixels.length; i++) {
			int value = Math.round(pixels[i] * 255);
			image.getRaster().setSample(i % 28, i / 28, 0, blackOnWhite ? 255 - value : value);
		}
		return image;
	}

	/**
	 * The digit drawn five times larger in dark blue ink, off centre, on a 200x200 white
	 * RGB picture, smoothly scaled as a drawing program would.
	 */
	static BufferedImage large(float[] pixels) {
		BufferedImage digit = new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB);
		for (int i = 0; i < pixels.length; i++) {
			float ink = pixels[i];
			int red = Math.round(255 - ink * (255 - 20));
			int green = Math.round(255 - ink * (255 - 30));
			int blue = Math.round(255 - ink * (255 - 90));
			digit.setRGB(i % 28, i / 28, (red << 16) | (green << 8) | blue);
		}
		BufferedImage canvas = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = canvas.createGraphics();
		try {
			g.setColor(Color.WHITE);
			g.fillRect(0, 0, 200, 200);
			g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
			g.drawImage(digit, 15, 50, 140, 140, null);
		}
		finally {
			g.dispose();
		}
		return canvas;
	}

	/**
	 * The digit, white on black, smoothly scaled up to a square of {@code size} pixels a
	 * side.
	 */
	static BufferedImage huge(float[] pixels, int size) {
		BufferedImage canvas = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
		Graphics2D g = canvas.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
			g.drawImage(small(pixels, false), 0, 0, size, size, null);
		}
		finally {
			g.dispose();
		}
		return canvas;
	}

	static byte[] encode(BufferedImage image, String format) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			if (!ImageIO.write(image, format, out)) {
				throw new IllegalStateException("no ImageIO writer for " + format);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return out.toByteArray();
	}

	/**
	 * A valid, tiny PNG whose header claims width x height pixels: a few dozen bytes that
	 * would decode to gigabytes.
	 */
	static byte[] pngClaiming(int width, int height) {
		ByteArrayOutputStream png = new ByteArrayOutputStream();
		png.writeBytes(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' });
		chunk(png, "IHDR",
				ByteBuffer.allocate(13)
					.putInt(width)
					.putInt(height)
					.put((byte) 8)
					.put((byte) 0)
					.put((byte) 0)
					.put((byte) 0)
					.put((byte) 0)
					.array());
		Deflater deflater = new Deflater();
		deflater.setInput(new byte[] { 0, 0 });
		deflater.finish();
		byte[] compressed = new byte[64];
		int length = deflater.deflate(compressed);
		deflater.end();
		chunk(png, "IDAT", Arrays.copyOf(compressed, length));
		chunk(png, "IEND", new byte[0]);
		return png.toByteArray();
	}

	private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
		byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
		CRC32 crc = new CRC32();
		crc.update(typeBytes);
		crc.update(data);
		png.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
		png.writeBytes(typeBytes);
		png.writeBytes(data);
		png.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
	}

	/** A multipart/form-data body with one file part. */
	static byte[] multipart(String boundary, String field, String contentType, byte[] content) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(("--" + boundary + "\r\n" + "Content-Disposition: form-data; name=\"" + field
				+ "\"; filename=\"digit\"\r\n" + "Content-Type: " + contentType + "\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		body.writeBytes(content);
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
		return body.toByteArray();
	}

}
