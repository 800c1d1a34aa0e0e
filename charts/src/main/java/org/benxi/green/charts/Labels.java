package org.benxi.green.charts;

import java.util.Map;

/** Every label of the report, as {Chinese, English}. */
final class Labels {
  private Labels() {}

  static final Map<String, String[]> ALL =
      Map.ofEntries(
          Map.entry(
              "title",
              new String[] {
                "本溪市绿色低碳循环发展指标月报",
                "Benxi green low-carbon circular economy: monthly indicator report"
              }),
          Map.entry(
              "plan",
              new String[] {
                "依据《本溪市加快建立健全绿色低碳循环发展经济体系实施方案》（本政办发〔2022〕9号）",
                "Plan: Benxi green, low-carbon, circular economy (本政办发〔2022〕9号)"
              }),
          Map.entry("as_of", new String[] {"数据截至", "Data as of"}),
          Map.entry("run", new String[] {"运行编号", "Run"}),
          Map.entry("inputs", new String[] {"输入文件", "Input files"}),
          Map.entry("rows", new String[] {"读取行数", "Rows read"}),
          Map.entry("rejected", new String[] {"拒收行数", "Rows rejected"}),
          Map.entry("indicators", new String[] {"指标一览", "Indicators"}),
          Map.entry("indicator", new String[] {"指标", "Indicator"}),
          Map.entry("value", new String[] {"本期值", "Value"}),
          Map.entry("target", new String[] {"目标", "Target"}),
          Map.entry("expected", new String[] {"进度要求", "Expected now"}),
          Map.entry("status", new String[] {"状态", "Status"}),
          Map.entry("yoy", new String[] {"同比变化", "YoY change"}),
          Map.entry("projection", new String[] {"目标期预测", "Projection at target"}),
          Map.entry("unit", new String[] {"单位", "Unit"}),
          Map.entry("achieved", new String[] {"已达标", "achieved"}),
          Map.entry("on_track", new String[] {"进度正常", "on track"}),
          Map.entry("at_risk", new String[] {"有风险", "at risk"}),
          Map.entry("off_track", new String[] {"滞后", "off track"}),
          Map.entry("missing", new String[] {"缺数据", "missing"}),
          Map.entry("missed", new String[] {"未达标", "missed"}),
          Map.entry("no_target", new String[] {"无分解目标", "no target"}),
          Map.entry("final_evaluation", new String[] {"终期评估", "Final evaluation"}),
          Map.entry("target_period", new String[] {"目标期", "target period"}),
          Map.entry("final_value", new String[] {"目标期值", "Value at"}),
          Map.entry("final_status", new String[] {"评估结论", "Final status"}),
          Map.entry("current_value", new String[] {"当前值", "Value at"}),
          Map.entry("final_mark", new String[] {"目标期值", "value at the target period"}),
          Map.entry("change_vs_baseline", new String[] {"较基期变化 ≤", "change from baseline ≤"}),
          Map.entry("front_page", new String[] {"← 全部发布", "← All publications"}),
          Map.entry("falls", new String[] {"逐年下降", "falls every year"}),
          Map.entry(
              "dashboard",
              new String[] {"全市指标完成度（占目标%）", "City indicators: value as % of the target"}),
          Map.entry("pct_of_target", new String[] {"占目标（%）", "% of target"}),
          Map.entry("expected_mark", new String[] {"进度要求", "expected now"}),
          Map.entry("trends", new String[] {"月度趋势", "Monthly trends"}),
          Map.entry("month", new String[] {"月份", "Month"}),
          Map.entry("trajectory", new String[] {"达标路径", "trajectory"}),
          Map.entry("projection_line", new String[] {"预测", "projection"}),
          Map.entry(
              "waste_county",
              new String[] {
                "大宗固废综合利用率（按区县，年初至今）", "Bulk solid-waste utilization by county, year to date"
              }),
          Map.entry(
              "waste_category",
              new String[] {
                "大宗固废综合利用率（按类别，年初至今）", "Bulk solid-waste utilization by category, year to date"
              }),
          Map.entry("utilization_pct", new String[] {"利用率（%）", "utilization (%)"}),
          Map.entry(
              "energy_sector", new String[] {"规上工业能耗（按行业）", "Industrial energy use by sector"}),
          Map.entry(
              "energy_type",
              new String[] {"规上工业能耗（按能源品种）", "Industrial energy use by energy type"}),
          Map.entry("co2", new String[] {"规上工业二氧化碳排放", "Industrial CO2 emissions"}),
          Map.entry("tce", new String[] {"能耗（吨标准煤）", "energy (tce)"}),
          Map.entry("co2_t", new String[] {"二氧化碳（吨）", "CO2 (t)"}),
          Map.entry("capacity_mix", new String[] {"电力装机结构", "Power capacity mix"}),
          Map.entry("mw", new String[] {"装机容量（兆瓦）", "capacity (MW)"}),
          Map.entry("counties", new String[] {"区县对比", "Counties compared"}),
          Map.entry("top20", new String[] {"本月能耗前20名企业", "Top 20 energy consumers this month"}),
          Map.entry(
              "efficiency",
              new String[] {"重点产能能效水平（生产线数）", "Production lines by energy-efficiency class"}),
          Map.entry("lines", new String[] {"生产线（条）", "production lines"}),
          Map.entry("benchmark", new String[] {"达到标杆水平", "at benchmark"}),
          Map.entry("between", new String[] {"标杆与基准之间", "between"}),
          Map.entry("below_baseline", new String[] {"低于基准水平", "below baseline"}),
          Map.entry("no_output", new String[] {"无产量", "no output"}),
          Map.entry("quality", new String[] {"数据质量", "Data quality"}),
          Map.entry("rejects_reason", new String[] {"拒收行（按原因）", "Rejected rows by reason"}),
          Map.entry(
              "missing_reporters", new String[] {"未按期报送企业（按数据源）", "Missing reporters by source"}),
          Map.entry("enterprises", new String[] {"企业（家）", "enterprises"}),
          Map.entry("source", new String[] {"来源", "Source"}),
          Map.entry("mart", new String[] {"数据集市", "mart"}),
          Map.entry("row_count", new String[] {"行数", "rows"}),
          Map.entry("city", new String[] {"全市", "City"}),
          Map.entry("scope", new String[] {"范围", "Scope"}),
          Map.entry("files", new String[] {"文件", "files"}),
          Map.entry("accepted", new String[] {"接收行数", "rows accepted"}),
          Map.entry("warnings", new String[] {"警示", "warnings"}),
          Map.entry("charts", new String[] {"图表", "Charts"}),
          Map.entry("manifest", new String[] {"运行清单摘要", "Run manifest summary"}),
          Map.entry(
              "font_note",
              new String[] {
                "",
                "No CJK font is installed, so this report is in English (install fonts-wqy-microhei for Chinese)."
              }));
}
