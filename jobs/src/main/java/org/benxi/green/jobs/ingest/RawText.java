package org.benxi.green.jobs.ingest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The text of one raw file, decoded strictly: UTF-8 (with or without BOM) or GB18030/GBK, chosen
 * once per file. A line that is not valid in that encoding is kept as a bad line, with its bytes
 * shown escaped, so that the row holding it is rejected; a file in another encoding, or no text at
 * all, is refused as a whole. Lines are physical lines, ended by CR, LF or CRLF, counted from 1.
 * The text is kept as UTF-8 bytes ({@code utf8} from {@code start}), never as one string: a drop
 * file of a million rows is read as it is parsed, not copied into characters first.
 */
public record RawText(
    byte[] utf8, int start, String encoding, Map<Integer, String> badLines, Refusal refusal) {
  /** GB18030 is a superset of GBK, which Excel on Chinese Windows writes. */
  public static final Charset GB18030 = Charset.forName("GB18030");

  /** Why a whole file cannot be read as text: a reject reason and what was found. */
  public record Refusal(String reason, String detail) {}

  /** The Java charset of {@link #encoding} (UTF-8 for a refused file). */
  public Charset charset() {
    return encoding.equals("GB18030") ? GB18030 : StandardCharsets.UTF_8;
  }

  /** True when the file was refused as a whole. */
  public boolean refused() {
    return refusal != null;
  }

  /** The text from its start on, as characters, for a parser. */
  public Reader reader(int from) {
    return new InputStreamReader(
        new ByteArrayInputStream(utf8, from, utf8.length - from), StandardCharsets.UTF_8);
  }

  /** Decodes a whole file. */
  public static RawText decode(byte[] bytes) {
    Refusal refusal = refusal(bytes);
    if (refusal != null) {
      return new RawText(new byte[0], 0, "", Map.of(), refusal);
    }
    boolean utf8Bom = startsWith(bytes, 0xEF, 0xBB, 0xBF);
    boolean gbBom = startsWith(bytes, 0x84, 0x31, 0x95, 0x33);
    int start = utf8Bom ? 3 : gbBom ? 4 : 0;
    if (!gbBom
        && !hasNul(bytes, start)
        && valid(StandardCharsets.UTF_8, bytes, start, bytes.length)) {
      return new RawText(bytes, start, utf8Bom ? "UTF-8 with BOM" : "UTF-8", Map.of(), null);
    }
    return lineByLine(bytes, start, utf8Bom, gbBom);
  }

  private static RawText lineByLine(byte[] bytes, int start, boolean utf8Bom, boolean gbBom) {
    int[] bounds = lineBounds(bytes, start);
    int lines = bounds.length / 3;
    int validNonAscii = 0;
    int invalid = 0;
    for (int i = 0; i < lines; i++) {
      int from = bounds[3 * i];
      int to = bounds[3 * i + 1];
      if (!ascii(bytes, from, to)) {
        if (validUtf8(bytes, from, to)) {
          validNonAscii++;
        } else {
          invalid++;
        }
      }
    }
    boolean utf8 = utf8Bom || (!gbBom && validNonAscii > invalid);
    Charset charset = utf8 ? StandardCharsets.UTF_8 : GB18030;
    ByteArrayOutputStream text = new ByteArrayOutputStream(bytes.length);
    Map<Integer, String> bad = new TreeMap<>();
    for (int i = 0; i < lines; i++) {
      int from = bounds[3 * i];
      int to = bounds[3 * i + 1];
      int end = bounds[3 * i + 2];
      String why = null;
      Charset shownAs = charset;
      if (hasNul(bytes, from, to)) {
        why = "a NUL byte";
      } else if (!valid(charset, bytes, from, to)) {
        why = "bytes that are not " + charset.name();
      } else if (!utf8 && utf8Sequences(bytes, from, to) >= 2) {
        why = "UTF-8 text in a file that is otherwise GB18030";
        shownAs = StandardCharsets.UTF_8;
      }
      if (utf8 && why == null) {
        text.write(bytes, from, to - from);
      } else {
        text.writeBytes(
            lenientDecode(charset, bytes, from, to).toString().getBytes(StandardCharsets.UTF_8));
      }
      text.write(bytes, to, end - to);
      if (why != null) {
        bad.put(i + 1, why + ": " + escaped(shownAs, bytes, from, to));
      }
    }
    String name = utf8 ? (utf8Bom ? "UTF-8 with BOM" : "UTF-8") : "GB18030";
    return new RawText(text.toByteArray(), 0, name, Collections.unmodifiableMap(bad), null);
  }

  /** Files no line of which can be read: other encodings, workbooks, binary data. */
  private static Refusal refusal(byte[] b) {
    if (startsWith(b, 0xFF, 0xFE, 0x00, 0x00) || startsWith(b, 0x00, 0x00, 0xFE, 0xFF)) {
      return unsupported("UTF-32 (byte-order mark " + hex(b, 4) + ")");
    }
    if (startsWith(b, 0xFF, 0xFE) || startsWith(b, 0xFE, 0xFF)) {
      return unsupported("UTF-16 (byte-order mark " + hex(b, 2) + ")");
    }
    if (startsWith(b, 'P', 'K', 0x03, 0x04)) {
      return binary("a zip archive, such as an Excel workbook (.xlsx); save it as CSV (UTF-8)");
    }
    if (startsWith(b, 0xD0, 0xCF, 0x11, 0xE0)) {
      return binary("an Excel 97-2003 workbook (.xls); save it as CSV (UTF-8)");
    }
    if (startsWith(b, '%', 'P', 'D', 'F', '-')) {
      return binary("a PDF document");
    }
    int nul = 0;
    int evenNul = 0;
    int lines = 1;
    int linesWithNul = 0;
    boolean nulOnLine = false;
    for (int i = 0; i < b.length; i++) {
      if (b[i] == 0) {
        nul++;
        evenNul += i % 2 == 0 ? 1 : 0;
        linesWithNul += nulOnLine ? 0 : 1;
        nulOnLine = true;
      } else if (b[i] == '\n') {
        lines++;
        nulOnLine = false;
      }
    }
    if (nul == 0) {
      return null;
    }
    boolean oneSide = evenNul * 10 < nul || evenNul * 10 > nul * 9;
    if (nul * 4 >= b.length && oneSide) {
      return unsupported("UTF-16 or UTF-32 without a byte-order mark");
    }
    if (linesWithNul >= 2 && linesWithNul * 4 >= lines) {
      return binary("binary data (" + nul + " NUL bytes on " + linesWithNul + " lines)");
    }
    return null;
  }

  private static Refusal unsupported(String found) {
    return new Refusal("unsupported_encoding", found + "; send UTF-8 or GB18030");
  }

  private static Refusal binary(String found) {
    return new Refusal("binary_file", found);
  }

  /**
   * Per line: start, end of its text, and end of its line break, as consecutive triples. Line
   * breaks are CRLF, LF or a lone CR, as the CSV parser counts them.
   */
  private static int[] lineBounds(byte[] b, int start) {
    int[] out = new int[48];
    int n = 0;
    int from = start;
    int i = start;
    while (true) {
      int to;
      int end;
      if (i >= b.length) {
        if (from == b.length && n > 0) {
          break;
        }
        to = b.length;
        end = b.length;
      } else if (b[i] == '\n') {
        to = i;
        end = i + 1;
      } else if (b[i] == '\r') {
        to = i;
        end = i + 1 < b.length && b[i + 1] == '\n' ? i + 2 : i + 1;
      } else {
        i++;
        continue;
      }
      if (n + 3 > out.length) {
        out = java.util.Arrays.copyOf(out, out.length * 2);
      }
      out[n++] = from;
      out[n++] = to;
      out[n++] = end;
      if (end >= b.length) {
        break;
      }
      from = end;
      i = end;
    }
    return java.util.Arrays.copyOf(out, n);
  }

  /** True when the bytes decode strictly, checked a buffer at a time (no copy of the text). */
  private static boolean valid(Charset charset, byte[] b, int from, int to) {
    CharsetDecoder decoder = strict(charset);
    ByteBuffer in = wrap(b, from, to);
    CharBuffer out = CharBuffer.allocate(Math.min(8192, Math.max(16, to - from)));
    while (true) {
      CoderResult result = decoder.decode(in, out, true);
      if (result.isError()) {
        return false;
      }
      out.clear();
      if (result.isUnderflow()) {
        result = decoder.flush(out);
        return !result.isError();
      }
    }
  }

  private static boolean validUtf8(byte[] b, int from, int to) {
    return valid(StandardCharsets.UTF_8, b, from, to);
  }

  /** How many multi-byte UTF-8 sequences the bytes hold (they are valid UTF-8). */
  private static int utf8Sequences(byte[] b, int from, int to) {
    if (!validUtf8(b, from, to)) {
      return 0;
    }
    int sequences = 0;
    for (int i = from; i < to; i++) {
      sequences += (b[i] & 0xC0) == 0xC0 ? 1 : 0;
    }
    return sequences;
  }

  /** The line's text with every byte that does not decode shown as {@code \xNN}. */
  static String escaped(Charset charset, byte[] b, int from, int to) {
    CharsetDecoder decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = wrap(b, from, to);
    CharBuffer out = CharBuffer.allocate(Math.max(16, (to - from) * 2));
    StringBuilder text = new StringBuilder();
    while (true) {
      CoderResult result = decoder.decode(in, out, true);
      out.flip();
      text.append(out);
      out.clear();
      if (result.isError()) {
        for (int k = 0; k < result.length(); k++) {
          text.append(String.format("\\x%02X", in.get() & 0xFF));
        }
      } else if (result.isUnderflow()) {
        break;
      }
    }
    return text.toString().replace("\0", "\\x00");
  }

  private static CharsetDecoder strict(Charset charset) {
    return charset
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  /** The line decoded with U+FFFD for what does not decode: only for lines marked bad. */
  private static CharSequence lenientDecode(Charset charset, byte[] b, int from, int to) {
    try {
      return charset
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE)
          .decode(wrap(b, from, to));
    } catch (CharacterCodingException e) {
      throw new IllegalStateException("a replacing decoder cannot fail", e);
    }
  }

  private static boolean ascii(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] < 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasNul(byte[] b, int from) {
    return hasNul(b, from, b.length);
  }

  private static boolean hasNul(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean startsWith(byte[] b, int... prefix) {
    if (b.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((b[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static String hex(byte[] b, int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      s.append(i == 0 ? "" : " ").append(String.format("%02X", b[i] & 0xFF));
    }
    return s.toString();
  }

  private static ByteBuffer wrap(byte[] b, int from, int to) {
    return ByteBuffer.wrap(b, from, to - from);
  }
}
