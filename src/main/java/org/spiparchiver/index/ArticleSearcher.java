package org.spiparchiver.index;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.spiparchiver.index.SearchResult.FacetCount;
import org.spiparchiver.index.SearchResult.Hit;

/**
 * Searches the active generation of an index directory; open one per command (or per generation in
 * a server), close it after. Queries are built by {@link SearchQueries}, snippets by {@link Snippets},
 * facets by {@link Facets}, the issue list by {@link IssueCatalogue}, hits by {@link ArticleHits}.
 */
public final class ArticleSearcher implements Closeable {
  /** A reader may find CURRENT naming a generation a rebuild just deleted: it reads CURRENT again. */
  private static final int OPEN_ATTEMPTS = 3;
  private final Directory dir;
  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final Path generation;
  private final SearchQueries queries;
  private final Snippets snippets;
  private volatile Facets facets;
  private volatile boolean noFacets;

  private ArticleSearcher(Path generation, Directory dir, DirectoryReader reader) {
    this.generation = generation;
    this.dir = dir;
    this.reader = reader;
    this.searcher = new IndexSearcher(reader);
    Analyzer analyzer = Analysis.indexAnalyzer();
    this.queries = new SearchQueries(analyzer);
    this.snippets = new Snippets(searcher, analyzer);
  }

  /** Whether a first generation was published ({@code CURRENT} exists): before that the index is not built yet, not damaged. */
  public static boolean built(Path indexDir) {
    return java.nio.file.Files.exists(indexDir.resolve(IndexLayout.CURRENT));
  }

  /**
   * Opens the active generation; {@link IndexException.Reason#NO_INDEX} when there is none or it is
   * empty, {@link IndexException.Reason#DAMAGED} when its checksums fail (checked up to
   * {@link IndexLayout#SEARCH_CHECK_MAX_BYTES}).
   */
  public static ArticleSearcher open(Path indexDir) {
    return open(indexDir, IndexLayout.SEARCH_CHECK_MAX_BYTES);
  }

  /** As {@link #open(Path)}, every file's checksum checked whatever the index's size ({@code verify}). */
  public static ArticleSearcher openVerified(Path indexDir) {
    return open(indexDir, Long.MAX_VALUE);
  }

  private static ArticleSearcher open(Path indexDir, long checkUpTo) {
    IndexLayout layout = new IndexLayout(indexDir);
    for (int attempt = 1; ; attempt++) {
      Optional<Path> gen = layout.current();
      if (gen.isEmpty()) throw noIndex(indexDir);
      Directory dir = null;
      try {
        dir = FSDirectory.open(gen.get());
        DirectoryReader reader = DirectoryReader.open(dir);
        if (reader.numDocs() == 0) {
          reader.close();
          dir.close();
          throw noIndex(indexDir);
        }
        if (!ArticleDocuments.SCHEMA.equals(reader.getIndexCommit().getUserData().get(Indexer.SCHEMA_KEY))) {
          reader.close();
          dir.close();
          throw new IndexException(IndexException.Reason.NO_INDEX, "the index at " + indexDir
              + " was built by another version of spip-archiver: run `spip-archiver index` to rebuild it");
        }
        try {
          layout.checkIntact(reader, gen.get(), checkUpTo);
        } catch (RuntimeException e) {
          reader.close();
          throw e;
        }
        return new ArticleSearcher(gen.get(), dir, reader);
      } catch (IndexNotFoundException | NoSuchFileException e) {
        closeQuietly(dir);
        // A rebuild may have deleted the generation since CURRENT was read; one still there lacks a file.
        if (attempt == OPEN_ATTEMPTS && Files.isDirectory(gen.get()) && e instanceof NoSuchFileException) {
          throw layout.damagedOrUnchecked(gen.get(), e);
        }
        if (attempt == OPEN_ATTEMPTS) throw noIndex(indexDir);
      } catch (IOException e) {
        closeQuietly(dir);
        throw layout.damagedOrUnchecked(gen.get(), e);
      } catch (RuntimeException e) {
        closeQuietly(dir);
        throw e;
      }
    }
  }

  private static IndexException noIndex(Path indexDir) {
    return new IndexException(IndexException.Reason.NO_INDEX,
        "no index at " + indexDir + ": run `spip-archiver crawl` or `spip-archiver index` first");
  }

