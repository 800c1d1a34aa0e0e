package org.benxi.green.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class GreenCliTest {
  private record Outcome(int status, String out, String err) {}

  private static Outcome execute(String... args) {
    CommandLine cli = Green.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int status = cli.execute(args);
    return new Outcome(status, out.toString(), err.toString());
  }

  @Test
  void helpListsEveryCommandAndEachCommandHasHelp() {
    Outcome help = execute("--help");
    assertEquals(0, help.status());
    for (String command : new String[] {"run", "validate", "generate", "demo"}) {
      assertTrue(help.out().contains(command), command);
      Outcome sub = execute(command, "--help");
      assertEquals(0, sub.status());
      assertTrue(sub.out().startsWith("Usage: green " + command), sub.out());
    }
    assertTrue(execute("run", "--help").out().contains("--as-of"));
  }

  @Test
  void badArgumentsExitTwoWithUsage() {
    Outcome bad = execute("run", "--data", "x", "--warehouse", "y", "--period", "2024-13");
    assertEquals(2, bad.status());
    assertTrue(bad.err().contains("--period"), bad.err());
  }

  @Test
  void aMissingDataFolderIsOneLineWithoutAStackTrace() {
    Outcome missing =
        execute(
            "run", "--data", "/nonexistent/benxi", "--warehouse", "/tmp/w", "--period", "2024-01");
    assertEquals(1, missing.status());
    assertEquals("green run: --data /nonexistent/benxi: no such folder", missing.err().strip());
    assertFalse(missing.err().contains("at org."), "no stack trace");
  }
}
