package org.benxi.green.jobs.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ./green} command line: one subcommand per operator task (see
 * datasets/contract/cli.md).
 */
@Command(
    name = "green",
    mixinStandardHelpOptions = true,
    versionProvider = Green.Version.class,
    description = {
      "Benxi green low-carbon circular economy indicators (本政办发〔2022〕9号).",
      "Turns the monthly raw drops into indicator values, progress against the 2025",
      "targets, Parquet marts and reports. Run 'green help <command>' for details."
    },
    subcommands = {
      RunCommand.class,
      ValidateCommand.class,
      AuditCommand.class,
      ReportCommand.class,
      HistoryCommand.class,
      GenerateCommand.class,
      DemoCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Green implements Runnable {
  private static final int MAX_MESSAGE = 400;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Entry point: exits with the command's status. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line (also used by tests). */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Green());
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          boolean verbose =
              parseResult.hasMatchedOption("--verbose")
                  || (parseResult.subcommand() != null
                      && parseResult.subcommand().hasMatchedOption("--verbose"));
          PrintWriter err = commandLine.getErr();
          if (verbose) {
            ex.printStackTrace(err);
          }
          err.println("green " + commandLine.getCommandName() + ": " + oneLine(ex));
          if (invalidArgument(ex)) {
            err.println("Try 'green " + commandLine.getCommandName() + " --help'.");
            err.flush();
            return 2;
          }
          err.flush();
          return 1;
        });
    return cli;
  }

  /** True when {@code ex} or a cause is a bad option value (exit status 2). */
  private static boolean invalidArgument(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof org.benxi.green.jobs.InvalidArgument) {
        return true;
      }
    }
    return false;
  }

  /** The root cause's message on one line, prefixed by its type when the message is empty. */
  public static String oneLine(Throwable ex) {
    Throwable root = ex;
    while (root.getCause() != null && root.getCause() != root) {
      if (root.getMessage() != null && root instanceof IllegalArgumentException) {
        break;
      }
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    String line = org.benxi.green.jobs.ingest.Printable.of(message.replace('\n', ' '));
    return line.length() <= MAX_MESSAGE ? line : line.substring(0, MAX_MESSAGE) + "…";
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Prints the build's version. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"green " + org.benxi.green.jobs.Versions.code()};
    }
  }
}
