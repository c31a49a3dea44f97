package dev.berth.e2e;

import java.nio.file.Files;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
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

		// The statistics count it.
		this.browser.findElement(test("nav-stats")).click();
		WebElement total = this.wait.until(ExpectedConditions.visibilityOfElementLocated(test("stats-total")));
		assertThat(Long.parseLong(total.getDomAttribute("data-value"))).isGreaterThan(totalBefore);
		assertThat(this.browser.findElements(test("confusion-cell"))).hasSize(100);
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
