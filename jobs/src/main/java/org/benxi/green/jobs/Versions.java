package org.benxi.green.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The project version baked in at build time ({@code green-version.properties}). */
public final class Versions {
  private Versions() {}

  /** The Maven project version, or {@code unknown} when running from unfiltered sources. */
  public static String code() {
    try (InputStream in = Versions.class.getResourceAsStream("/green-version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
