package dev.chime.cli;

import dev.chime.ChimeException;
import dev.chime.config.InvalidConfigException;
import dev.chime.schedule.ControlException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code chime}: the daemon and its operator commands. */
@Command(
    name = "chime",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Clustered cron scheduler: HOCON job definitions on a Quartz JDBC store on PostgreSQL.",
    subcommands = {
      RunCommand.class,
      ValidateCommand.class,
      PlanCommand.class,
      ReloadCommand.class,
      JobsCommand.class,
      HistoryCommand.class,
      PauseCommand.class,
      ResumeCommand.class,
      TriggerCommand.class,
      ScheduleCommand.class,
      ScheduledCommand.class,
      CancelCommand.class,
      AuditCommand.class,
      NextCommand.class,
      RulesCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success (plan: nothing would change)",
      "1:plan: something would change; history show: no such run; refused by the state of the job or run (pause: job disabled; cancel: already fired, no such one-off run)",
      "2:invalid config or command line; unknown job, undeclared parameter, a time in the past",
      "3:could not do it (database unreachable, start failure, ...)"
    })
public final class Main implements Runnable {

  static final int CHANGES_PENDING = 1;
  static final int NOT_FOUND = 1;
  static final int REFUSED = 1;
  static final int INVALID = 2;
  static final int FAILED = 3;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs a command line and returns its exit code. */
  public static int execute(String... args) {
    return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** Runs a command line with its output and errors going to the given writers. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    boolean daemon = args.length > 0 && args[0].equals("run");
    if (!daemon && System.getProperty("chime.log.level") == null) {
      // Operator commands print results; only warnings and errors belong on stderr beside them.
      System.setProperty("chime.log.level", "WARN");
    }
    CommandLine commandLine = new CommandLine(new Main());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler(Main::handle);
    return commandLine.execute(args);
  }

  private static int handle(Exception e, CommandLine commandLine, CommandLine.ParseResult parsed) {
    if (e instanceof InvalidConfigException) {
      commandLine.getErr().println(e.getMessage());
      return INVALID;
    }
    if (e instanceof ControlException refused) {
      commandLine.getErr().println("chime: " + e.getMessage());
      return refused.kind() == ControlException.Kind.INVALID ? INVALID : REFUSED;
    }
    if (e instanceof ChimeException) {
      commandLine.getErr().println("chime: " + e.getMessage());
      return FAILED;
    }
    e.printStackTrace(commandLine.getErr());
    return FAILED;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"chime " + (version == null ? "(development build)" : version)};
    }
  }
}
