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

  /**
   * Every class, nested ones included, in the packages of {@code anchors} and below: found by
   * scanning the folder or jar they were loaded from, sorted by name.
   */
  public static List<Class<?>> classesUnder(List<Class<?>> anchors) {
    java.util.TreeMap<String, Class<?>> found = new java.util.TreeMap<>();
    for (Class<?> anchor : anchors) {
      String prefix = anchor.getPackageName().replace('.', '/') + "/";
      try {
        java.net.URI location = anchor.getProtectionDomain().getCodeSource().getLocation().toURI();
        java.nio.file.Path root = java.nio.file.Path.of(location);
        List<String> names = new java.util.ArrayList<>();
        if (java.nio.file.Files.isDirectory(root)) {
          try (var files = java.nio.file.Files.walk(root.resolve(prefix))) {
            files.map(f -> root.relativize(f).toString().replace('\\', '/')).forEach(names::add);
          }
        } else {
          try (var jar = new java.util.jar.JarFile(root.toFile())) {
            jar.stream().map(java.util.jar.JarEntry::getName).forEach(names::add);
          }
        }
        for (String name : names) {
          if (name.startsWith(prefix) && name.endsWith(".class")) {
            String className = name.substring(0, name.length() - 6).replace('/', '.');
            found.put(className, Class.forName(className, false, anchor.getClassLoader()));
          }
        }
      } catch (IOException | java.net.URISyntaxException | ClassNotFoundException e) {
        throw new IllegalStateException("Cannot list the classes of " + prefix, e);
      }
    }
    return List.copyOf(found.values());
  }

  /** The first 16 hex digits of SHA-256 over the classes' bytecode, then the serialized values. */
  public static String of(List<Class<?>> classes, List<Object> values) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Class<?> c : classes) {
        String file = c.getName().substring(c.getName().lastIndexOf('.') + 1) + ".class";
        try (InputStream in = c.getResourceAsStream(file)) {
          if (in == null) {
            throw new IllegalStateException("No class file for " + c.getName());
          }
          sha.update(in.readAllBytes());
        }
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
