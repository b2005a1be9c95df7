package org.spiparchiver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
  static final URI LONG = URI.create("https://divergences.be/local/cache-vignettes/L150xH200/une-n20-e6ef1.jpg?1795699849");

  @Test
  void fitsEightyColumnsWithABarPendingTimesAndTheEndOfThePath() {
    String line = ProgressLine.render(120, 450, 330, 35, "2.1 MB", Duration.ofSeconds(70), Duration.ofSeconds(165), LONG, 80);

    assertThat(line.length()).isLessThanOrEqualTo(80);
    assertThat(line).startsWith("[###-------] 120/450 330 pending elapsed 1:10 left 2:45 ");
    assertThat(line).endsWith("e6ef1.jpg?1795699849").contains("…").doesNotContain("divergences.be");
  }

  @Test
  void showsArticlesAndBytesOnAWideTerminalAndTheWholePathWhenItFits() {
    String line = ProgressLine.render(5, 10, 5, 3, "8.0 KB", Duration.ofSeconds(3725), Duration.ZERO,
        URI.create("https://divergences.be/spip.php?article839"), 140);

    assertThat(line).contains("elapsed 1:02:05 left 0:00").contains("3 art. 8.0 KB").endsWith(" /spip.php?article839");
    assertThat(line).startsWith("[" + "#".repeat(15) + "-".repeat(15) + "] 5/10 ");
  }

  @Test
  void aShorterLineWipesTheEndOfTheLongerOneBeforeIt() {
    assertThat(ProgressLine.padded("[#] 1/2", 10)).isEqualTo("[#] 1/2   ");
  }
}
