package org.benxi.green.jobs.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.benxi.green.datasets.CreditCode;
import org.benxi.green.datasets.SourceSchema;
import org.benxi.green.jobs.ProgressLine;
import org.benxi.green.jobs.generate.CsvDropWriter.Style;

/**
 * Writes a deterministic, seeded raw data root for Benxi that follows
 * datasets/contract/datasets.md: enterprises in six counties dominated by steel and mining, every
 * source monthly (or as its cadence) from {@code from} to {@code to}, a few contract-breaking rows,
 * and revisions that arrive in later drops.
 */
public final class SampleGenerator {
  static final String[] COUNTIES = {"210502", "210503", "210504", "210505", "210521", "210522"};
  private static final double[] COUNTY_WEIGHT = {0.25, 0.25, 0.20, 0.08, 0.12, 0.10};
  private static final double[] GDP_SHARE = {0.25, 0.22, 0.18, 0.07, 0.14, 0.14};
  private static final String[] NAME_PARTS = {
    "华", "辽", "溪", "本", "兴", "盛", "鑫", "恒", "泰", "宏", "瑞", "源", "通", "达", "隆", "丰", "金", "山", "汇",
    "东", "北", "新", "力", "诚"
  };

  private final GeneratorConfig config;
  private final Map<String, SourceSchema> schemas = SourceSchema.shipped();
  private final ProgressLine progress;
  private final List<Enterprise> enterprises = new ArrayList<>();
  private final DecimalFormat grouped =
      new DecimalFormat("#,##0.###", DecimalFormatSymbols.getInstance(Locale.ROOT));

  /** One generated enterprise and what it reports. */
  record Enterprise(
      String code,
      String name,
      String county,
      String industry,
      String park,
      boolean aboveSize,
      YearMonth registered,
      double scale) {}

  /** A generator for one configuration. */
  public SampleGenerator(GeneratorConfig config, ProgressLine progress) {
    this.config = config;
    this.progress = progress;
  }

  /** Writes every source; returns rows written per source. */
  public Map<String, Long> generate() {
    createEnterprises();
    Map<String, Long> counts = new java.util.LinkedHashMap<>();
    counts.put("enterprises", writeEnterprises());
    counts.put("energy", writeEnergy());
    counts.put("solid_waste", writeWaste());
    counts.put("green_factories", writeGreenFactories());
    counts.put("power_plants", writePowerPlants());
    counts.put("forest", writeForest());
    counts.put("economy", writeEconomy());
    counts.put("production_lines", writeLines());
    counts.put("programs", writePrograms());
    writeCountyTargets();
    return counts;
  }

  // ---------------------------------------------------------------- enterprises

  private void createEnterprises() {
    SplittableRandom r = random("enterprises");
    YearMonth start = config.from();
    add(r, "本钢板材股份有限公司", "210502", "3120", "TZHEDZ", start.minusYears(20), 1.0);
    add(r, "本溪北营钢铁(集团)股份有限公司", "210503", "3110", null, start.minusYears(20), 0.4);
    add(r, "本钢集团矿业有限责任公司南芬露天铁矿", "210505", "0810", "BSWIP", start.minusYears(30), 1.0);
    add(r, "本钢集团矿业有限责任公司歪头山铁矿", "210504", "0810", null, start.minusYears(30), 0.5);
    add(r, "本溪钢铁集团焦化有限公司", "210502", "2521", "TZHEDZ", start.minusYears(20), 1.0);
    add(r, "国电本溪热电有限公司", "210504", "4412", "QBEDZ", start.minusYears(10), 1.0);
    add(r, "本溪工源水泥有限公司", "210521", "3011", "BXXEDZ", start.minusYears(15), 1.0);
    add(r, "本溪南芬水泥有限公司", "210505", "3011", null, start.minusYears(15), 0.6);
    add(r, "本溪溪湖水泥有限公司", "210503", "3011", null, start.minusYears(15), 0.5);
    add(r, "华润三九(本溪)药业有限公司", "210503", "2720", "BXHTZ", start.minusYears(12), 1.0);
    add(r, "天士力(辽宁)制药有限责任公司", "210503", "2740", "BXHTZ", start.minusYears(10), 1.0);
    add(r, "本溪满族自治县田师付煤矿", "210521", "0610", null, start.minusYears(25), 0.6);
    String[] industries = {
      "0810", "1011", "1310", "1512", "2611", "2710", "2720", "2740", "3021", "3031", "3130",
      "3140", "3311", "3670", "4430", "4710", "7723", "3311", "4710", "1310"
    };
    String[] words = {
      "矿业", "建材", "食品", "酒业", "化工", "制药", "药业", "生物", "制品", "砖业", "钢材", "合金", "钢结构", "汽车配件", "热力",
      "建筑", "环保", "机械", "建设", "米业"
    };
    int generic = config.enterprises() - enterprises.size();
    for (int i = 0; i < generic; i++) {
      int kind = r.nextInt(industries.length);
      String county = COUNTIES[pick(r, COUNTY_WEIGHT)];
      String name =
          "本溪"
              + NAME_PARTS[r.nextInt(NAME_PARTS.length)]
              + NAME_PARTS[r.nextInt(NAME_PARTS.length)]
              + words[kind]
              + (r.nextInt(4) == 0 ? "股份" : "")
              + "有限公司"
              + (i >= NAME_PARTS.length * NAME_PARTS.length ? String.valueOf(i) : "");
      YearMonth registered =
          r.nextDouble() < 0.9 ? start.minusYears(1 + r.nextInt(15)) : randomMonth(r);
      String park = r.nextDouble() < 0.25 ? parkIn(county) : null;
      add(r, name, county, industries[kind], park, registered, 0.02 + r.nextDouble() * 0.2);
    }
  }

