package dev.berth.web.job;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import dev.berth.web.job.UploadReader.JobPicture;

import org.springframework.data.web.PagedModel;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The batch job API: upload many pictures (or ZIPs of them) as one job, follow its
 * progress, download its results.
 */
@RestController
@RequestMapping("/api/jobs")
class JobController {

	static final int MAX_PAGE_SIZE = 100;

	static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

	private final JobService jobs;

	private final UploadReader uploads;

	private final JobEvents events;

	JobController(JobService jobs, UploadReader uploads, JobEvents events) {
		this.jobs = jobs;
		this.uploads = uploads;
		this.events = events;
	}

	/**
	 * Pictures (PNG, JPEG) and ZIP files of pictures as {@code files} parts; the job's
	 * name defaults to the first file's.
	 */
	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<JobResponse> create(@RequestPart(name = "files", required = false) List<MultipartFile> files,
			@RequestParam(required = false) String name, UriComponentsBuilder uri) {
		List<JobPicture> pictures = uploads.read(files);
		String jobName = name != null && !name.isBlank() ? name.strip() : files.get(0).getOriginalFilename();
		if (jobName == null || jobName.isBlank()) {
			jobName = pictures.get(0).fileName();
		}
		if (jobName.length() > UploadReader.MAX_NAME_LENGTH) {
			jobName = jobName.substring(0, UploadReader.MAX_NAME_LENGTH);
		}
		JobResponse job = jobs.create(jobName, pictures);
		URI location = uri.path("/api/jobs/{id}").buildAndExpand(job.id()).toUri();
		return ResponseEntity.accepted().location(location).body(job);
	}

	@GetMapping
	PagedModel<JobResponse> find(@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(MAX_PAGE_SIZE) int size) {
		return new PagedModel<>(jobs.find(page, size));
	}

	@GetMapping("/{id}")
	JobResponse get(@PathVariable long id) {
		return jobs.get(id);
	}

	@GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter events(@PathVariable long id) {
		return events.stream(id);
	}

	/** One row per picture, in upload order, streamed as it is read. */
	@GetMapping(path = "/{id}/results.csv", produces = "text/csv")
	ResponseEntity<StreamingResponseBody> results(@PathVariable long id) {
		jobs.requireExists(id);
		StreamingResponseBody body = out -> {
			Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
			jobs.writeResults(id, writer);
			writer.flush();
		};
		return ResponseEntity.ok()
			.contentType(TEXT_CSV)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("job-" + id + "-results.csv").build().toString())
			.body(body);
	}

}
