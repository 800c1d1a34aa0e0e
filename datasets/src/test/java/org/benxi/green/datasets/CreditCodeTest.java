package org.benxi.green.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CreditCodeTest {
  @Test
  void acceptsPublishedExamples() {
    // Codes printed on real business licences; their check characters are the 18th character.
    assertTrue(CreditCode.isValid("91350100M000100Y43"));
    assertTrue(CreditCode.isValid("91110000600037341L"));
  }

  @Test
  void computesCheckCharacterByTheStandardWeights() {
    // 9*1+1*3+2*9+1*27+0*19+5*26+0*16+2*17+0*... +1*28 = 249; 249 mod 31 = 1; 31-1 = 30 -> 'Y'
    assertEquals('Y', CreditCode.checkCharacter("91210502000000001"));
  }

  @Test
  void rejectsWrongCheckLengthAndAlphabet() {
    assertFalse(CreditCode.isValid("91350100M000100Y44"), "wrong check character");
    assertFalse(CreditCode.isValid("91350100M000100Y4"), "17 characters");
    assertFalse(CreditCode.isValid("91350100M000100I43"), "I is not in the code alphabet");
    assertFalse(CreditCode.isValid(null));
  }
}
