package org.benxi.green.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Chinese labels only with a CJK font; otherwise English, and the fallback is reported. */
class LookTest {
  @Test
  void chineseNeedsACjkFontAndFallsBackToEnglishWithoutOne() {
    Look zh = Look.choose("zh", Optional.of("WenQuanYi Micro Hei"));
    assertTrue(zh.chinese());
    assertEquals("滞后", zh.t("off_track"));
    assertFalse(Look.fellBack("zh", zh));

    Look none = Look.choose("zh", Optional.empty());
    assertFalse(none.chinese(), "never boxes: English when no CJK font is installed");
    assertEquals(Font.SANS_SERIF, none.fontFamily());
    assertEquals("off track", none.t("off_track"));
    assertTrue(Look.fellBack("zh", none));

    Look en = Look.choose("en", Optional.of("WenQuanYi Micro Hei"));
    assertFalse(en.chinese());
    assertFalse(Look.fellBack("en", en));
  }

  @Test
  void everyLabelHasBothLanguages() {
    Labels.ALL.forEach(
        (key, pair) -> {
          assertEquals(2, pair.length, key);
          assertFalse(pair[1].isBlank(), key + " in English");
          assertTrue(key.equals("font_note") || !pair[0].isBlank(), key + " in Chinese");
        });
  }
}
