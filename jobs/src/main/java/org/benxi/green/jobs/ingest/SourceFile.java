package org.benxi.green.jobs.ingest;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * One raw file of a drop: {@code raw/<source>/received=<date>/<name>.csv} relative to the data
 * root.
 */
public record SourceFile(String source, LocalDate received, String relativePath, String uri)
    implements Serializable {

  /**
   * Parses a path relative to the data root, or returns {@code null} when it is not a raw drop
   * file.
   */
  public static SourceFile fromRelative(String relativePath, String uri) {
    String[] parts = relativePath.split("/");
    if (parts.length != 4
        || !parts[0].equals("raw")
        || !parts[2].startsWith("received=")
        || !parts[3].toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) {
      return null;
    }
    LocalDate received;
    try {
      received = LocalDate.parse(parts[2].substring("received=".length()));
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException(
          relativePath + ": drop folder must be received=YYYY-MM-DD, found " + parts[2]);
    }
    return new SourceFile(parts[1], received, relativePath, uri);
  }
}
