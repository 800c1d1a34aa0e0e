package org.benxi.green.jobs.ingest;

import java.text.Normalizer;
import java.util.Locale;

/** Normalises header cells so that English names and Excel-style Chinese aliases compare equal. */
public final class HeaderNames {
  private HeaderNames() {}

  /** NFKC (full-width brackets to ASCII), no BOM, no blanks, lower case. */
  public static String normalize(String header) {
    String text = header.replace("\uFEFF", "");
    text = Normalizer.normalize(text, Normalizer.Form.NFKC);
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isWhitespace(c) && c != '\u3000' && c != '\u00A0') {
        out.append(c);
      }
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }
}
