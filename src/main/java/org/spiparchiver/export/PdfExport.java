package org.spiparchiver.export;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.jsoup.helper.W3CDom;
import org.jsoup.nodes.Document;
import org.spiparchiver.model.Article;

/**
 * One archival PDF per article (PDF/A-2u: fonts embedded, Unicode text, sRGB output intent), laid out
 * like the site's print by openhtmltopdf on PDFBox, with the article's archived images.
 */
public final class PdfExport {
  /** The font, shipped in the jar (DejaVu Sans, free licence beside it): no system font is needed. */
  static final String FONT_FAMILY = "DejaVu Sans";
  private static final String FONTS = "/org/spiparchiver/export/fonts/";
  private static final byte[] SRGB = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
  static final String CSS = """
      @page { size: A4; margin: 2cm 2cm 2cm 2cm; }
      body { font-family: 'DejaVu Sans'; font-size: 10pt; line-height: 1.4; }
      .url { font-size: 8pt; color: #555555; }
      .surtitle { font-weight: bold; margin-bottom: 0; }
      h1 { font-size: 16pt; margin: 4pt 0; }
      .subtitle { font-style: italic; }
      .path, .date, .copyright { font-size: 9pt; margin: 2pt 0; }
      .figure { margin: 10pt 0; text-align: center; page-break-inside: avoid; }
      .caption { font-size: 8.5pt; font-style: italic; }
      .chapo { font-weight: bold; }
      h2 { font-size: 11pt; margin-top: 12pt; }
      .notes p { font-size: 8.5pt; }
      """;

  static {
    // openhtmltopdf logs every step at INFO on stderr; failures reach us as exceptions.
    com.openhtmltopdf.util.XRLog.setLoggingEnabled(false);
  }

  private final ExportPaths paths;
  private final Citations citations;

  public PdfExport(ExportPaths paths, Citations citations) {
    this.paths = paths;
    this.citations = citations;
  }

  /** The file name of an article's PDF in the output folder. */
  public static String fileName(Article a) {
    return "article" + a.id() + ".pdf";
  }

  /** Writes the article's PDF to {@code dir} (temporary name, then renamed); returns the file. */
  public Path write(Article a, Path dir) throws IOException {
    Path target = dir.resolve(fileName(a));
    try (OutputFile file = OutputFile.create(target)) {
      render(a, file.stream());
      file.commit();
    }
    return target;
  }

  void render(Article a, OutputStream out) throws IOException {
    Document doc = ArticleHtml.document(a, citations.magazineOf(a), i -> {
      Path f = paths.localFile(i.localPath());
      return f == null ? null : f.toUri().toString();
    }, CSS);
    PdfRendererBuilder b = new PdfRendererBuilder();
    b.useFastMode();
    b.usePdfAConformance(PdfRendererBuilder.PdfAConformance.PDFA_2_U);
    b.useColorProfile(SRGB);
    font(b, "DejaVuSans.ttf", 400, FontStyle.NORMAL);
    font(b, "DejaVuSans-Bold.ttf", 700, FontStyle.NORMAL);
    font(b, "DejaVuSans-Oblique.ttf", 400, FontStyle.ITALIC);
    font(b, "DejaVuSans-BoldOblique.ttf", 700, FontStyle.ITALIC);
    b.withW3cDocument(new W3CDom().fromJsoup(doc), paths.mirror().toUri().toString());
    b.toStream(out);
    try {
      b.run();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static void font(PdfRendererBuilder b, String file, int weight, FontStyle style) {
    b.useFont(() -> {
      InputStream in = PdfExport.class.getResourceAsStream(FONTS + file);
      if (in == null) throw new IllegalStateException("font missing from the jar: " + file);
      return in;
    }, FONT_FAMILY, weight, style, true);
  }
}