  private void add(
      SplittableRandom r,
      String name,
      String county,
      String industry,
      String park,
      YearMonth registered,
      double scale) {
    StringBuilder org = new StringBuilder();
    for (int i = 0; i < 9; i++) {
      org.append((char) ('0' + r.nextInt(10)));
    }
    String first17 = "91" + county + org;
    String code = first17 + CreditCode.checkCharacter(first17);
    boolean above = scale >= 0.15 || r.nextDouble() < 0.25;
    enterprises.add(new Enterprise(code, name, county, industry, park, above, registered, scale));
  }

  private static String parkIn(String county) {
    return switch (county) {
      case "210502" -> "TZHEDZ";
      case "210503" -> "BXHTZ";
      case "210504" -> "QBEDZ";
      case "210505" -> "BSWIP";
      case "210521" -> "BXXEDZ";
      default -> "WNSEDZ";
    };
  }

  private long writeEnterprises() {
    SourceSchema schema = schemas.get("enterprises");
    long rows = 0;
    YearMonth first = config.from();
    // The first drop holds everyone registered before the range; then one drop per January.
    for (int year = first.getYear(); year <= config.to().getYear(); year++) {
      YearMonth dropMonth = year == first.getYear() ? first : YearMonth.of(year, 1);
      LocalDate received = dropMonth.atDay(5);
      final int y = year;
      List<Enterprise> batch =
          enterprises.stream()
              .filter(
                  e ->
                      y == first.getYear()
                          ? e.registered().getYear() <= y
                          : e.registered().getYear() == y)
              .toList();
      if (batch.isEmpty()) {
        continue;
      }
      try (CsvDropWriter w =
          new CsvDropWriter(
              config.out(), schema, received, "enterprises_" + year + ".csv", Style.EXCEL_UTF8)) {
        for (Enterprise e : batch) {
          w.row(
              List.of(
                  e.code(),
                  e.name(),
                  e.county(),
                  e.industry(),
                  e.park() == null ? "" : e.park(),
                  e.aboveSize() ? "Y" : "N"));
        }
        if (year == first.getYear()) {
          // Dirt: a county code that is not Benxi's.
          w.row(List.of(code("210599", 1), "本溪外埠测试有限公司", "210599", "3311", "", "N"));
        }
        rows += w.rows();
      }
    }
    progress.finish("enterprises", enterprises.size() + " enterprises, " + rows + " rows");
    return rows;
  }

  // ---------------------------------------------------------------- energy

  /** One enterprise's monthly energy: code, unit, base quantity in that unit. */
  private record Use(String code, String unit, double monthly) {}

  private List<Use> energyProfile(Enterprise e, SplittableRandom r) {
    double s = e.scale();
    String elecUnit = r.nextBoolean() ? "10k_kwh" : (r.nextBoolean() ? "mwh" : "kwh");
    double elecFactor = elecUnit.equals("10k_kwh") ? 1 : elecUnit.equals("mwh") ? 10 : 10000;
    List<Use> uses = new ArrayList<>();
    String profile =
        switch (e.industry()) {
          case "3110", "3120" -> "integrated_steel";
          case "3130", "3140" -> "steel_processing";
          default -> sector(e.industry());
        };
    switch (profile) {
      case "integrated_steel" -> {
        uses.add(new Use("coke", "t", 350_000 * s));
        uses.add(new Use("washed_coal", "t", 150_000 * s));
        uses.add(new Use("blast_furnace_gas", "10k_m3", 150_000 * s));
        uses.add(new Use("coke_oven_gas", "10k_m3", 15_000 * s));
        uses.add(new Use("converter_gas", "10k_m3", 9_000 * s));
        uses.add(new Use("natural_gas", "10k_m3", 300 * s));
        uses.add(new Use("electricity", "10k_kwh", 45_000 * s));
      }
      case "steel_processing" -> {
        uses.add(new Use("natural_gas", "10k_m3", 40 * s));
        uses.add(new Use("electricity", elecUnit, 2_500 * s * elecFactor));
      }
      case "coking" -> {
        uses.add(new Use("washed_coal", "t", 220_000 * s));
        uses.add(new Use("coke_oven_gas", "10k_m3", 6_000 * s));
        uses.add(new Use("electricity", elecUnit, 1_800 * s * elecFactor));
      }
      case "mining" -> {
        uses.add(new Use("electricity", elecUnit, 4_000 * s * elecFactor));
        uses.add(new Use("diesel", "t", 2_500 * s));
        if (e.industry().equals("0610")) {
          uses.add(new Use("raw_coal", "t", 3_000 * s));
        }
      }
      case "building_materials" -> {
        uses.add(new Use("raw_coal", "t", 25_000 * s));
        uses.add(new Use("electricity", elecUnit, 1_500 * s * elecFactor));
        uses.add(new Use("diesel", "t", 120 * s));
      }
      case "power_heat" -> {
        uses.add(new Use("raw_coal", "t", 140_000 * s));
        uses.add(new Use("fuel_oil", "t", 80 * s));
        uses.add(new Use("electricity", "10k_kwh", 900 * s));
      }
      case "pharma" -> {
        uses.add(new Use("natural_gas", "m3", 400_000 * s));
        uses.add(new Use("electricity", elecUnit, 500 * s * elecFactor));
        uses.add(new Use("heat", "gj", 30_000 * s));
      }
      case "chemicals" -> {
        uses.add(new Use("natural_gas", "m3", 150_000 * s));
        uses.add(new Use("electricity", elecUnit, 600 * s * elecFactor));
        uses.add(new Use("lpg", "t", 20 * s));
      }
      default -> {
        uses.add(new Use("electricity", elecUnit, 200 * s * elecFactor));
        if (r.nextBoolean()) {
          uses.add(new Use("diesel", "t", 60 * s));
        }
        if (r.nextInt(3) == 0) {
          uses.add(new Use("natural_gas", "m3", 30_000 * s));
        }
        if (r.nextInt(4) == 0) {
          uses.add(new Use("gasoline", "t", 15 * s));
        }
      }
    }
    return uses;
  }

