package dev.berth.ml.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

import org.springframework.http.HttpStatus;

/**
 * Decodes a picture with javax.imageio (PNG, JPEG, GIF, BMP, TIFF and WBMP in a standard JDK), from
 * memory: no temporary files, and the size is checked from the header before any pixel is decoded.
 */
final class ImageDecoder {

    private ImageDecoder() {}

    /** @throws ImageRejectedException 400 when the bytes are no readable picture, 413 when it has too many pixels */
    static BufferedImage decode(byte[] bytes, long maxPixels) {
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
                BufferedImage image = reader.read(0);
                if (image == null || image.getWidth() < 1 || image.getHeight() < 1) {
                    throw new IOException("no pixels");
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ImageRejectedException rejected) {
                throw rejected;
            }
            // Decoders throw all sorts on corrupt data (IIOException, IndexOutOfBounds, ...): all mean the same.
            throw new ImageRejectedException(HttpStatus.BAD_REQUEST, "the picture is corrupt or cut short ("
                    + format(bytes) + "): " + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
        }
    }

    private static String format(byte[] bytes) {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            return readers.hasNext() ? readers.next().getFormatName().toUpperCase(Locale.ROOT) : "unknown format";
        } catch (IOException e) {
            return "unknown format";
        }
    }
}
