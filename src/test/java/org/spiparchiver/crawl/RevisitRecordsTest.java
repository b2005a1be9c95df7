package org.spiparchiver.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcRevisit;
import org.spiparchiver.mirror.WarcArchive;
import org.spiparchiver.testing.CrawlHarness;
import org.spiparchiver.testing.FixtureSite;

/** Revisit records of an unchanged page name the response that holds its payload, not the revisit before them. */
class RevisitRecordsTest {
  @TempDir Path mirror;

  @Test
  void thirdCrawlOfAnUnchangedPageRefersToTheFirstResponse() throws Exception {
    try (FixtureSite site = FixtureSite.builder("spip4-dist").withoutCrawlDelay().start()) {
      CrawlHarness h = new CrawlHarness(site.root(), mirror);
      h.crawl();
      h.full = true;
      h.crawl();
      h.crawl();
    }
    Map<URI, WarcResponse> firstResponse = new HashMap<>();
    Map<URI, List<WarcRevisit>> revisits = new HashMap<>();
    for (Path f : WarcArchive.files(mirror.resolve("warc"))) {
      try (WarcReader reader = new WarcReader(FileChannel.open(f, StandardOpenOption.READ))) {
        for (WarcRecord r : reader) {
          if (r instanceof WarcResponse resp && resp.http().status() == 200) firstResponse.putIfAbsent(resp.targetURI(), resp);
          if (r instanceof WarcRevisit rev) revisits.computeIfAbsent(rev.targetURI(), k -> new ArrayList<>()).add(rev);
        }
      }
    }
    List<URI> twice = revisits.entrySet().stream().filter(e -> e.getValue().size() >= 2).map(Map.Entry::getKey).toList();
    assertThat(twice).as("pages revisited by the 2nd and 3rd crawls").isNotEmpty();
    for (URI url : twice) {
      WarcResponse original = firstResponse.get(url);
      assertThat(original).as("response of " + url).isNotNull();
      for (WarcRevisit rev : revisits.get(url)) {
        assertThat(rev.refersTo()).as("WARC-Refers-To of " + url).contains(original.id());
        assertThat(rev.refersToTargetURI()).as("WARC-Refers-To-Target-URI of " + url).contains(url);
        assertThat(rev.refersToDate()).as("WARC-Refers-To-Date of " + url).contains(original.date());
      }
    }
  }
}