  private long writeEnergy() {
    SourceSchema schema = schemas.get("energy");
    SplittableRandom profiles = random("energy-profiles");
    List<Enterprise> reporters = enterprises.stream().filter(Enterprise::aboveSize).toList();
    List<List<Use>> uses = new ArrayList<>();
    for (Enterprise e : reporters) {
      uses.add(energyProfile(e, profiles));
    }
    SplittableRandom noise = random("energy");
    List<YearMonth> months = months();
    YearMonth dirtMonth = at(0.3);
    YearMonth duplicateMonth = at(0.5);
    YearMonth revisedMonth = at(0.8);
    long rows = 0;
    for (int m = 0; m < months.size(); m++) {
      YearMonth month = months.get(m);
      Style style = m % 3 == 0 ? Style.ENGLISH : Style.EXCEL_UTF8;
      try (CsvDropWriter w =
          new CsvDropWriter(
              config.out(), schema, dropDay(month, 10), "energy_" + month + ".csv", style)) {
        double trend = Math.pow(0.985, yearsSince(month));
        double season = 1 + 0.12 * Math.cos((month.getMonthValue() - 1) * Math.PI / 6);
        for (int i = 0; i < reporters.size(); i++) {
          Enterprise e = reporters.get(i);
          if (e.registered().isAfter(month) || lateInLastMonth(i, month)) {
            continue;
          }
          for (Use u : uses.get(i)) {
            double q = u.monthly() * trend * season * (0.92 + 0.16 * noise.nextDouble());
            w.row(List.of(e.code(), month.toString(), u.code(), number(q, style, noise), u.unit()));
          }
        }
        if (month.equals(dirtMonth)) {
          Enterprise e = reporters.get(reporters.size() / 2);
          w.row(List.of(e.code(), month.toString(), "diesel", "-12.5", "t"));
          w.row(
              List.of(
                  e.code().substring(0, 17) + flip(e.code().charAt(17)),
                  month.toString(),
                  "electricity",
                  "120",
                  "10k_kwh"));
          w.row(List.of(e.code(), month.toString(), "coal_slurry", "300", "t"));
          w.row(List.of(e.code(), month.toString(), "electricity", "50", "t"));
          w.row(List.of(code("210502", 7), month.toString(), "electricity", "80", "10k_kwh"));
        }
        if (month.equals(duplicateMonth)) {
          Enterprise e = reporters.get(reporters.size() / 3);
          w.row(List.of(e.code(), month.toString(), "lpg", "3.5", "t"));
          w.row(List.of(e.code(), month.toString(), "lpg", "3.6", "t"));
        }
        rows += w.rows();
      }
      if (month.equals(revisedMonth) && !month.equals(config.to())) {
        // The steelworks corrects its coke figure in a drop that arrives months later.
        Enterprise steel = enterprises.get(0);
        try (CsvDropWriter w =
            new CsvDropWriter(
                config.out(),
                schema,
                dropDay(month.plusMonths(1), 25),
                "energy_" + month + "_revision.csv",
                Style.ENGLISH)) {
          w.row(List.of(steel.code(), month.toString(), "coke", "331250.5", "t"));
          rows += w.rows();
        }
      }
      progress.update("energy", m + 1, months.size());
    }
    progress.finish("energy", reporters.size() + " reporters, " + rows + " rows");
    return rows;
  }

  // ---------------------------------------------------------------- solid waste

  /** Waste stream of one enterprise: category, monthly tonnes, 2020 and 2025 utilization. */
  private record Stream(
      String category, double monthly, double rate2020, double rate2025, double priorShare) {}

  private List<Stream> wasteStreams(Enterprise e) {
    double s = e.scale();
    return switch (e.industry()) {
      case "0810" -> List.of(new Stream("tailings", 1_400_000 * s, 0.14, 0.30, 0.04));
      case "1011" -> List.of(new Stream("tailings", 60_000 * s, 0.30, 0.45, 0.0));
      case "0610" -> List.of(new Stream("coal_gangue", 40_000 * s, 0.50, 0.66, 0.02));
      case "3110", "3120" -> List.of(new Stream("smelting_slag", 650_000 * s, 0.86, 0.95, 0.03));
      case "3140" -> List.of(new Stream("smelting_slag", 30_000 * s, 0.70, 0.88, 0.0));
      case "4412", "4411" ->
          List.of(
              new Stream("fly_ash", 45_000 * s, 0.70, 0.86, 0.02),
              new Stream("byproduct_gypsum", 9_000 * s, 0.60, 0.80, 0.0));
      case "2611" -> List.of(new Stream("byproduct_gypsum", 8_000 * s, 0.40, 0.60, 0.0));
      case "2521", "3011", "2710", "2720", "2740", "3130", "3311", "3670" ->
          List.of(new Stream("other_industrial", 3_000 * s, 0.55, 0.70, 0.0));
      default -> List.of();
    };
  }

