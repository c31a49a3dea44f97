package dev.berth.web.prediction;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** Pictures of a digit as a browser or a person would send them. */
final class TestPictures {

	private TestPictures() {
	}

	/**
	 * A "7" as the drawing pad makes it: white strokes on black, 280x280, or dark ink on
	 * paper, as a scan or photo of the same digit would be.
	 */
	static BufferedImage seven(boolean darkOnLight) {
		BufferedImage image = new BufferedImage(280, 280, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setColor(darkOnLight ? Color.WHITE : Color.BLACK);
		g.fillRect(0, 0, 280, 280);
		g.setColor(darkOnLight ? Color.BLACK : Color.WHITE);
		g.setStroke(new BasicStroke(22, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
		g.drawLine(70, 60, 210, 60);
		g.drawLine(210, 60, 120, 230);
		g.dispose();
		return image;
	}

	static byte[] encode(BufferedImage image, String format) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, format, out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	static BufferedImage decode(byte[] bytes) {
		try {
			return ImageIO.read(new ByteArrayInputStream(bytes));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A multipart part named {@code files}. */
	record File(String name, byte[] bytes, MediaType type) {
	}

	static RestTestClient.ResponseSpec upload(RestTestClient http, String uri, String source, File... files) {
		MultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
		for (File file : files) {
			HttpHeaders headers = new HttpHeaders();
			headers.setContentType(file.type());
			headers.setContentDispositionFormData("files", file.name());
			body.add("files", new HttpEntity<>(file.bytes(), headers));
		}
		if (source != null) {
			body.add("source", source);
		}
		return http.post().uri(uri).contentType(MediaType.MULTIPART_FORM_DATA).body(body).exchange();
	}

}
