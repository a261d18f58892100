package dev.convbench.cli;

import dev.convbench.run.StopSignal;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

/**
 * SIGTERM and Ctrl-C (SIGINT) while a matrix trains: the first asks the training to stop after the current step
 * (checkpoint, status {@code interrupted}, report), a second Ctrl-C quits at once. Clusters send SIGTERM before
 * SIGKILL (Slurm's {@code --signal}/KillWait, Kubernetes' termination grace period), so the first is the one that
 * saves the work. The JVM's own handlers, which would end the process at once, are put back on {@link #close}.
 *
 * <p>Java has no supported API for this: {@code sun.misc.Signal} (module {@code jdk.unsupported}, exported for this
 * use) is reached by reflection, because naming it in source makes javac warn on every build, which the build turns
 * into an error.
 */
final class Signals implements AutoCloseable {

  private static final String SIGNAL = "sun.misc.Signal";
  private static final String HANDLER = "sun.misc.SignalHandler";

  private final List<Object> installed = new ArrayList<>();
  private final List<Object> previous = new ArrayList<>();

  private Signals() {}

  /** Installs the handlers; {@code err} gets one line when a signal arrives. */
  static Signals install(StopSignal stop, PrintStream err) {
    Signals signals = new Signals();
    for (String name : List.of("TERM", "INT")) {
      Object handler = handler(() -> {
        if (!stop.requested()) {
          stop.request(name);
          err.println("convbench: SIG" + name + ": stopping after the current step, writing a checkpoint"
              + (name.equals("INT") ? " (Ctrl-C again quits at once)" : ""));
        } else if (name.equals("INT")) {
          err.println("convbench: quitting at once; the run continues from its last checkpoint");
          System.exit(ExitCode.INTERRUPTED_INT);
        }
      });
      try {
        Object signal = Class.forName(SIGNAL).getConstructor(String.class).newInstance(name);
        signals.previous.add(handle(signal, handler));
        signals.installed.add(signal);
      } catch (InvocationTargetException e) {
        // IllegalArgumentException: a platform without this signal (SIGTERM on Windows): the JVM's default stays
        if (!(e.getCause() instanceof IllegalArgumentException)) {
          throw new IllegalStateException("cannot install a handler for SIG" + name, e.getCause());
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("this Java runtime has no " + SIGNAL, e);
      }
    }
    return signals;
  }

  /** A {@code sun.misc.SignalHandler} that runs {@code action}. */
  private static Object handler(Runnable action) {
    try {
      Class<?> type = Class.forName(HANDLER);
      return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
        if (method.getDeclaringClass() == Object.class) {
          return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            default -> "convbench signal handler";
          };
        }
        action.run();
        return null;
      });
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("this Java runtime has no " + HANDLER, e);
    }
  }

  /** {@code Signal.handle(signal, handler)}: installs {@code handler} and returns the one it replaces. */
  private static Object handle(Object signal, Object handler) throws ReflectiveOperationException {
    Method handle = Class.forName(SIGNAL).getMethod("handle", Class.forName(SIGNAL), Class.forName(HANDLER));
    return handle.invoke(null, signal, handler);
  }

  /** The exit code for a stop asked by {@code signal} ({@code TERM} or {@code INT}). */
  static int exitCode(String signal) {
    return "INT".equals(signal) ? ExitCode.INTERRUPTED_INT : ExitCode.INTERRUPTED_TERM;
  }

  @Override
  public void close() {
    for (int i = 0; i < installed.size(); i++) {
      try {
        handle(installed.get(i), previous.get(i));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot restore the JVM's handler for " + installed.get(i), e);
      }
    }
  }
}