  private long writeWaste() {
    SourceSchema schema = schemas.get("solid_waste");
    SplittableRandom r = random("solid_waste");
    List<YearMonth> months = months();
    YearMonth dirtMonth = at(0.4);
    double[] construction = {32_000, 26_000, 22_000, 6_000, 9_000, 8_000};
    double[] straw = {0, 0, 3_000, 2_000, 40_000, 52_000};
    long rows = 0;
    for (int m = 0; m < months.size(); m++) {
      YearMonth month = months.get(m);
      double progressShare = Math.min(1, Math.max(0, monthsFrom2020(month) / 60.0));
      try (CsvDropWriter w =
          new CsvDropWriter(
              config.out(),
              schema,
              dropDay(month, 15),
              "solid_waste_" + month + ".csv",
              Style.EXCEL_UTF8)) {
        for (Enterprise e : enterprises) {
          if (e.registered().isAfter(month)) {
            continue;
          }
          for (Stream s : wasteStreams(e)) {
            double generated = s.monthly() * (0.9 + 0.2 * r.nextDouble());
            double rate = s.rate2020() + (s.rate2025() - s.rate2020()) * progressShare;
            rate = Math.min(0.99, rate * (0.95 + 0.1 * r.nextDouble()));
            wasteRow(
                w, r, month, e.county(), e.code(), s.category(), generated, rate, s.priorShare());
          }
        }
        double building = month.getMonthValue() <= 2 || month.getMonthValue() == 12 ? 0.35 : 1.0;
        double harvest =
            switch (month.getMonthValue()) {
              case 9 -> 0.6;
              case 10 -> 1.6;
              case 11 -> 1.0;
              case 12, 1, 2, 3 -> 0.1;
              default -> 0.0;
            };
        for (int c = 0; c < COUNTIES.length; c++) {
          double cRate = 0.40 + 0.30 * progressShare;
          wasteRow(
              w,
              r,
              month,
              COUNTIES[c],
              null,
              "construction_waste",
              construction[c] * building * (0.9 + 0.2 * r.nextDouble()),
              cRate,
              0.0);
          if (straw[c] > 0 && harvest > 0) {
            wasteRow(
                w,
                r,
                month,
                COUNTIES[c],
                null,
                "crop_straw",
                straw[c] * harvest * (0.9 + 0.2 * r.nextDouble()),
                0.80 + 0.12 * progressShare,
                0.0);
          }
        }
        if (month.equals(dirtMonth)) {
          Enterprise mine = enterprises.get(2);
          w.row(
              List.of(
                  mine.county(),
                  mine.code(),
                  month.toString(),
                  "tailings",
                  "1000",
                  "300",
                  "400",
                  "100",
                  "600"));
          w.row(
              List.of(
                  mine.county(),
                  mine.code(),
                  month.getYear() + "/" + month.getMonthValue(),
                  "smelting_slag",
                  "10",
                  "5",
                  "0",
                  "1",
                  "4"));
        }
        rows += w.rows();
      }
      progress.update("solid waste", m + 1, months.size());
    }
    progress.finish("solid waste", rows + " rows");
    return rows;
  }

  private void wasteRow(
      CsvDropWriter w,
      SplittableRandom r,
      YearMonth month,
      String county,
      String code,
      String category,
      double generated,
      double rate,
      double priorShare) {
    double prior = generated * priorShare;
    double utilizedFresh = generated * rate;
    double utilized = utilizedFresh + prior;
    double disposed = (generated - utilizedFresh) * 0.25;
    double stored = generated - utilizedFresh - disposed;
    if (r.nextInt(200) == 0) {
      stored *= 1.2; // an unbalanced report: accepted, flagged later
    }
    w.row(
        Arrays.asList(
            county,
            code == null ? "" : code,
            month.toString(),
            category,
            fixed(generated),
            fixed(utilized),
            fixed(prior),
            fixed(disposed),
            fixed(stored)));
  }

  // ---------------------------------------------------------------- green factories

