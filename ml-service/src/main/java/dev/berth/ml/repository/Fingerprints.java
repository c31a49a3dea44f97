package dev.berth.ml.repository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a file or folder looks like on disk, as text that changes whenever a file in it is
 * written, replaced (a rename brings another inode), added or removed: size, modification
 * time and file key of every file. Cheap enough to take every few seconds, since no file
 * is read.
 */
final class Fingerprints {

	static final String ABSENT = "absent";

	// Deep enough for labels and extra files beside model.pt; symbolic links are
	// followed, since
	// Kubernetes mounts config maps and secrets as links into a ..data folder.
	private static final int MAX_DEPTH = 4;

	private Fingerprints() {
	}

	static String ofFile(Path file) {
		try {
			return describe(Files.readAttributes(file, BasicFileAttributes.class));
		}
		catch (NoSuchFileException e) {
			return ABSENT;
		}
		catch (IOException e) {
			return "unreadable: " + e.getMessage();
		}
	}

	static String ofFolder(Path dir) {
		if (!Files.isDirectory(dir)) {
			return ABSENT;
		}
		try (Stream<Path> paths = Files.walk(dir, MAX_DEPTH, FileVisitOption.FOLLOW_LINKS)) {
			return paths.filter(path -> !path.equals(dir))
				.sorted()
				.map(path -> dir.relativize(path) + "=" + ofFile(path))
				.collect(Collectors.joining(";"));
		}
		catch (IOException | UncheckedIOException e) {
			// A file vanished while the folder was listed: it is changing, which is all a
			// fingerprint must say.
			return "changing: " + e.getMessage();
		}
	}

	private static String describe(BasicFileAttributes attributes) {
		if (attributes.isDirectory()) {
			return "dir";
		}
		return attributes.size() + ":" + attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS) + ":"
				+ attributes.fileKey();
	}

}
