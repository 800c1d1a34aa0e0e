package org.benxi.green.jobs;

import java.io.PrintStream;

/**
 * A one-line progress bar on the terminal ({@code \r}-updated); when output is not a terminal it
 * prints only the finished line, so logs stay short.
 */
public final class ProgressLine {
  private static final int WIDTH = 28;
  private final PrintStream out;
  private final boolean interactive;
  private int lastDrawn = -1;

  /** Progress on {@code out}; {@code interactive} redraws the bar in place. */
  public ProgressLine(PrintStream out, boolean interactive) {
    this.out = out;
    this.interactive = interactive;
  }

  /** Progress on standard error, animated when a console is attached. */
  public static ProgressLine stderr() {
    return new ProgressLine(System.err, System.console() != null);
  }

  /** A line that prints nothing (for tests and library use). */
  public static ProgressLine silent() {
    return new ProgressLine(null, false);
  }

  /** Shows {@code done} of {@code total} for {@code label}. */
  public synchronized void update(String label, long done, long total) {
    if (out == null || !interactive || total <= 0) {
      return;
    }
    int filled = (int) (WIDTH * done / total);
    int percent = (int) (100 * done / total);
    if (percent == lastDrawn) {
      return;
    }
    lastDrawn = percent;
    out.print(
        "\r  "
            + pad(label)
            + " ["
            + "#".repeat(filled)
            + " ".repeat(WIDTH - filled)
            + "] "
            + percent
            + "%");
    out.flush();
  }

  /** Ends the line for {@code label} with a summary. */
  public synchronized void finish(String label, String summary) {
    if (out == null) {
      return;
    }
    lastDrawn = -1;
    out.print((interactive ? "\r\033[K" : "") + "  " + pad(label) + " " + summary + "\n");
    out.flush();
  }

  /** Prints a one-off note on its own line. */
  public synchronized void note(String text) {
    if (out != null) {
      out.println("  " + text);
      out.flush();
    }
  }

  private static String pad(String label) {
    return String.format("%-18s", label);
  }
}
