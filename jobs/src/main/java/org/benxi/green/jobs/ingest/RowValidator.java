package org.benxi.green.jobs.ingest;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.benxi.green.datasets.CreditCode;
import org.benxi.green.datasets.ReferenceData;
import org.benxi.green.datasets.SourceSchema;
import org.benxi.green.datasets.SourceSchema.Column;
import org.benxi.green.jobs.sources.CheckedRow;
import org.benxi.green.jobs.sources.SourceSpec;
import org.benxi.green.jobs.sources.SourceSpecs;

/**
 * Checks one raw row against the rules of its source and types its cells: each cell's type and rule
 * from {@code sources.csv}, in column order, then the cross-column rules of the source's {@link
 * SourceSpec}; the first broken rule is the row's reject reason.
 */
public final class RowValidator implements Serializable {
  /** Scale of every decimal measure in staging and marts. */
  public static final int SCALE = 6;

  /** Precision of every decimal measure in staging. */
  public static final int PRECISION = 28;

  private static final Pattern GROUPED_NUMBER =
      Pattern.compile("[+-]?\\d{1,3}(,\\d{3})+(\\.\\d+)?");
  private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

  private final SourceSchema schema;
  private final SourceSpec spec;
  private final ReferenceData reference;
  private final List<Rule> rules;

  /** A validator for one source; each column's rule is resolved here, once. */
  public RowValidator(SourceSchema schema, ReferenceData reference) {
    this.schema = schema;
    this.spec = SourceSpecs.of(schema.name());
    this.reference = reference;
    this.rules = schema.columns().stream().map(c -> Rule.of(c.rule(), reference)).toList();
  }

  /** A row's outcome: typed values in contract order, or a reject. */
  public record Result(Object[] values, RawRow.Reject reject) {
    /** True when the row is accepted. */
    public boolean accepted() {
      return reject == null;
    }
  }

  /** Validates a row already parsed by {@link RawCsvReader}. */
  public Result validate(RawRow row) {
    if (row.reject() != null) {
      return new Result(null, row.reject());
    }
    List<Column> columns = schema.columns();
    Object[] values = new Object[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      Column column = columns.get(i);
      String cell = row.cells()[i];
      if (cell == null) {
        if (column.required()) {
          return reject("required", column.name(), "");
        }
        continue;
      }
      Object typed;
      try {
        typed = parse(column, cell);
      } catch (Rejection r) {
        return reject(r.reason, column.name(), cell);
      }
      String ruleFailure = rules.get(i).broken(typed);
      if (ruleFailure != null) {
        return reject(ruleFailure, column.name(), cell);
      }
      values[i] = typed;
    }
    return crossChecks(values, row.cells());
  }

  private Object parse(Column column, String cell) {
    return switch (column.type()) {
      case TEXT -> cell;
      case DECIMAL -> parseDecimal(cell);
      case INTEGER -> parseYear(cell);
      case DATE -> parseDate(cell);
      case PERIOD -> parsePeriod(cell);
      case QUARTER -> parseQuarter(cell);
      case FLAG -> parseFlag(cell);
    };
  }

  /** Parses a contract number: {@code .} decimal point, optional {@code ,} thousands groups. */
  static BigDecimal parseDecimal(String cell) {
    String text = cell;
    if (!isPlainNumber(text)) {
      if (!GROUPED_NUMBER.matcher(text).matches()) {
        throw new Rejection("bad_number");
      }
      text = text.replace(",", "");
    }
    BigDecimal value = new BigDecimal(text).setScale(SCALE, RoundingMode.HALF_UP);
    if (value.precision() > PRECISION) {
      throw new Rejection("bad_number");
    }
    return value;
  }

  private static Integer parseYear(String cell) {
    if (!cell.matches("\\d{4}")) {
      throw new Rejection("bad_year");
    }
    return Integer.valueOf(cell);
  }

  private static LocalDate parseDate(String cell) {
    try {
      return LocalDate.parse(cell, DATE);
    } catch (DateTimeParseException e) {
      throw new Rejection("bad_date");
    }
  }

  /**
   * Whether {@code text} is {@code [+-]?\d+(\.\d+)?} in ASCII digits, without a regular expression.
   */
  static boolean isPlainNumber(String text) {
    int at = text.startsWith("+") || text.startsWith("-") ? 1 : 0;
    int integer = digits(text, at);
    if (integer == 0) {
      return false;
    }
    at += integer;
    if (at == text.length()) {
      return true;
    }
    int fraction = text.charAt(at) == '.' ? digits(text, at + 1) : 0;
    return fraction > 0 && at + 1 + fraction == text.length();
  }