  private long writeGreenFactories() {
    SourceSchema schema = schemas.get("green_factories");
    SplittableRandom r = random("green_factories");
    List<Enterprise> candidates =
        enterprises.stream()
            .filter(e -> !sector(e.industry()).equals("construction"))
            .filter(e -> e.registered().isBefore(config.from()))
            .toList();
    // Certifications: [enterprise index, level, certified month offset from 2017-01]
    record Cert(Enterprise e, String level, String batch, LocalDate on, LocalDate revoked) {}
    List<Cert> certs = new ArrayList<>();
    String[] levels = {"provincial", "provincial", "provincial", "municipal", "national"};
    int total = Math.min(candidates.size(), 56);
    for (int i = 0; i < total; i++) {
      Enterprise e = candidates.get(i < 11 ? i : 11 + r.nextInt(candidates.size() - 11));
      String level = levels[r.nextInt(levels.length)];
      int year = 2017 + (int) Math.floor(i * 9.0 / total);
      int monthOfYear = level.equals("national") ? 11 : 6;
      LocalDate on = LocalDate.of(year, monthOfYear, 10 + r.nextInt(15));
      String batch =
          level.equals("national")
              ? "工业和信息化部第" + (year - 2016) + "批绿色制造名单"
              : level.equals("provincial") ? "辽宁省" + year + "年绿色工厂名单" : "本溪市" + year + "年绿色工厂";
      certs.add(new Cert(e, level, batch, on, null));
    }
    // Deduplicate (enterprise, level): a repeated draw keeps the first.
    List<Cert> unique = new ArrayList<>();
    for (Cert c : certs) {
      if (unique.stream().noneMatch(u -> u.e() == c.e() && u.level().equals(c.level()))) {
        unique.add(c);
      }
    }
    unique.sort(java.util.Comparator.comparing(Cert::on));
    long rows = 0;
    List<YearMonth> months = months();
    LocalDate firstDrop = config.from().atDay(20);
    int written = 0;
    for (int m = 0; m < months.size(); m++) {
      YearMonth month = months.get(m);
      LocalDate received = month.equals(config.from()) ? firstDrop : month.atDay(20);
      List<Cert> due = new ArrayList<>();
      while (written + due.size() < unique.size()
          && !unique.get(written + due.size()).on().isAfter(received)) {
        due.add(unique.get(written + due.size()));
      }
      boolean revocation = month.equals(at(0.6)) && unique.size() > 3;
      boolean dirt = month.equals(at(0.2));
      if (due.isEmpty() && !revocation && !dirt) {
        continue;
      }
      try (CsvDropWriter w =
          new CsvDropWriter(
              config.out(),
              schema,
              received,
              "green_factories_" + month + ".csv",
              Style.EXCEL_UTF8)) {
        for (Cert c : due) {
          w.row(Arrays.asList(c.e().code(), c.level(), c.batch(), c.on(), ""));
        }
        written += due.size();
        if (revocation) {
          // Revisions: two certifications revoked after a review, re-sent with revoked_on.
          for (int k = 1; k <= 2; k++) {
            Cert c = unique.get(k);
            w.row(Arrays.asList(c.e().code(), c.level(), c.batch(), c.on(), received.minusDays(5)));
          }
        }
        if (dirt) {
          Cert c = unique.get(0);
          w.row(Arrays.asList(c.e().code(), "municipal", "本溪市复核", c.on(), c.on().minusDays(30)));
        }
        rows += w.rows();
      }
    }
    progress.finish("green factories", rows + " rows");
    return rows;
  }

  // ---------------------------------------------------------------- power plants

  private long writePowerPlants() {
    SourceSchema schema = schemas.get("power_plants");
    Object[][] units = {
      {"BXRD-01", "国电本溪热电1号机组", "210504", "coal", "350", "2015-11-20", ""},
      {"BXRD-02", "国电本溪热电2号机组", "210504", "coal", "350", "2016-03-18", ""},
      {"BXFD-05", "本溪发电厂5号机组", "210503", "coal", "200", "1991-06-30", "2023-06-30"},
      {"BXFD-06", "本溪发电厂6号机组", "210503", "coal", "200", "1993-09-30", ""},
      {"BG-TRT-01", "本钢余热余压余气发电", "210502", "other_fossil", "300", "2008-12-01", ""},
      {"HR-HYD-01", "桓仁水电站", "210522", "hydro", "222.5", "1972-10-01", ""},
      {"HR-HYD-02", "回龙山水电站", "210522", "hydro", "72", "1979-08-01", ""},
      {"HR-HYD-03", "太平哨水电站", "210522", "hydro", "161", "1987-12-01", ""},
      {"BX-HYD-04", "本溪县小水电", "210521", "hydro", "20", "2003-05-01", ""},
      {"BX-WND-01", "本溪县草河口风电场", "210521", "wind", "48", "2016-10-01", ""},
      {"HR-WND-02", "桓仁风电场", "210522", "wind", "100", "2021-12-20", ""},
      {"NF-WND-03", "南芬风电场", "210505", "wind", "50", "2023-09-15", ""},
      {"MS-PV-01", "明山光伏电站", "210504", "solar", "20", "2019-06-30", ""},
      {"BX-PV-02", "本溪县农光互补光伏电站", "210521", "solar", "100", "2022-06-30", ""},
      {"XH-PV-03", "溪湖区分布式光伏", "210503", "solar", "15", "2024-03-31", ""},
      {"HR-PV-04", "桓仁光伏电站", "210522", "solar", "200", "2025-06-30", ""},
      {"BX-BIO-01", "本溪县鑫暾生物质热电联产", "210521", "biomass", "30", "2023-11-30", ""},
      {"PS-WTE-01", "千金岭垃圾焚烧发电", "210502", "waste_to_energy", "30", "2022-12-28", ""},
      {"HR-PSH-01", "桓仁大雅河抽水蓄能电站1号机组", "210522", "pumped_storage", "400", "2027-12-31", ""}
    };
    long rows = 0;
    List<YearMonth> months = months();
    for (int m = 0; m < months.size(); m++) {
      YearMonth month = months.get(m);
      LocalDate received = month.atDay(25);
      List<Object[]> due = new ArrayList<>();
      for (Object[] u : units) {
        LocalDate on = LocalDate.parse((String) u[5]);
        String retired = (String) u[6];
        boolean first = m == 0 && (on.isBefore(received) || on.getYear() > 2026);
        boolean commissionedNow = m > 0 && YearMonth.from(on).equals(month);
        if (first || commissionedNow) {
          due.add(new Object[] {u[0], u[1], u[2], u[3], u[4], u[5], ""});
        }
        if (!retired.isEmpty() && YearMonth.from(LocalDate.parse(retired)).equals(month)) {
          due.add(u); // revision: the same unit re-sent with its retirement date
        }
      }
      if (due.isEmpty()) {
        continue;
      }
      try (CsvDropWriter w =
          new CsvDropWriter(
              config.out(), schema, received, "power_plants_" + month + ".csv", Style.ENGLISH)) {
        for (Object[] u : due) {
          w.row(Arrays.asList(u));
        }
        rows += w.rows();
      }
    }
    progress.finish("power plants", rows + " rows");
    return rows;
  }

