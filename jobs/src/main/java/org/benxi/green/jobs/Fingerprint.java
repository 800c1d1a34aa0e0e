package org.benxi.green.jobs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** A short SHA-256 of class files and serialized values: what decides that code or data changed. */
public final class Fingerprint {
  private Fingerprint() {}

  private static final java.util.regex.Pattern PROJECT_CLASS =
      java.util.regex.Pattern.compile("org/benxi/green/[A-Za-z0-9_$/]+");

  /**
   * The project's classes whose code {@code roots} can run: the roots, then every project class
   * (any module, nested and anonymous ones included) that a reached class's bytecode names, sorted
   * by name. Complete by construction: a class that no reached class names cannot run.
   */
  public static List<Class<?>> reachableFrom(List<Class<?>> roots) {
    java.util.TreeMap<String, Class<?>> reached = new java.util.TreeMap<>();
    java.util.ArrayDeque<Class<?>> todo = new java.util.ArrayDeque<>(roots);
    while (!todo.isEmpty()) {
      Class<?> c = todo.pop();
      if (reached.putIfAbsent(c.getName(), c) != null) {
        continue;
      }
      java.util.regex.Matcher names =
          PROJECT_CLASS.matcher(
              new String(bytecode(c), java.nio.charset.StandardCharsets.ISO_8859_1));
      while (names.find()) {
        String name = names.group().replace('/', '.');
        if (!reached.containsKey(name)) {
          try {
            todo.push(Class.forName(name, false, c.getClassLoader()));
          } catch (ClassNotFoundException e) {
            // a package name or resource path in a string, not a class
          }
        }
      }
    }
    return List.copyOf(reached.values());
  }

  private static byte[] bytecode(Class<?> c) {
    String file = c.getName().substring(c.getName().lastIndexOf('.') + 1) + ".class";
    try (InputStream in = c.getResourceAsStream(file)) {
      if (in == null) {
        throw new IllegalStateException("No class file for " + c.getName());
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the class file of " + c.getName(), e);
    }
  }

  /** The first 16 hex digits of SHA-256 over the classes' bytecode, then the serialized values. */
  public static String of(List<Class<?>> classes, List<Object> values) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Class<?> c : classes) {
        sha.update(bytecode(c));
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        for (Object value : values) {
          out.writeObject(value);
        }
      }
      sha.update(bytes.toByteArray());
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot fingerprint " + classes, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
