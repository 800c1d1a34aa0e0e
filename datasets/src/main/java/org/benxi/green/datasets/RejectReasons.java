package org.benxi.green.datasets;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reject reason codes with the Chinese and English messages clerks see ({@code
 * catalog/reject_reasons.csv}).
 */
public final class RejectReasons {
  /** A reason's two messages. */
  public record Message(String zh, String en) {}

  private static final Map<String, Message> MESSAGES = load();

  private RejectReasons() {}

  /** Every reason code, in catalog order. */
  public static Map<String, Message> all() {
    return MESSAGES;
  }

  /** The messages for a reason code. */
  public static Message of(String reason) {
    Message message = MESSAGES.get(reason);
    if (message == null) {
      throw new IllegalArgumentException("Reason code missing from reject_reasons.csv: " + reason);
    }
    return message;
  }

  private static Map<String, Message> load() {
    CsvTable table = CsvTable.resource("green/catalog/reject_reasons.csv");
    Map<String, Message> messages = new LinkedHashMap<>();
    for (Map<String, String> row : table.rows()) {
      messages.put(
          table.get(row, "reason"),
          new Message(table.get(row, "message_zh"), table.get(row, "message_en")));
    }
    return Map.copyOf(messages);
  }
}
