package dev.berth.e2e;

import java.nio.file.Files;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person's path through the browser app in a real headless Chromium: draw a digit with
 * the pointer, classify it, label it, and see it in the history. Everything behind the
 * page is the real stack (gateway, web, ml, db).
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
	void drawClassifyLabelAndSeeItInHistory() {
		this.browser.get(Stack.BASE.toString());
		assertThat(this.browser.getTitle()).contains("Berth");
		WebElement classify = this.browser.findElement(By.id("classify"));
		assertThat(classify.isEnabled()).as("Classify before anything is drawn").isFalse();

		drawOne(this.browser.findElement(By.id("pad")));
		this.wait.until(ExpectedConditions.elementToBeClickable(classify)).click();

		WebElement guess = this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("guess")));
		this.wait.until(d -> !guess.getText().isBlank());
		assertThat(guess.getText()).as("the model's guess for a drawn 1").isEqualTo("1");
		assertThat(this.browser.findElements(By.cssSelector("#top li"))).hasSize(3);

		this.browser.findElement(By.cssSelector("#labels button[value='1']")).click();
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("correction"), "Labelled as 1"));
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("history"), "guessed 1"));
	}

	@Test
	void clearEmptiesThePadAndHidesTheResult() {
		this.browser.get(Stack.BASE.toString());
		drawOne(this.browser.findElement(By.id("pad")));
		this.wait.until(ExpectedConditions.elementToBeClickable(By.id("classify"))).click();
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("result")));

		this.browser.findElement(By.id("clear")).click();

		assertThat(this.browser.findElement(By.id("result")).isDisplayed()).isFalse();
		assertThat(this.browser.findElement(By.id("classify")).isEnabled()).isFalse();
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