  // ---------------------------------------------------------------- forest

  private long writeForest() {
    SourceSchema schema = schemas.get("forest");
    SplittableRandom r = random("forest");
    double[] landHa = {36_000, 33_000, 43_000, 61_900, 312_800, 354_700};
    double[] coverage2019 = {0.552, 0.601, 0.618, 0.781, 0.779, 0.791};
    long rows = 0;
    // An inventory for year Y arrives in May of Y+1; Nanfen's latest one is a year late.
    for (int year = config.from().getYear() - 1; year < config.to().getYear(); year++) {
      LocalDate received = LocalDate.of(year + 1, 5, 18);
      if (YearMonth.from(received).isAfter(config.to())) {
        break;
      }
      try (CsvDropWriter w =
          new CsvDropWriter(
              config.out(), schema, received, "forest_" + year + ".csv", Style.EXCEL_GBK)) {
        for (int c = 0; c < COUNTIES.length; c++) {
          boolean late = COUNTIES[c].equals("210505") && year == config.to().getYear() - 1;
          if (late) {
            continue;
          }
          double cover = coverage2019[c] + 0.0012 * (year - 2019) + 0.0004 * r.nextDouble();
          w.row(List.of(COUNTIES[c], year, fixed(landHa[c]), fixed(landHa[c] * cover)));
        }
        rows += w.rows();
      }
    }
    progress.finish("forest", rows + " rows");
    return rows;
  }

  // ---------------------------------------------------------------- economy

  private long writeEconomy() {
    SourceSchema schema = schemas.get("economy");
    SplittableRandom r = random("economy");
    double[] quarterShare = {0.21, 0.25, 0.26, 0.28};
    long rows = 0;
    YearMonth revisedAfter = at(0.7);
    boolean revisedOnce = false;
    for (YearMonth q = firstQuarterEnd(); !q.isAfter(config.to()); q = q.plusMonths(3)) {
      int quarter = q.getMonthValue() / 3;
      double years = q.getYear() - 2020 + (quarter - 1) / 4.0;
      LocalDate received = q.plusMonths(1).atDay(25);
      if (YearMonth.from(received).isAfter(config.to())) {
        break;
      }
      try (CsvDropWriter w =
          new CsvDropWriter(
              config.out(),
              schema,
              received,
              "economy_" + q.getYear() + "Q" + quarter + ".csv",
              Style.EXCEL_GBK)) {
        for (int c = 0; c < COUNTIES.length; c++) {
          economyRow(w, r, q.getYear(), quarter, c, years, quarterShare[quarter - 1], 1.0);
        }
        rows += w.rows();
      }
      LocalDate revisionDay = received.plusDays(40);
      if (!revisedOnce
          && !q.isBefore(revisedAfter)
          && !YearMonth.from(revisionDay).isAfter(config.to())) {
        revisedOnce = true;
        // The statistics bureau revises the quarter's GDP in a later drop.
        try (CsvDropWriter w =
            new CsvDropWriter(
                config.out(),
                schema,
                revisionDay,
                "economy_" + q.getYear() + "Q" + quarter + "_revised.csv",
                Style.EXCEL_GBK)) {
          for (int c = 0; c < COUNTIES.length; c++) {
            economyRow(
                w,
                random("economy-revision-" + c),
                q.getYear(),
                quarter,
                c,
                years,
                quarterShare[quarter - 1],
                1.012);
          }
          rows += w.rows();
        }
      }
    }
    progress.finish("economy", rows + " rows");
    return rows;
  }

  private void economyRow(
      CsvDropWriter w,
      SplittableRandom r,
      int year,
      int quarter,
      int c,
      double years,
      double quarterShare,
      double revision) {
    double annual2020 = 8_100_000 * GDP_SHARE[c];
    double covid = year == 2020 && quarter == 1 ? 0.9 : 1.0;
    double real =
        annual2020
            * Math.pow(1.045, years)
            * quarterShare
            * covid
            * revision
            * (0.98 + 0.04 * r.nextDouble());
    double nominal = real * Math.pow(1.02, years);
    double sei = nominal * (0.058 + 0.0046 * years) * (0.95 + 0.1 * r.nextDouble());
    double heating = quarter == 1 || quarter == 4 ? 1.12 : 0.88;
    double intensity = 2.2 * Math.pow(0.975, years) * heating * (0.96 + 0.08 * r.nextDouble());
    double energy = real * intensity;
    double co2 = energy * 2.58 * Math.pow(0.995, years);
    double water = real * 49 * Math.pow(0.97, years) * (0.95 + 0.1 * r.nextDouble()) / 10_000;
    w.row(
        List.of(
            COUNTIES[c],
            year + "-Q" + quarter,
            fixed(nominal),
            fixed(real),
            fixed(sei),
            fixed(energy),
            fixed(co2),
            fixed(water)));
  }

  private YearMonth firstQuarterEnd() {
    YearMonth m = config.from();
    while (m.getMonthValue() % 3 != 0) {
      m = m.plusMonths(1);
    }
    return m;
  }

  // ---------------------------------------------------------------- production lines

