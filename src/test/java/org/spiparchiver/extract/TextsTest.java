package org.spiparchiver.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextsTest {

  private static Element body(String html) {
    return Jsoup.parseBodyFragment(html).body();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "<p>Un&nbsp;:&#8239;deux</p>                         | Un : deux",
      "<p>  espaces \t  multiples  </p>                     | espaces multiples",
      "<p>&laquo;&nbsp;cité&nbsp;&raquo; &amp; l&#8217;été</p> | « cité » & l’été",
      "<p>figure&#8199;espace</p>                          | figure espace",
  })
  void writesOneLineTextWithPlainSpaces(String html, String expected) {
    assertThat(Texts.line(body(html))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "<p>Un.</p><p>Deux.</p>                                    | Un.\\n\\nDeux.",
      "<p>Texte.</p><h3 class=spip>Intertitre</h3><p>Suite.</p>   | Texte.\\n\\nIntertitre\\n\\nSuite.",
      "<ul class=spip><li>un ;</li><li>deux.</li></ul>           | un ;\\ndeux.",
      "<p>ligne<br>suivante</p>                                  | ligne\\nsuivante",
      "<p>mot<span class=spip_note_ref>&nbsp;[<a href=#nb1>1</a>]</span>, suite</p> | mot[1], suite",
      "<blockquote><p>Cité.</p></blockquote><p>Après.</p>        | Cité.\\n\\nAprès.",
      "<p>a <em>b</em> <strong>c</strong>d</p>                   | a b cd",
      "<p>avant</p><script>var x;</script><p>après</p>           | avant\\n\\naprès",
      "<p></p><p>  </p>                                          | ",
  })
  void writesParagraphsSeparatedByABlankLine(String html, String expected) {
    String want = expected == null ? null : expected.replace("\\n", "\n");
    assertThat(Texts.paragraphs(body(html), e -> false)).isEqualTo(want);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "<p>Texte.</p><div class=skip><p>Légende</p></div><p>Fin.</p> | Texte.\\n\\nFin.",
  })
  void leavesOutSkippedElements(String html, String expected) {
    assertThat(Texts.paragraphs(body(html), e -> e.hasClass("skip"))).isEqualTo(expected.replace("\\n", "\n"));
  }
}
