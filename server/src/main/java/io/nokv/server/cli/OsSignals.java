package io.nokv.server.cli;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Installs a handler for an operating-system signal through {@code sun.misc.Signal} (module
 * jdk.unsupported, kept by the JDK for exactly this use). Called reflectively so that compiling
 * NoKV prints no "internal proprietary API" warnings.
 */
final class OsSignals {
  private OsSignals() {}

  /** What undoes {@link #handle}: puts the previous handler back. */
  interface Restore {
    void restore();
  }

  /**
   * Runs {@code action} (on a JVM signal thread) whenever the signal {@code name} ({@code "INT"},
   * {@code "TERM"}) arrives, instead of the JVM's default.
   *
   * @throws IllegalArgumentException if the JVM does not let us handle this signal (e.g. {@code -Xrs})
   * @throws UnsupportedOperationException if this JDK has no {@code sun.misc.Signal}
   */
  static Restore handle(String name, Runnable action) {
    try {
      Class<?> signalClass = Class.forName("sun.misc.Signal");
      Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
      Object signal = signalClass.getConstructor(String.class).newInstance(name);
      Object handler = Proxy.newProxyInstance(
          handlerClass.getClassLoader(), new Class<?>[] {handlerClass}, (proxy, method, args) -> {
            if (method.getName().equals("handle")) {
              action.run();
              return null;
            }
            return switch (method.getName()) {
              case "equals" -> proxy == args[0];
              case "hashCode" -> System.identityHashCode(proxy);
              case "toString" -> "nokv handler for SIG" + name;
              default -> throw new UnsupportedOperationException(method.toString());
            };
          });
      Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
      Object previous = handle.invoke(null, signal, handler);
      return () -> {
        try {
          handle.invoke(null, signal, previous);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("cannot restore the handler of SIG" + name, e);
        }
      };
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof IllegalArgumentException iae) {
        throw iae;
      }
      throw new UnsupportedOperationException("cannot handle SIG" + name, e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new UnsupportedOperationException("this JDK has no usable sun.misc.Signal", e);
    }
  }
}
