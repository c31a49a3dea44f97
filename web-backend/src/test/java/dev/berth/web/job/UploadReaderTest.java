package dev.berth.web.job;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.berth.web.job.UploadReader.JobPicture;
import dev.berth.web.system.UploadRejectedException;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.util.unit.DataSize;

import static dev.berth.web.job.JobUploads.png;
import static dev.berth.web.job.JobUploads.zip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which files of an upload become pictures of a job, with small limits. */
class UploadReaderTest {

	private final UploadReader reader = new UploadReader(new JobProperties(2, 64, 3, DataSize.ofKilobytes(10),
			DataSize.ofKilobytes(4), Duration.ofSeconds(2), Duration.ofSeconds(30)));

	@Test
	void picturesAndZipEntriesBecomePicturesInUploadOrder() {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		entries.put("a/", new byte[0]);
		entries.put("a/one.png", png(1));
		entries.put("a/.hidden.png", png(2));
		entries.put("__MACOSX/a/._one.png", png(3));
		entries.put("notes.txt", "hello".getBytes());
		entries.put("no-extension", png(4));

		List<JobPicture> pictures = reader
			.read(List.of(file("first.jpeg", new byte[] { 1, 2 }), file("set.zip", zip(entries))));

		assertThat(pictures).extracting(JobPicture::fileName)
			.containsExactly("first.jpeg", "a/one.png", "no-extension");
		assertThat(pictures.get(1).bytes()).isEqualTo(png(1));
	}

	@Test
	void hiddenAndMacOsFilesAreIgnoredAnywhereInThePath() {
		assertThat(UploadReader.ignored("__MACOSX/x.png")).isTrue();
		assertThat(UploadReader.ignored("a/__MACOSX/x.png")).isTrue();
		assertThat(UploadReader.ignored(".DS_Store")).isTrue();
		assertThat(UploadReader.ignored("a/.b/c.png")).isTrue();
		assertThat(UploadReader.ignored("a/b.c.png")).isFalse();
	}

	@Test
	void aZipEntryLargerThanAPictureMayBeStopsAtTheLimit() {
		byte[] bomb = zip(Map.of("big.png", new byte[4097]));

		assertThatThrownBy(() -> reader.read(List.of(file("bomb.zip", bomb)))).isInstanceOfSatisfying(
				UploadRejectedException.class,
				ex -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE));
	}

	@Test
	void tooManyPicturesAreRefused() {
		assertThatThrownBy(() -> reader.read(List.of(file("set.zip", zip(JobUploads.pictures(4))))))
			.isInstanceOf(UploadRejectedException.class)
			.hasMessageContaining("berth.jobs.max-items");
	}

	@Test
	void aFileThatIsNoZipIsRefused() {
		assertThatThrownBy(() -> reader.read(List.of(file("broken.zip", "PK but not".getBytes()))))
			.isInstanceOfSatisfying(UploadRejectedException.class,
					ex -> assertThat(ex.getBody().getDetail()).startsWith("'broken.zip' is not"));
	}

	@Test
	void sizesAreShownInTheirUnit() {
		assertThat(UploadReader.text(DataSize.ofMegabytes(50))).isEqualTo("50 MB");
		assertThat(UploadReader.text(DataSize.ofKilobytes(4))).isEqualTo("4 KB");
		assertThat(UploadReader.text(DataSize.ofBytes(1000))).isEqualTo("1000 bytes");
	}

	private static MockMultipartFile file(String name, byte[] bytes) {
		return new MockMultipartFile("files", name, "application/octet-stream", bytes);
	}

}