  /** The generation directory this searcher reads. */
  public Path generation() {
    return generation;
  }

  /** Documents in the index, removed articles included. */
  public int size() {
    return reader.numDocs();
  }

  /** The Lucene query a request runs: the parsed query (or all documents) and the filters. */
  Query toQuery(SearchRequest request) {
    return queries.toQuery(request);
  }

  /** Number of hits of a request, without fetching them. */
  public long count(SearchRequest request) {
    try {
      return searcher.count(toQuery(request));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * One page of hits, with snippets, and the facet counts when asked for. Safe to call from several
   * threads at once.
   */
  public SearchResult search(SearchRequest request) {
    Query query = toQuery(request);
    int window = Math.max(1, request.offset() + request.limit());
    try {
      Sort sort = SearchQueries.sort(request);
      TopDocs top;
      Map<String, List<FacetCount>> facets = Map.of();
      long total = -1;
      if (request.facets()) {
        FacetsCollectorManager.FacetsResult r =
            FacetsCollectorManager.search(searcher, query, window, sort, true, new FacetsCollectorManager());
        top = r.topDocs();
        Facets counter = facets();
        if (counter != null) facets = counter.count(r.facetsCollector());
        // The facet collector saw every hit: its count is exact, no second pass over the postings.
        total = r.facetsCollector().getMatchingDocs().stream().mapToLong(m -> m.totalHits).sum();
      } else {
        top = searcher.search(query, window, sort, true);
      }
      if (total < 0) {
        total = top.totalHits.relation == TotalHits.Relation.EQUAL_TO ? top.totalHits.value : searcher.count(query);
      }
      ScoreDoc[] page = request.limit() == 0 || top.scoreDocs.length <= request.offset()
          ? new ScoreDoc[0]
          : Arrays.copyOfRange(top.scoreDocs, request.offset(),
              Math.min(top.scoreDocs.length, request.offset() + request.limit()));
      return new SearchResult(total, hits(query, page), facets);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<Hit> hits(Query query, ScoreDoc[] page) throws IOException {
    if (page.length == 0) return List.of();
    StoredFields stored = searcher.storedFields();
    Document[] docs = new Document[page.length];
    String[] fields = new String[page.length];
    for (int i = 0; i < page.length; i++) {
      docs[i] = stored.document(page[i].doc, ArticleHits.FIELDS);
      fields[i] = ArticleDocuments.textField(Analysis.languageOf(docs[i].get(ArticleDocuments.LANG)));
    }
    String[] snippets = this.snippets.of(query, Arrays.stream(page).mapToInt(sd -> sd.doc).toArray(), fields);
    List<Hit> hits = new ArrayList<>();
    for (int i = 0; i < page.length; i++) hits.add(ArticleHits.toHit(docs[i], page[i].score, snippets[i]));
    return hits;
  }

  /** The facet counter of this reader, built on first use; null when no document has a facet. */
  private Facets facets() throws IOException {
    Facets f = facets;
    if (f == null && !noFacets) {
      synchronized (this) {
        if (facets == null && !noFacets) {
          try {
            facets = new Facets(reader);
          } catch (IllegalArgumentException noFacetField) {
            noFacets = true;
          }
        }
        f = facets;
      }
    }
    return f;
  }

  /** Every issue named by an article, by number, with its article count and sections. */
  public List<IssueSummary> issues(boolean includeRemoved) {
    return issues(includeRemoved, null);
  }

  /** The issues of one site ({@code site} null: of every site, each site's issues apart). */
  public List<IssueSummary> issues(boolean includeRemoved, String site) {
    List<IssueSummary> issues = IssueCatalogue.issues(searcher, includeRemoved, site);
    return sites().size() > 1 ? issues : issues.stream().map(IssueSummary::withoutSite).toList();
  }

  /** The keys of the sites the index holds articles of, in key order. */
  public List<String> sites() {
    try {
      Facets f = facets();
      return f == null ? List.of() : f.values(ArticleDocuments.FACET_SITE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    try (dir; reader) {
      // closes both
    }
  }

  private static void closeQuietly(Directory dir) {
    if (dir == null) return;
    try {
      dir.close();
    } catch (IOException ignored) {
      // nothing was read from it
    }
  }
}
