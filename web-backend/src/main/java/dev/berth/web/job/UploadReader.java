package dev.berth.web.job;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

import dev.berth.web.system.UploadRejectedException;

import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.multipart.MultipartFile;

/**
 * Turns the files of an upload (pictures, and ZIPs of pictures) into the pictures of a
 * job, within the limits of {@code berth.jobs}. ZIPs are read as a stream and every
 * inflated byte is counted, so a ZIP bomb stops at the limit instead of filling memory.
 * Decoding the pictures is left to the workers: a picture that turns out unreadable fails
 * on its own, not the upload.
 */
@Component
class UploadReader {

	/** Longest file name kept (the column's size); longer ones keep their end. */
	static final int MAX_NAME_LENGTH = 255;

	private static final byte[] ZIP_MAGIC = { 'P', 'K', 3, 4 };

	private static final byte[] PNG_MAGIC = { (byte) 0x89, 'P', 'N', 'G' };

	private static final byte[] JPEG_MAGIC = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF };

	private final JobProperties limits;

	UploadReader(JobProperties limits) {
		this.limits = limits;
	}

	/** A picture of a job as uploaded. */
	record JobPicture(String fileName, byte[] bytes) {
	}

	/**
	 * @throws UploadRejectedException 413 over a limit, 400 when no file holds a picture
	 */
	List<JobPicture> read(List<MultipartFile> files) {
		if (files == null || files.isEmpty()) {
			throw UploadRejectedException.invalid("send pictures (PNG, JPEG) or ZIP files of them as 'files' parts");
		}
		Budget budget = new Budget();
		List<JobPicture> pictures = new ArrayList<>();
		List<String> skipped = new ArrayList<>();
		for (MultipartFile file : files) {
			String name = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank() ? "upload"
					: file.getOriginalFilename();
			byte[] head = head(file);
			if (startsWith(head, ZIP_MAGIC) || name.toLowerCase(Locale.ROOT).endsWith(".zip")) {
				readZip(name, file, budget, pictures, skipped);
			}
			else if (isPicture(name, head)) {
				if (file.getSize() > limits.maxPictureBytes().toBytes()) {
					throw UploadRejectedException
						.tooLarge("'%s' has %d bytes; a picture may have at most %s (berth.jobs.max-picture-bytes)"
							.formatted(name, file.getSize(), text(limits.maxPictureBytes())));
				}
				budget.add(name, file.getSize());
				add(pictures, new JobPicture(shorten(name), bytes(file)));
			}
			else {
				skipped.add(name);
			}
		}
		if (pictures.isEmpty()) {
			throw UploadRejectedException.invalid("no PNG or JPEG picture in the upload" + (skipped.isEmpty() ? ""
					: " (skipped: " + String.join(", ", skipped.subList(0, Math.min(5, skipped.size())))
							+ (skipped.size() > 5 ? ", ..." : "") + ")"));
		}
		return pictures;
	}

	private void readZip(String zipName, MultipartFile file, Budget budget, List<JobPicture> pictures,
			List<String> skipped) {
		try (ZipInputStream zip = new ZipInputStream(file.getInputStream())) {
			boolean any = false;
			for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
				any = true;
				String name = entry.getName();
				if (entry.isDirectory()) {
					continue;
				}
				// Read every entry, skipped ones too: the stream inflates them either
				// way,
				// and a bomb hidden in __MACOSX/ must stop at the limit as well.
				byte[] bytes = inflate(zipName, name, zip, budget);
				if (ignored(name)) {
					continue;
				}
				if (isPicture(name, bytes)) {
					add(pictures, new JobPicture(shorten(name), bytes));
				}
				else {
					skipped.add(zipName + ":" + name);
				}
			}
			if (!any) {
				throw UploadRejectedException.invalid("'%s' is not a ZIP file or holds nothing".formatted(zipName));
			}
		}
		catch (ZipException | IllegalArgumentException ex) {
			// IllegalArgumentException: an entry name that is not valid UTF-8.
			throw UploadRejectedException
				.invalid("'%s' is not a readable ZIP file: %s".formatted(zipName, ex.getMessage()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The entry's bytes, counting each one against the per-picture and per-job limits as
	 * it is inflated (an entry's declared size may lie).
	 */
	private byte[] inflate(String zipName, String name, ZipInputStream zip, Budget budget) throws IOException {
		long maxPicture = limits.maxPictureBytes().toBytes();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buffer = new byte[64 * 1024];
		long size = 0;
		for (int n = zip.read(buffer); n >= 0; n = zip.read(buffer)) {
			size += n;
			budget.add(zipName, n);
			if (size > maxPicture) {
				throw UploadRejectedException.tooLarge(
						"'%s' in '%s' inflates to more than %s: a picture may have at most %s (berth.jobs.max-picture-bytes)"
							.formatted(name, zipName, text(limits.maxPictureBytes()), text(limits.maxPictureBytes())));
			}
			out.write(buffer, 0, n);
		}
		return out.toByteArray();
	}

	private void add(List<JobPicture> pictures, JobPicture picture) {
		if (pictures.size() >= limits.maxItems()) {
			throw UploadRejectedException
				.tooLarge("the upload holds more than %d pictures: a job may have at most %d (berth.jobs.max-items)"
					.formatted(limits.maxItems(), limits.maxItems()));
		}
		pictures.add(picture);
	}

	/** Directories, macOS resource forks and hidden files (any part of the path). */
	static boolean ignored(String path) {
		for (String part : path.split("/")) {
			if (part.startsWith(".") || part.equals("__MACOSX")) {
				return true;
			}
		}
		return path.endsWith("/");
	}

	private static boolean isPicture(String name, byte[] head) {
		String lower = name.toLowerCase(Locale.ROOT);
		return lower.endsWith(".png") || lower.endsWith(".jpg") || lower.endsWith(".jpeg")
				|| startsWith(head, PNG_MAGIC) || startsWith(head, JPEG_MAGIC);
	}

	private static boolean startsWith(byte[] bytes, byte[] prefix) {
		if (bytes.length < prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if (bytes[i] != prefix[i]) {
				return false;
			}
		}
		return true;
	}

	private static String shorten(String name) {
		return name.length() <= MAX_NAME_LENGTH ? name : "..." + name.substring(name.length() - MAX_NAME_LENGTH + 3);
	}

	private static byte[] head(MultipartFile file) {
		try (InputStream in = file.getInputStream()) {
			return in.readNBytes(4);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] bytes(MultipartFile file) {
		try {
			return file.getBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** "50 MB" rather than "52428800B". */
	static String text(DataSize size) {
		long bytes = size.toBytes();
		if (bytes % DataSize.ofMegabytes(1).toBytes() == 0) {
			return size.toMegabytes() + " MB";
		}
		if (bytes % DataSize.ofKilobytes(1).toBytes() == 0) {
			return size.toKilobytes() + " KB";
		}
		return bytes + " bytes";
	}

	/** What the pictures read so far add up to, against the job's limits. */
	private final class Budget {

		private long bytes;

		void add(String fileName, long more) {
			bytes += more;
			if (bytes > limits.maxBytes().toBytes()) {
				throw UploadRejectedException.tooLarge(
						"the pictures add up to more than %s (at '%s'): a job may have at most %s (berth.jobs.max-bytes)"
							.formatted(text(limits.maxBytes()), fileName, text(limits.maxBytes())));
			}
		}

	}

}
