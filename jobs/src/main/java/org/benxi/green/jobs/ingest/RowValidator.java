package org.benxi.green.jobs.ingest;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
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

  private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d+)?");
  private static final Pattern GROUPED_NUMBER =
      Pattern.compile("[+-]?\\d{1,3}(,\\d{3})+(\\.\\d+)?");
  private static final Pattern PERIOD = Pattern.compile("\\d{4}-\\d{2}");
  private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

  private final SourceSchema schema;
  private final SourceSpec spec;
  private final ReferenceData reference;
  private final java.util.Map<String, java.util.Set<String>> allowedValues =
      new java.util.HashMap<>();

  /** A validator for one source; {@code enum:} rules are parsed here, once. */
  public RowValidator(SourceSchema schema, ReferenceData reference) {
    this.schema = schema;
    this.spec = SourceSpecs.of(schema.name());
    this.reference = reference;
    for (Column column : schema.columns()) {
      if (column.rule().startsWith("enum:")) {
        allowedValues.put(column.rule(), java.util.Set.of(column.rule().substring(5).split("\\|")));
      }
    }
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
      String ruleFailure = checkRule(column, typed);
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
    if (GROUPED_NUMBER.matcher(text).matches()) {
      text = text.replace(",", "");
    } else if (!PLAIN_NUMBER.matcher(text).matches()) {
      throw new Rejection("bad_number");
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

  private static String parsePeriod(String cell) {
    if (!PERIOD.matcher(cell).matches()) {
      throw new Rejection("bad_period");
    }
    try {
      return YearMonth.parse(cell).toString();
    } catch (DateTimeParseException e) {
      throw new Rejection("bad_period");
    }
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

  private String checkRule(Column column, Object value) {
    String rule = column.rule();
    if (rule.isEmpty() || rule.equals("energy_unit") || rule.equals("process_sign")) {
      return null;
    }
    if (rule.equals("credit_code") || rule.equals("enterprise")) {
      return CreditCode.isValid((String) value) ? null : "bad_credit_code";
    }
    if (rule.equals(">=0")) {
      return ((BigDecimal) value).signum() < 0 ? "negative_value" : null;
    }
    if (rule.equals(">0")) {
      return ((BigDecimal) value).signum() <= 0 ? "not_positive" : null;
    }
    if (rule.equals("year")) {
      int year = (Integer) value;
      return year < 1949 || year > 2100 ? "bad_year" : null;
    }
    if (rule.startsWith("enum:")) {
      return allowedValues.get(rule).contains(value) ? null : "unknown_value";
    }
    if (rule.startsWith("ref:")) {
      String code = (String) value;
      return switch (rule.substring(4)) {
        case "counties" -> reference.counties().containsKey(code) ? null : "unknown_county";
        case "parks" -> reference.parks().containsKey(code) ? null : "unknown_park";
        case "industries" -> reference.industries().containsKey(code) ? null : "unknown_industry";
        case "energy_factors" ->
            reference.energyFactors().containsKey(code) ? null : "unknown_energy_code";
        case "waste_categories" ->
            reference.wasteCategories().containsKey(code) ? null : "unknown_category";
        case "efficiency_benchmarks" ->
            reference.benchmarks().containsKey(code) ? null : "unknown_process";
        case "power_sources" ->
            reference.powerSources().containsKey(code) ? null : "unknown_power_source";
        default -> throw new IllegalStateException("sources.csv: unknown rule " + rule);
      };
    }
    throw new IllegalStateException("sources.csv: unknown rule " + rule);
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
