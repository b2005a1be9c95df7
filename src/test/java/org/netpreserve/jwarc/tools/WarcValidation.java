package org.netpreserve.jwarc.tools;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.netpreserve.jwarc.HeaderValidator;

/**
 * jwarc's own validator (the {@code jwarc validate} tool: record syntax, WARC 1.1 header rules,
 * block and payload digests), called from tests. Lives in jwarc's package because the tool's
 * per-file entry point is package-private, its header validator is set only by {@code main}, which
 * exits the JVM.
 */
public final class WarcValidation {
  private WarcValidation() {}

  /** Validates {@code warc} with WARC 1.1 header validation; returns the tool's report, null when valid. */
  public static synchronized String problems(Path warc) {
    PrintStream saved = System.err;
    ByteArrayOutputStream report = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(report, true, StandardCharsets.UTF_8));
      ValidateTool tool = new ValidateTool(false);
      java.lang.reflect.Field f = ValidateTool.class.getDeclaredField("headerValidator");
      f.setAccessible(true);
      f.set(tool, HeaderValidator.warc_1_1(false));
      boolean valid = tool.validate(warc);
      return valid && report.size() == 0 ? null : report.toString(StandardCharsets.UTF_8);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("jwarc's ValidateTool changed", e);
    } finally {
      System.setErr(saved);
    }
  }
}
