package dev.berth.web.prediction;

import java.time.Duration;

import dev.berth.image.ImageDecoder;
import dev.berth.image.ImageDecodingException;
import dev.berth.image.ImagePreprocessor;
import dev.berth.image.ImageSpec;
import dev.berth.web.inference.MlProperties;
import dev.berth.web.system.UploadRejectedException;

import org.springframework.stereotype.Component;

/**
 * Turns a picture (PNG, JPEG, ...) into the pixels the model is given, with the shared
 * preprocessing of the image-input module: the same recipe as ml-service's image
 * endpoint, so a digit drawn in the browser and the same digit uploaded as a file give
 * the same input.
 */
@Component
public class PictureReader {

	/** Larger pictures are refused before any pixel is decoded: 8192x8192. */
	static final long MAX_PIXELS = 1L << 26;

	private final ImageDecoder decoder = new ImageDecoder(Duration.ofSeconds(2));

	private final ImageSpec spec;

	public PictureReader(MlProperties ml) {
		this.spec = ml.imageSpec();
		if (spec.channels() != 1 || spec.size() != Pixels.COUNT) {
			throw new IllegalStateException("the demo stores 28x28 gray pictures; berth.ml.input-shape describes "
					+ spec.channels() + "x" + spec.height() + "x" + spec.width());
		}
	}

	/**
	 * @throws UnusablePictureException when the bytes are no picture, a corrupt one, or
	 * one with too many pixels
	 * @throws UploadRejectedException (503) when other pictures held the decoding memory
	 * for too long
	 */
	public Pixels read(byte[] picture) {
		try (ImageDecoder.Decoded decoded = decoder.decode(picture, MAX_PIXELS)) {
			return Pixels.fromModelInput(ImagePreprocessor.toInput(decoded.image(), spec));
		}
		catch (ImageDecodingException ex) {
			if (ex.reason() == ImageDecodingException.Reason.BUSY) {
				throw UploadRejectedException.busy(ex.getMessage());
			}
			throw new UnusablePictureException(ex.getMessage());
		}
	}

}
