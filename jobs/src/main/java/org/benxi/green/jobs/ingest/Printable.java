package org.benxi.green.jobs.ingest;

/**
 * Text from raw files and file names made safe for one terminal line: control characters escaped
 * ({@code \n}, {@code \x00}), invisible ones shown by code point, long values cut.
 */
public final class Printable {
  /** How much of a value a terminal line shows. */
  public static final int SHOWN = 80;

  private Printable() {}

  /** The text on one line, control characters escaped, in full. */
  public static String of(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                  if (Character.isISOControl(c)) {
                    out.append(String.format("\\x%02X", c));
                  } else if (invisible(c)) {
                    out.append(String.format("\\u%04X", c));
                  } else {
                    out.appendCodePoint(c);
                  }
                }
              }
            });
    return out.toString();
  }

  /** Format and separator characters that show as nothing: zero-width spaces, BOMs, U+2028. */
  private static boolean invisible(int c) {
    int type = Character.getType(c);
    return type == Character.FORMAT
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }

  /** The text on one line, cut to {@link #SHOWN} characters. */
  public static String shown(String text) {
    String line = of(text);
    if (line.codePointCount(0, line.length()) <= SHOWN) {
      return line;
    }
    return line.substring(0, line.offsetByCodePoints(0, SHOWN)) + "…";
  }

  /** A name in quotes, so that blanks at its ends show. */
  public static String quoted(String name) {
    return "'" + of(name) + "'";
  }
}