  private long writeLines() {
    SourceSchema schema = schemas.get("production_lines");
    SplittableRandom r = random("production_lines");
    Enterprise bengang = enterprises.get(0);
    Enterprise beiying = enterprises.get(1);
    Enterprise coking = enterprises.get(4);
    // line id, enterprise, process, capacity (10kt/yr), unit consumption 2020 (kgce/t), yearly gain
    Object[][] lines = {
      {"BG-BF-5", bengang, "blast_furnace", 380, 410.0, 0.012},
      {"BG-BF-6", bengang, "blast_furnace", 380, 395.0, 0.018},
      {"BG-BF-7", bengang, "blast_furnace", 420, 356.0, 0.008},
      {"BG-BF-N1", bengang, "blast_furnace", 250, 440.0, 0.004},
      {"BG-CV-1", bengang, "converter", 300, -18.0, 0.05},
      {"BG-CV-2", bengang, "converter", 300, -33.0, 0.03},
      {"BG-CV-3", bengang, "converter", 300, -8.0, 0.03},
      {"BG-SN-1", bengang, "sintering", 500, 47.0, 0.015},
      {"BG-SN-2", bengang, "sintering", 500, 52.5, 0.01},
      {"BG-PL-1", bengang, "pelletizing", 200, 19.0, 0.02},
      {"JH-CO-1", coking, "coking_top_charged", 110, 107.0, 0.01},
      {"JH-CO-2", coking, "coking_top_charged", 110, 131.0, 0.01},
      {"BY-BF-1", beiying, "blast_furnace", 300, 430.0, 0.006},
      {"BY-CV-1", beiying, "converter", 250, -12.0, 0.04},
      {"BY-EAF-1", beiying, "eaf_50t_plus", 80, 66.0, 0.02},
      {"BY-CO-1", beiying, "coking_stamp_charged", 90, 126.0, 0.012},
      {"GY-CL-1", enterprises.get(6), "cement_clinker", 150, 104.0, 0.01},
      {"NF-CL-1", enterprises.get(7), "cement_clinker", 90, 112.0, 0.008},
      {"XH-CL-1", enterprises.get(8), "cement_clinker", 60, 121.0, 0.004}
    };
    List<YearMonth> months = months();
    long rows = 0;
    for (int m = 0; m < months.size(); m++) {
      YearMonth month = months.get(m);
      double years = monthsFrom2020(month) / 12.0;
      try (CsvDropWriter w =
          new CsvDropWriter(
              config.out(),
              schema,
              dropDay(month, 15),
              "production_lines_" + month + ".csv",
              Style.EXCEL_UTF8)) {
        for (Object[] l : lines) {
          Enterprise e = (Enterprise) l[1];
          int capacity = (Integer) l[3];
          double unit = (Double) l[4];
          double gain = (Double) l[5];
          double output = capacity * 10_000.0 / 12 * (0.8 + 0.12 * r.nextDouble());
          double consumption =
              unit >= 0
                  ? unit * Math.pow(1 - gain, years) * (0.98 + 0.04 * r.nextDouble())
                  : unit * Math.pow(1 + gain, years) * (0.95 + 0.1 * r.nextDouble());
          w.row(
              List.of(
                  e.code(),
                  l[0],
                  l[2],
                  capacity,
                  month.toString(),
                  fixed(output),
                  fixed(consumption * output / 1000)));
        }
        rows += w.rows();
      }
    }
    progress.finish("production lines", lines.length + " lines, " + rows + " rows");
    return rows;
  }

  // ---------------------------------------------------------------- programs

  /** The first year whose program registers give each item's start date (开始日期). */
  private static final int START_DATE_FROM_YEAR = 2024;

