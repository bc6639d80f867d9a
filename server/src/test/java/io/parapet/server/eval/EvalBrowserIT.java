package io.parapet.server.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlContains;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parapet.server.mock.MockUpstream;
import io.parapet.server.ui.Chromium;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Evaluation in a real browser: start a run, watch its progress to the end, start another, open the comparison. */
@MicronautTest(environments = "postgres", transactional = false)
class EvalBrowserIT extends EvalTestSupport {
    private static final String EVALUATORS =
            "[{\"name\": \"regex\", \"config\": {\"pattern\": \"^Where is my order\"}}]";

    private static void replace(WebElement field, String text) {
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        field.sendKeys(text);
    }

    private String start(Chromium chrome, String prompt) {
        var d = chrome.driver;
        d.get(server.getURL() + "/ui/eval");
        d.findElement(By.cssSelector("#start-run summary")).click();
        replace(d.findElement(By.id("run-prompt")), prompt);
        replace(d.findElement(By.id("run-dataset")), "eval/faq");
        replace(d.findElement(By.id("run-concurrency")), "2");
        replace(d.findElement(By.id("run-evaluators")), EVALUATORS);
        d.findElement(By.id("run-start")).click();
        chrome.wait.until(urlContains("/ui/eval/runs/"));
        String url = d.getCurrentUrl();
        new WebDriverWait(d, Duration.ofSeconds(60))
                .until(textToBePresentInElementLocated(By.id("run-status"), "completed"));
        return url.substring(url.lastIndexOf('/') + 1);
    }

    @Test
    void an_editor_starts_runs_watches_them_and_compares_them() {
        mock.behave(MockUpstream.Behaviour.healthy(25));
        try (Chromium chrome = new Chromium(1280, 900)) {
            chrome.scenario("eval", () -> {
                var d = chrome.driver;
                chrome.signIn(server.getURL().toString(), ADMIN_KEY);
                String first = start(chrome, "eval/bot#1");
                assertThat(d.findElement(By.id("run-done")).getText()).isEqualTo(ITEMS + "/" + ITEMS);
                assertThat(d.findElement(By.id("pass-rate")).getText()).startsWith("100.0 %");
                chrome.screenshot("eval-01-run");

                // A bad run is refused on the form, with what was typed kept.
                d.get(server.getURL() + "/ui/eval");
                d.findElement(By.cssSelector("#start-run summary")).click();
                replace(d.findElement(By.id("run-prompt")), "eval/bot#1");
                replace(d.findElement(By.id("run-dataset")), "eval/nowhere");
                d.findElement(By.id("run-start")).click();
                chrome.wait.until(textToBePresentInElementLocated(By.id("notice"), "eval/nowhere"));
                replace(d.findElement(By.id("run-dataset")), "eval/faq");
                replace(d.findElement(By.id("run-evaluators")), "[{\"name\": \"nope\"}]");
                d.findElement(By.id("run-start")).click();
                chrome.wait.until(textToBePresentInElementLocated(By.id("notice"), "known"));
                assertThat(d.findElement(By.id("run-prompt")).getAttribute("value"))
                        .isEqualTo("eval/bot#1");

                String second = start(chrome, "eval/bot#2");
                d.findElement(By.id("filter-failed")).click();
                chrome.wait.until(urlContains("filter=failed"));
                assertThat(d.findElements(By.cssSelector("#results tbody tr"))).hasSize(ITEMS);
                d.get(server.getURL() + "/ui/eval/runs/" + second);
                new Select(d.findElement(By.id("compare-baseline"))).selectByValue(first);
                d.findElement(By.id("compare-open")).click();
                chrome.wait.until(textToBePresentInElementLocated(By.id("verdict"), "worse"));
                assertThat(d.findElement(By.id("item-changes")).getText())
                        .startsWith("0 improved, " + ITEMS + " regressed");
                chrome.screenshot("eval-02-compare");

                d.get(server.getURL() + "/ui/eval");
                assertThat(d.findElement(By.id("runs-table")).getText())
                        .contains("#" + first)
                        .contains("#" + second);
            });
        } finally {
            mock.behave(MockUpstream.Behaviour.healthy(5));
        }
    }
}
