package org.spiparchiver.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spiparchiver.mirror.ArchiveSite;

class SiteCrawlsTest {
  static SiteCrawls.Target target(String key, String url, String... extra) {
    return new SiteCrawls.Target(new ArchiveSite(key, URI.create(url), Path.of(key)), null,
        SiteCrawls.hosts(URI.create(url), List.of(extra)));
  }

  static List<List<String>> groups(SiteCrawls.Target... targets) {
    return new SiteCrawls(List.of(targets)).groupsSharingHosts().stream()
        .map(g -> g.stream().map(t -> t.site().key()).toList()).toList();
  }

  @Test
  void sitesOnOtherHostsRunApart() {
    assertThat(groups(target("a", "https://divergences.be/"), target("b", "https://divergences2.divergences.be/")))
        .containsExactly(List.of("a"), List.of("b"));
  }

  @Test
  void twoPortsOfOneAddressAreTwoServers() {
    assertThat(groups(target("a", "http://127.0.0.1:8089/"), target("b", "http://127.0.0.1:8090/")))
        .containsExactly(List.of("a"), List.of("b"));
  }

  @Test
  void sitesSharingAnExtraHostRunInTurn() {
    assertThat(groups(target("a", "https://a.example/", "cdn.example"), target("b", "https://b.example/"),
        target("c", "https://c.example/", "CDN.example")))
        .containsExactly(List.of("a", "c"), List.of("b"));
  }

  @Test
  void groupsAndTheirSitesKeepTheOrderOfTheConfiguration() {
    // d lists b's and c's hosts, joining b to the group of a and c (cdn.example); e is alone
    assertThat(groups(target("a", "https://a.example/", "cdn.example"), target("b", "https://b.example/"),
        target("c", "https://c.example/", "cdn.example"), target("d", "https://d.example/", "b.example", "c.example"),
        target("e", "https://e.example/")))
        .containsExactly(List.of("a", "b", "c", "d"), List.of("e"));
  }

  @Test
  void anExtraHostThatIsAnotherSiteJoinsThem() {
    assertThat(groups(target("a", "https://a.example/", "b.example"), target("b", "https://b.example/"),
        target("c", "https://c.example/", "a.example")))
        .containsExactly(List.of("a", "b", "c"));
  }
}
