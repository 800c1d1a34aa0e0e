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

  /** The first 16 hex digits of SHA-256 over the classes' bytecode, then the serialized values. */
  public static String of(List<Class<?>> classes, List<Object> values) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Class<?> c : classes) {
        try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
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
