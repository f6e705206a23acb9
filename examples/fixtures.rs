//! Writes the import fixtures modelled on real exports (tests/fixtures/README.md):
//! a treasury payment system's CSV (GBK, Chinese headers, `2024/4/2`, 元 with thousands
//! separators, no voucher column, a 合计 row) and a clerk's workbook (a title row merged
//! across the table, a project id merged down its rows, dates as Excel serial numbers).
//!
//! Usage: cargo run --example fixtures -- OUT_DIR

use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook, XlsxError};
use std::path::Path;

const TREASURY: &str = "\
序号,项目编号,支付日期,金额（元）,摘要,收款人全称\r
1,A5-04,2024/4/2,\"1,250,000.00\",渝西水资源配置工程进度款,重庆某水利建设有限公司\r
2,A1-02,2024/4/15,\"86,400.50\",监测设备采购,某环境科技有限公司\r
3,A5-04,2024/5/6,\"2,000,000.00\",进度款,重庆某水利建设有限公司\r
4,A2-04,2024/6/28,\"35,000.07\",设计费,某市政设计研究院\r
合计,,,\"3,371,400.57\",,\r
";

/// One row of the clerk's sheet: project, date (y, m, d), 元, voucher, use.
type ClerkRow = (&'static str, (u16, u8, u8), f64, &'static str, &'static str);

const CLERK: [ClerkRow; 5] = [
    ("A5-04", (2024, 7, 1), 3_000_000.0, "记-0701", "进度款"),
    ("A5-04", (2024, 8, 15), 1_500_000.25, "记-0815", "进度款"),
    ("A5-04", (2024, 9, 30), 499_999.75, "记-0930", "进度款"),
    ("A1-02", (2024, 8, 1), 12_345.67, "记-0801", "设备尾款"),
    ("A1-02", (2024, 9, 2), 0.01, "记-0902", "设备尾款"),
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args()
        .nth(1)
        .ok_or("usage: cargo run --example fixtures -- OUT_DIR")?;
    let out = Path::new(&out);
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(TREASURY);
    if unmappable {
        return Err("the treasury text is not all GBK".into());
    }
    std::fs::write(out.join("treasury-2024Q2-gbk.csv"), &gbk)?;
    clerk_workbook(&out.join("clerk-2024Q3.xlsx"))?;
    Ok(())
}

fn clerk_workbook(path: &Path) -> Result<(), XlsxError> {
    let mut book = Workbook::new();
    book.set_properties(
        &rust_xlsxwriter::DocProperties::new()
            .set_creation_datetime(&ExcelDateTime::from_ymd(2024, 10, 8)?),
    );
    let sheet = book.add_worksheet();
    sheet.set_name("2024年三季度")?;
    let title = Format::new().set_bold().set_align(FormatAlign::Center);
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy\"年\"m\"月\"d\"日\"");
    let money = Format::new().set_num_format("#,##0.00");
    let merged = Format::new().set_align(FormatAlign::VerticalCenter);
    // Row 1: the title across the table; row 2: the unit, as office tables write it.
    sheet.merge_range(
        0,
        0,
        0,
        5,
        "永川区生态环境项目资金支付台账（2024年第三季度）",
        &title,
    )?;
    sheet.write_string(1, 5, "单位：元")?;
    for (col, header) in [
        "序号",
        "项目编号",
        "付款日期",
        "金额（元）",
        "凭证字号",
        "用途",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string_with_format(2, col as u16, *header, &bold)?;
    }
    for (i, (_, (y, m, d), yuan, voucher, note)) in CLERK.iter().enumerate() {
        let row = 3 + i as u32;
        sheet.write_number(row, 0, (i + 1) as f64)?;
        sheet.write_datetime_with_format(row, 2, ExcelDateTime::from_ymd(*y, *m, *d)?, &date)?;
        sheet.write_number_with_format(row, 3, *yuan, &money)?;
        sheet.write_string(row, 4, *voucher)?;
        sheet.write_string(row, 5, *note)?;
    }
    // Each project's id merged down its rows, and a use merged over two rows.
    sheet.merge_range(3, 1, 5, 1, "A5-04", &merged)?;
    sheet.merge_range(6, 1, 7, 1, "A1-02", &merged)?;
    sheet.merge_range(6, 5, 7, 5, "设备尾款", &merged)?;
    let total: f64 = CLERK.iter().map(|r| r.2).sum();
    sheet.write_string_with_format(8, 0, "合计", &bold)?;
    sheet.write_number_with_format(8, 3, total, &money)?;
    book.save(path)
}
