package org.spiparchiver.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.util.Bits;
import org.spiparchiver.index.ArticleDocuments.Copies;
import org.spiparchiver.model.Article;

/**
 * The same article published on several sites ({@link Fingerprints} alike): search shows it once.
 * The copy shown is the earliest published (then the first site, then the lowest id); the others
 * carry {@code copy_of} its key, and every copy lists the others in {@code also}. Run after each
 * update over the whole index, so a copy added, changed or gone re-marks its group.
 */
final class Republished {
  private static final Set<String> FIELDS = Set.of(ArticleDocuments.KEY, ArticleDocuments.SITE,
      ArticleDocuments.FINGERPRINT, ArticleDocuments.PUBLISHED, ArticleDocuments.COPY_OF, ArticleDocuments.ALSO,
      ArticleDocuments.JSON_PATH, ArticleDocuments.DIGEST, ArticleDocuments.ID);

  private record Doc(String key, String site, String fingerprint, String published, int id, Copies stored,
      String jsonPath, String digest) {}

  private Republished() {}

  /** Re-writes the documents whose place among copies changed; {@code siteOrder}: the archive's sites in order. */
  static void mark(IndexWriter w, List<String> siteOrder) throws IOException {
    List<Doc> docs = new ArrayList<>();
    try (DirectoryReader r = DirectoryReader.open(w)) {
      for (LeafReaderContext leaf : r.leaves()) {
        Bits live = leaf.reader().getLiveDocs();
        StoredFields stored = leaf.reader().storedFields();
        for (int i = 0; i < leaf.reader().maxDoc(); i++) {
          if (live != null && !live.get(i)) continue;
          Document d = stored.document(i, FIELDS);
          docs.add(new Doc(d.get(ArticleDocuments.KEY), d.get(ArticleDocuments.SITE), d.get(ArticleDocuments.FINGERPRINT),
              d.get(ArticleDocuments.PUBLISHED), Integer.parseInt(d.get(ArticleDocuments.ID)),
              new Copies(d.get(ArticleDocuments.COPY_OF), Arrays.asList(d.getValues(ArticleDocuments.ALSO))),
              d.get(ArticleDocuments.JSON_PATH), d.get(ArticleDocuments.DIGEST)));
        }
      }
    }
    Map<String, List<Doc>> groups = new HashMap<>();
    for (Doc d : docs) if (d.fingerprint() != null) groups.computeIfAbsent(d.fingerprint(), k -> new ArrayList<>()).add(d);
    Comparator<Doc> shown = Comparator.comparing(Doc::published, Comparator.nullsLast(Comparator.naturalOrder()))
        .thenComparingInt(d -> siteRank(siteOrder, d.site()))
        .thenComparingInt(Doc::id);
    for (Doc d : docs) {
      List<Doc> group = d.fingerprint() == null ? List.of(d) : groups.get(d.fingerprint());
      Copies wanted = Copies.NONE;
      if (group.size() > 1) {
        Doc first = group.stream().min(shown).orElseThrow();
        List<String> others = group.stream().map(Doc::key).filter(k -> !k.equals(d.key())).sorted().toList();
        wanted = new Copies(first == d ? null : first.key(), others);
      }
      if (!wanted.equals(d.stored())) rewrite(w, d, wanted);
    }
  }

  private static int siteRank(List<String> siteOrder, String site) {
    int i = siteOrder.indexOf(site);
    return i < 0 ? Integer.MAX_VALUE : i;
  }

  /** The document again from its record, with its new marks (the record is unchanged: same digest). */
  private static void rewrite(IndexWriter w, Doc d, Copies copies) throws IOException {
    Path file = Path.of(d.jsonPath());
    if (!Files.isRegularFile(file)) return; // deleted since: the next update removes it
    Article a = Indexer.read(Files.readAllBytes(file), d.site());
    w.updateDocument(new Term(ArticleDocuments.KEY, d.key()), ArticleDocuments.toDocument(a, d.digest(), d.jsonPath(), copies));
  }
}
