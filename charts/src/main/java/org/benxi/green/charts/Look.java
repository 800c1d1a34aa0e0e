package org.benxi.green.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The report's look and language: one palette with status colours, the font (a CJK one when
 * installed), and every label in Chinese or English. Chinese is used only with a CJK font, so no
 * character is ever drawn as a box.
 */
public record Look(boolean chinese, String fontFamily) {
  /** CJK font families tried in order (Debian: fonts-wqy-microhei, fonts-noto-cjk). */
  public static final List<String> CJK_FAMILIES =
      List.of(
          "WenQuanYi Micro Hei",
          "WenQuanYi Zen Hei",
          "Noto Sans CJK SC",
          "Noto Sans SC",
          "Source Han Sans SC");

  /**
   * Status colours: achieved green, on track blue, at risk amber, off track and missed red, missing
   * grey, no target light grey.
   */
  public static final Map<String, Color> STATUS =
      Map.of(
          "achieved", new Color(0x2e7d32),
          "on_track", new Color(0x1565c0),
          "at_risk", new Color(0xef8f00),
          "off_track", new Color(0xc62828),
          "missed", new Color(0xc62828),
          "missing", new Color(0x9e9e9e),
          "no_target", new Color(0xbdbdbd));

  /** The mark of a final value (at the plan's target period). */
  public static final Color FINAL = new Color(0x6a1b9a);

  /** Series colours, in order. */
  public static final List<Color> PALETTE =
      List.of(
          new Color(0x00695c),
          new Color(0x1565c0),
          new Color(0xef8f00),
          new Color(0x6a1b9a),
          new Color(0x2e7d32),
          new Color(0xad1457),
          new Color(0x4e342e),
          new Color(0x546e7a),
          new Color(0x9e9d24),
          new Color(0x00838f),
          new Color(0xd84315),
          new Color(0x283593),
          new Color(0x8d6e63),
          new Color(0x558b2f));

  static final Color GRID = new Color(0xe0e0e0);
  static final Color TEXT = new Color(0x212121);
  static final Color MUTED = new Color(0x757575);
  static final BasicStroke DASHED =
      new BasicStroke(
          1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);

  /**
   * The look for {@code language} ("zh" or "en"): Chinese needs an installed CJK font; without one
   * the labels fall back to English and {@link #fellBack} says so.
   */
  public static Look forLanguage(String language) {
    return choose(language, installedCjkFamily());
  }

  /** The look for {@code language} given the installed CJK family, if any. */
  static Look choose(String language, Optional<String> cjk) {
    if (language.equals("zh") && cjk.isPresent()) {
      return new Look(true, cjk.get());
    }
    return new Look(false, cjk.orElse(Font.SANS_SERIF));
  }

  /** True when Chinese was asked for but no CJK font is installed. */
  public static boolean fellBack(String language, Look look) {
    return language.equals("zh") && !look.chinese();
  }

  /** The first installed CJK family, if any. */
  public static Optional<String> installedCjkFamily() {
    Set<String> installed =
        Set.of(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames());
    return CJK_FAMILIES.stream().filter(installed::contains).findFirst();
  }

  Font font(int style, float size) {
    return new Font(fontFamily, style, 1).deriveFont(size);
  }

  /** A label in the report's language. */
  public String t(String key) {
    String[] pair = Labels.ALL.get(key);
    if (pair == null) {
      throw new IllegalArgumentException("No label " + key);
    }
    return chinese ? pair[0] : pair[1];
  }

  /** The colour of a status. */
  public static Color statusColor(String status) {
    return STATUS.getOrDefault(status, STATUS.get("missing"));
  }
}
