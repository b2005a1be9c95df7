package org.spiparchiver.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spiparchiver.model.Article;
import org.spiparchiver.model.Attachment;
import org.spiparchiver.model.Image;
import org.spiparchiver.model.Translation;

class SiteMoveTest {
  final SiteMove move = new SiteMove("http://old.example/revue/", "https://new.example/");

  @Test
  void keepsThePathBelowTheRootAndTheQuery() {
    assertThat(move.rebase("http://old.example/revue/spip.php?article839&debut_x=5"))
        .isEqualTo("https://new.example/spip.php?article839&debut_x=5");
    assertThat(move.rebase("http://old.example/revue/")).isEqualTo("https://new.example/");
  }

  @Test
  void leavesAddressesOutsideTheOldRootAlone() {
    assertThat(move.rebase("http://old.example/robots.txt")).isEqualTo("http://old.example/robots.txt");
    assertThat(move.rebase("http://cdn.example/revue/IMG/a.jpg")).isEqualTo("http://cdn.example/revue/IMG/a.jpg");
    assertThat(move.rebase("http://old.example/revue2/x")).isEqualTo("http://old.example/revue2/x");
    assertThat(move.rebase((String) null)).isNull();
  }

  @Test
  void rebasesEveryAddressOfARecordAndNothingElse() {
    String o = "http://old.example/revue/";
    Image logo = new Image(o + "local/cache/a.jpg", o + "IMG/a.jpg", "t", null, null, Image.LOGO, 1, 1,
        "site/old.example/revue/IMG/a.jpg", "sha1:A");
    Article a = new Article(7, o + "spip.php?article7", "fr", "Titre", null, null, List.of(), null, null, null, null,
        List.of(), null, "texte " + o, null, List.of(), List.of(), List.of(logo),
        List.of(new Attachment(o + "IMG/pdf/x.pdf", "x", "pdf")), List.of(new Translation("en", o + "spip.php?article8")),
        null, null, null, null, null, null);

    Article moved = move.rebase(a);

    assertThat(moved.url()).isEqualTo("https://new.example/spip.php?article7");
    assertThat(moved.images().get(0).url()).isEqualTo("https://new.example/local/cache/a.jpg");
    assertThat(moved.images().get(0).originalUrl()).isEqualTo("https://new.example/IMG/a.jpg");
    assertThat(moved.images().get(0).localPath()).as("the archived file stays where it is").isEqualTo(logo.localPath());
    assertThat(moved.attachments().get(0).url()).isEqualTo("https://new.example/IMG/pdf/x.pdf");
    assertThat(moved.translations().get(0).url()).isEqualTo("https://new.example/spip.php?article8");
    assertThat(moved.text()).as("the text is what the site published").isEqualTo(a.text());
  }
}