  /**
   * reference/county_targets.csv: an illustrative allocation of the plan's count targets to the
   * counties (industrial districts take more factories and projects, the two rural counties more
   * villages and tillage), so that county rows of count indicators have targets to be judged by.
   */
  private void writeCountyTargets() {
    String[] counties = {"210502", "210503", "210504", "210505", "210521", "210522"};
    String[][] shares = {
      {"green_factories", "10", "12", "10", "6", "7", "5"},
      {"one_village_one_product", "5", "8", "7", "10", "35", "35"},
      {"beautiful_villages", "8", "12", "10", "15", "52", "53"},
      {"key_technology_projects", "30", "20", "25", "5", "10", "10"},
      {"conservation_tillage", "0.2", "0.5", "0.3", "1", "4", "4"}
    };
    StringBuilder csv = new StringBuilder("indicator_id,plan,county_code,target,source\n");
    for (String[] row : shares) {
      for (int c = 0; c < counties.length; c++) {
        csv.append(row[0])
            .append(",benxi_2022_9,")
            .append(counties[c])
            .append(',')
            .append(row[c + 1])
            .append(",illustrative allocation for the demo (not an official split of the plan)\n");
      }
    }
    Path file = config.out().resolve("reference").resolve("county_targets.csv");
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, csv, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  private long writePrograms() {
    SourceSchema schema = schemas.get("programs");
    SplittableRandom r = random("programs");
    List<Item> items = new ArrayList<>();
    programItems(items, r, "one_village_one_product", "YCYP", 120, 2018, 2026.8, null);
    programItems(items, r, "beautiful_village", "MLC", 175, 2018, 2026.9, null);
    programItems(items, r, "key_technology", "GJ", 120, 2020, 2026.6, null);
    programItems(items, r, "conservation_tillage", "BHGZ", 70, 2019, 2026.5, 1800);
    programItems(items, r, "polluted_farmland", "WRGD", 40, 2014, 2025.5, 600);
    String[][] parks = {
      {"BXHTZ", "210503", "2021-10-30"}, {"WNSEDZ", "210522", "2022-09-30"},
      {"QBEDZ", "210504", "2023-11-30"}, {"TZHEDZ", "210502", "2024-12-20"},
      {"BSWIP", "210505", "2026-06-30"}
    };
    for (String[] p : parks) {
      LocalDate done = LocalDate.parse(p[2]);
      items.add(
          new Item(
              "park_circular_retrofit",
              p[0],
              p[1],
              LocalDate.of(2019, 6, 1),
              LocalDate.of(2020, 3, 1),
              done,
              null));
    }
    long rows = 0;
    for (YearMonth q = firstQuarterEnd(); !q.isAfter(config.to()); q = q.plusMonths(3)) {
      LocalDate received = q.plusMonths(1).atDay(12);
      if (YearMonth.from(received).isAfter(config.to())) {
        break;
      }
      LocalDate asOf = q.atEndOfMonth();
      try (CsvDropWriter w =
          new CsvDropWriter(
              config.out(),
              schema,
              received,
              "programs_" + q.getYear() + "Q" + (q.getMonthValue() / 3) + ".csv",
              Style.EXCEL_UTF8)) {
        for (Item i : items) {
          if (i.planned().isAfter(asOf)) {
            continue;
          }
          boolean done = i.completed() != null && !i.completed().isAfter(asOf);
          String status =
              done ? "completed" : !i.started().isAfter(asOf) ? "in_progress" : "planned";
          w.row(
              Arrays.asList(
                  i.program(),
                  i.id(),
                  i.county(),
                  status,
                  done ? i.completed().toString() : "",
                  i.area() == null ? "" : i.area(),
                  // The register form gained 开始日期 in 2024; earlier registers leave it empty.
                  q.getYear() >= START_DATE_FROM_YEAR && !status.equals("planned")
                      ? i.started().toString()
                      : ""));
        }
        rows += w.rows();
      }
    }
    progress.finish("programs", items.size() + " items, " + rows + " rows");
    return rows;
  }

  /** A program register item with its planned, started and completion dates. */
  private record Item(
      String program,
      String id,
      String county,
      LocalDate planned,
      LocalDate started,
      LocalDate completed,
      Integer area) {}

  private static void programItems(
      List<Item> sink,
      SplittableRandom r,
      String program,
      String prefix,
      int count,
      int firstYear,
      double lastYear,
      Integer meanArea) {
    double[] ruralWeight = {0.06, 0.06, 0.10, 0.10, 0.34, 0.34};
    LocalDate origin = LocalDate.of(firstYear, 1, 1);
    long spanDays = Math.round((lastYear - firstYear) * 365);
    for (int i = 0; i < count; i++) {
      String county = COUNTIES[pick(r, ruralWeight)];
      LocalDate planned = origin.plusDays(spanDays * i / count + r.nextInt(60));
      LocalDate started = planned.plusDays(30 + r.nextInt(150));
      LocalDate completed = started.plusDays(180 + r.nextInt(360));
      Integer area = meanArea == null ? null : (int) (meanArea * (0.5 + r.nextDouble()));
      sink.add(
          new Item(
              program,
              String.format("%s-%04d", prefix, i + 1),
              county,
              planned,
              started,
              completed,
              area));
    }
  }

  // ---------------------------------------------------------------- helpers

  /** About one reporter in forty has not sent the last month yet (never the 12 large ones). */
  private boolean lateInLastMonth(int reporter, YearMonth month) {
    return month.equals(config.to()) && reporter % 40 == 13;
  }

  private List<YearMonth> months() {
    List<YearMonth> months = new ArrayList<>();
    for (YearMonth m = config.from(); !m.isAfter(config.to()); m = m.plusMonths(1)) {
      months.add(m);
    }
    return months;
  }

  /** The month at {@code share} of the range (for placing dirt and revisions). */
  private YearMonth at(double share) {
    long span = config.from().until(config.to(), java.time.temporal.ChronoUnit.MONTHS);
    return config.from().plusMonths(Math.round(span * share));
  }

  private static LocalDate dropDay(YearMonth month, int day) {
    return month.plusMonths(1).atDay(day);
  }

  private static double yearsSince(YearMonth month) {
    return monthsFrom2020(month) / 12.0;
  }

  private static int monthsFrom2020(YearMonth month) {
    return (month.getYear() - 2020) * 12 + month.getMonthValue() - 1;
  }

  private YearMonth randomMonth(SplittableRandom r) {
    long span = config.from().until(config.to(), java.time.temporal.ChronoUnit.MONTHS);
    return config.from().plusMonths(span <= 0 ? 0 : r.nextLong(span + 1));
  }

  private SplittableRandom random(String stream) {
    return new SplittableRandom(config.seed() * 31 + stream.hashCode());
  }

  private static int pick(SplittableRandom r, double[] weights) {
    double x = r.nextDouble();
    double acc = 0;
    for (int i = 0; i < weights.length; i++) {
      acc += weights[i];
      if (x < acc) {
        return i;
      }
    }
    return weights.length - 1;
  }

  private static String sector(String industry) {
    return switch (industry.substring(0, 2)) {
      case "06", "08", "10" -> "mining";
      case "31" -> "steel";
      case "25" -> "coking";
      case "30" -> "building_materials";
      case "44" -> "power_heat";
      case "27" -> "pharma";
      case "26" -> "chemicals";
      case "47" -> "construction";
      default -> "other";
    };
  }

  private static String code(String county, int salt) {
    String first17 = "91" + county + String.format("%09d", 700_000_000 + salt);
    return first17 + CreditCode.checkCharacter(first17);
  }

  private static char flip(char check) {
    return check == '0' ? '1' : '0';
  }

  private static String fixed(double value) {
    return BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).toPlainString();
  }

  private String number(double value, Style style, SplittableRandom r) {
    if (style.chineseHeaders() && value >= 1000 && r.nextInt(10) == 0) {
      return grouped.format(BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP));
    }
    return fixed(value);
  }
}
