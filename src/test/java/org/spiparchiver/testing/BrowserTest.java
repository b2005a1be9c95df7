package org.spiparchiver.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

class BrowserTest {
  @Test
  void recordsEveryRequestThatWouldLeaveTheMachine(@TempDir Path dir) throws Exception {
    Path page = dir.resolve("page.html");
    Files.writeString(page, "<html><body><p id=t>offline text</p>"
        + "<img src='http://example.invalid/x.png'></body></html>");
    try (Browser browser = Browser.start(true)) {
      browser.driver().get(page.toUri().toString());
      assertThat(browser.driver().findElement(By.id("t")).getText()).isEqualTo("offline text");
      assertThat(browser.outbound()).anySatisfy(line -> assertThat(line).contains("example.invalid"));
    }
  }
}
