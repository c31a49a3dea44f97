package dev.berth.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person's path through the browser app in a real headless Chromium: draw a digit with
 * the pointer, classify it, correct its label, find it in the history and see it counted
 * in the statistics. Everything behind the page is the real stack (gateway, web, ml, db).
 * Elements are found by their {@code data-test} attributes, which the app keeps stable
 * for these tests.
 */
class BrowserIT {

	private WebDriver browser;

	private WebDriverWait wait;

	@BeforeEach
	void openBrowser() throws Exception {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(System.getProperty("chrome.binary", "/usr/bin/chromium"));
		// Headless, and nothing that would phone home from a machine without internet
		// access.
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=1200,1000",
				"--user-data-dir=" + Files.createTempDirectory("berth-chromium"));
		this.browser = new ChromeDriver(options);
		this.wait = new WebDriverWait(this.browser, Duration.ofSeconds(20));
	}

	@AfterEach
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void drawClassifyCorrectFindInHistoryAndCountInStats() {
		long totalBefore = Stack.get("/api/stats").json().get("total").asLong();

		this.browser.get(Stack.BASE.toString());
		assertThat(this.browser.getTitle()).contains("Berth");
		WebElement classify = this.browser.findElement(test("classify"));
		assertThat(classify.isEnabled()).as("Classify before anything is drawn").isFalse();

		drawOne(this.browser.findElement(test("pad")));
		this.wait.until(ExpectedConditions.elementToBeClickable(classify)).click();

		WebElement result = this.wait.until(ExpectedConditions.visibilityOfElementLocated(test("result")));
		WebElement guess = result.findElement(test("guess"));
		assertThat(guess.getText()).as("the model's guess for a drawn 1").isEqualTo("1");
		String id = result.getDomAttribute("data-prediction-id");
		assertThat(id).as("the result card's prediction id").isNotBlank();

		// A person says it is a 7: the correction is saved and the button shows it.
		WebElement seven = result.findElement(By.cssSelector("[data-test='label-button'][data-label='7']"));
		seven.click();
		this.wait.until(ExpectedConditions.textToBePresentInElement(result.findElement(test("correction-status")),
				"Labelled as 7"));
		assertThat(seven.getDomAttribute("aria-pressed")).isEqualTo("true");
		screenshot("draw");

		// The history, filtered by the predicted label, lists it with the label given.
		this.browser.findElement(test("nav-history")).click();
		this.wait.until(ExpectedConditions.presenceOfElementLocated(test("filter-label")));
		new Select(this.browser.findElement(test("filter-label"))).selectByValue("1");
		this.wait.until(ExpectedConditions.urlContains("label=1"));
		// The filtered page has replaced the unfiltered one.
		this.wait.ignoring(StaleElementReferenceException.class)
			.until((driver) -> driver.findElements(test("history-guess"))
				.stream()
				.allMatch((cell) -> cell.getText().equals("1")));
		WebElement row = this.wait.until(ExpectedConditions
			.presenceOfElementLocated(By.cssSelector("[data-test='history-row'][data-prediction-id='" + id + "']")));
		assertThat(row.findElement(By.cssSelector("[data-test='history-guess']")).getText()).isEqualTo("1");
		assertThat(new Select(row.findElement(By.cssSelector("[data-test='history-correct']"))).getFirstSelectedOption()
			.getText()).isEqualTo("7");
		screenshot("history");

		// The statistics count it.
		this.browser.findElement(test("nav-stats")).click();
		WebElement total = this.wait.until(ExpectedConditions.visibilityOfElementLocated(test("stats-total")));
		assertThat(Long.parseLong(total.getDomAttribute("data-value"))).isGreaterThan(totalBefore);
		assertThat(this.browser.findElements(test("confusion-cell"))).hasSize(100);
		screenshot("stats");
	}

	@Test
	void anUploadedPictureOfADigitIsRecognised() throws IOException {
		Stack.Digit seven = Stack.digits().stream().filter(d -> d.label() == 7).findFirst().orElseThrow();
		Path picture = Files.createTempDirectory("berth-upload").resolve("seven.png");
		Files.write(picture, Stack.png(seven));

		this.browser.get(Stack.BASE.toString());
		this.browser.findElement(test("upload-input")).sendKeys(picture.toString());

		WebElement result = this.wait.until(ExpectedConditions.visibilityOfElementLocated(test("result")));
		assertThat(result.findElement(test("guess")).getText()).as("the model's guess for an uploaded 7")
			.isEqualTo("7");
		screenshot("upload");
	}

	@Test
	void aBatchJobOfAZipRunsToCompletionWithProgressAndItsResultsDownload() throws IOException {
		List<Stack.Digit> digits = Stack.digits();
		Path zip = Files.createTempDirectory("berth-job").resolve("digits.zip");
		try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
			for (int i = 0; i < digits.size(); i++) {
				out.putNextEntry(new ZipEntry("digit-" + i + ".png"));
				out.write(Stack.png(digits.get(i)));
			}
			// Not a picture: skipped. A broken picture: an item that fails with its
			// reason.
			out.putNextEntry(new ZipEntry("notes.txt"));
			out.write("not a picture".getBytes(StandardCharsets.UTF_8));
			out.putNextEntry(new ZipEntry("broken.png"));
			out.write(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3 });
		}

		this.browser.get(Stack.BASE.resolve("/jobs").toString());
		// The jobs view is loaded on demand: wait for it.
		this.wait.until(ExpectedConditions.presenceOfElementLocated(test("jobs-upload-input")))
			.sendKeys(zip.toString());
		this.wait.until(ExpectedConditions.elementToBeClickable(test("jobs-submit"))).click();

		// The job's own page follows its progress to the end.
		this.wait.until(ExpectedConditions.urlMatches("/jobs/\\d+$"));
		WebElement progress = this.browser.findElement(test("job-progress"));
		this.wait.until(ExpectedConditions.textToBe(test("job-status"), "completed"));
		assertThat(progress.getDomProperty("value")).isEqualTo(progress.getDomProperty("max"))
			.isEqualTo(String.valueOf(digits.size() + 1));
		screenshot("job");

		String csv = Stack.get(this.browser.findElement(test("job-download")).getDomAttribute("href")).body();
		List<String> lines = csv.lines().toList();
		assertThat(lines).hasSize(digits.size() + 2);
		assertThat(lines.get(0)).startsWith("item,file,status,predicted_label");
		assertThat(lines).filteredOn(line -> line.contains(",DONE,")).hasSize(digits.size());
		assertThat(lines).filteredOn(line -> line.contains("broken.png") && line.contains(",FAILED,")).hasSize(1);
		assertThat(csv).doesNotContain("notes.txt");
	}

	/**
	 * Needs control of the stack's containers ({@code -Dberth.compose-dir}, which
	 * {@code ./berth e2e} sets): stops ml, then starts it again.
	 */
	@Test
	@EnabledIfSystemProperty(named = "berth.compose-dir", matches = ".+")
	void withMlStoppedTheAppSaysSoAndRecoversWhenItIsBack() {
		this.browser.get(Stack.BASE.toString());
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(test("pad")));
		try {
			Stack.compose("stop", "ml");
			drawOne(this.browser.findElement(test("pad")));
			this.browser.findElement(test("classify")).click();
			WebElement banner = this.wait.until(ExpectedConditions.visibilityOfElementLocated(test("degraded-banner")));
			assertThat(banner.getText()).contains("classifying is paused");
			assertThat(this.browser.findElement(test("classify")).isEnabled()).isFalse();
			// History and stats still answer.
			this.browser.findElement(test("nav-history")).click();
			this.wait.until(ExpectedConditions.presenceOfElementLocated(test("history-row")));
			screenshot("degraded");
		}
		finally {
			Stack.compose("start", "ml");
		}
		new WebDriverWait(this.browser, Duration.ofSeconds(120))
			.until(ExpectedConditions.numberOfElementsToBe(test("degraded-banner"), 0));
		this.browser.findElement(test("nav-draw")).click();
		drawOne(this.wait.until(ExpectedConditions.visibilityOfElementLocated(test("pad"))));
		this.wait.until(ExpectedConditions.elementToBeClickable(test("classify"))).click();
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(test("result")));
	}

	@Test
	void undoAndClearEmptyThePad() {
		this.browser.get(Stack.BASE.toString());
		WebElement classify = this.browser.findElement(test("classify"));

		drawOne(this.browser.findElement(test("pad")));
		this.wait.until(ExpectedConditions.elementToBeClickable(classify));
		this.browser.findElement(test("undo")).click();
		this.wait.until(ExpectedConditions.not(ExpectedConditions.elementToBeClickable(classify)));

		drawOne(this.browser.findElement(test("pad")));
		this.wait.until(ExpectedConditions.elementToBeClickable(classify)).click();
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(test("result")));

		this.browser.findElement(test("clear")).click();

		this.wait.until(ExpectedConditions.numberOfElementsToBe(test("result"), 0));
		assertThat(classify.isEnabled()).as("Classify after Clear").isFalse();
	}

	/** Saved under e2e/target/screenshots/, where the README's pictures come from. */
	private void screenshot(String name) {
		try {
			Path folder = Files.createDirectories(Path.of("target", "screenshots"));
			Files.write(folder.resolve(name + ".png"),
					((TakesScreenshot) this.browser).getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static By test(String name) {
		return By.cssSelector("[data-test='" + name + "']");
	}

	/** A vertical stroke through the middle of the pad, the way a person draws a one. */
	private void drawOne(WebElement pad) {
		new Actions(this.browser).moveToElement(pad, 0, -90)
			.clickAndHold()
			.moveByOffset(0, 45)
			.moveByOffset(0, 45)
			.moveByOffset(0, 45)
			.moveByOffset(0, 45)
			.release()
			.perform();
	}

}