  /** How many ASCII digits {@code text} has in a row from {@code from}. */
  private static int digits(String text, int from) {
    int i = from;
    while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
      i++;
    }
    return i - from;
  }

  /** {@code YYYY-MM} with a month from 01 to 12, as it is written. */
  static String parsePeriod(String cell) {
    boolean shaped =
        cell.length() == 7 && digits(cell, 0) == 4 && cell.charAt(4) == '-' && digits(cell, 5) == 2;
    int month = shaped ? (cell.charAt(5) - '0') * 10 + (cell.charAt(6) - '0') : 0;
    if (month < 1 || month > 12) {
      throw new Rejection("bad_period");
    }
    return cell;
  }

  private static String parseQuarter(String cell) {
    if (!QUARTER.matcher(cell).matches()) {
      throw new Rejection("bad_quarter");
    }
    return cell;
  }

  private static Boolean parseFlag(String cell) {
    return switch (cell) {
      case "Y", "y", "是" -> Boolean.TRUE;
      case "N", "n", "否" -> Boolean.FALSE;
      default -> throw new Rejection("bad_flag");
    };
  }

  /** What a column's contract rule checks. */
  private enum Check {
    NONE,
    CREDIT_CODE,
    NON_NEGATIVE,
    POSITIVE,
    YEAR,
    ONE_OF,
    KNOWN
  }

  /**
   * A column's contract rule from {@code sources.csv}, resolved once: the check, the values or
   * reference codes it allows, and the reason a value that breaks it gets.
   */
  private record Rule(Check check, Set<String> allowed, Map<String, ?> known, String reason)
      implements Serializable {
    static Rule of(String rule, ReferenceData reference) {
      if (rule.isEmpty() || rule.equals("energy_unit") || rule.equals("process_sign")) {
        return new Rule(Check.NONE, null, null, null);
      }
      if (rule.equals("credit_code") || rule.equals("enterprise")) {
        return new Rule(Check.CREDIT_CODE, null, null, "bad_credit_code");
      }
      if (rule.equals(">=0")) {
        return new Rule(Check.NON_NEGATIVE, null, null, "negative_value");
      }
      if (rule.equals(">0")) {
        return new Rule(Check.POSITIVE, null, null, "not_positive");
      }
      if (rule.equals("year")) {
        return new Rule(Check.YEAR, null, null, "bad_year");
      }
      if (rule.startsWith("enum:")) {
        Set<String> allowed = Set.of(rule.substring(5).split("\\|"));
        return new Rule(Check.ONE_OF, allowed, null, "unknown_value");
      }
      if (rule.startsWith("ref:")) {
        return switch (rule.substring(4)) {
          case "counties" -> known(reference.counties(), "unknown_county");
          case "parks" -> known(reference.parks(), "unknown_park");
          case "industries" -> known(reference.industries(), "unknown_industry");
          case "energy_factors" -> known(reference.energyFactors(), "unknown_energy_code");
          case "waste_categories" -> known(reference.wasteCategories(), "unknown_category");
          case "efficiency_benchmarks" -> known(reference.benchmarks(), "unknown_process");
          case "power_sources" -> known(reference.powerSources(), "unknown_power_source");
          default -> throw new IllegalStateException("sources.csv: unknown rule " + rule);
        };
      }
      throw new IllegalStateException("sources.csv: unknown rule " + rule);
    }

    private static Rule known(Map<String, ?> codes, String reason) {
      return new Rule(Check.KNOWN, null, codes, reason);
    }

    /** The reason {@code value} breaks the rule, or null. */
    String broken(Object value) {
      boolean holds =
          switch (check) {
            case NONE -> true;
            case CREDIT_CODE -> CreditCode.isValid((String) value);
            case NON_NEGATIVE -> ((BigDecimal) value).signum() >= 0;
            case POSITIVE -> ((BigDecimal) value).signum() > 0;
            case YEAR -> (Integer) value >= 1949 && (Integer) value <= 2100;
            case ONE_OF -> allowed.contains(value);
            case KNOWN -> known.containsKey(value);
          };
      return holds ? null : reason;
    }
  }

  private Result crossChecks(Object[] v, String[] cells) {
    RawRow.Reject reject = spec.check(new CheckedRow(schema, v, cells), reference);
    return reject == null ? new Result(v, null) : new Result(null, reject);
  }

  private static Result reject(String reason, String column, String value) {
    return new Result(null, new RawRow.Reject(reason, column, value == null ? "" : value));
  }

  /** A cell that breaks a parse rule. */
  private static final class Rejection extends RuntimeException {
    private final String reason;

    Rejection(String reason) {
      super(reason, null, false, false);
      this.reason = reason;
    }
  }
}
