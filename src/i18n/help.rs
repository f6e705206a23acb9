//! The command line's help in both languages: every command's description and notes
//! (`about`, `after_help`) and every flag's and argument's help, English and Chinese side
//! by side. clap's derive builds the command tree (names, flags, parsing); [`localize`]
//! then writes this table's text into it in the user's language, before the command line
//! is parsed. Examples stay commands; the prose around them is translated. In Chinese the
//! headings, defaults, possible values and the built-in `--help`/`--version` flags are
//! Chinese too. A test checks that every command and argument has its entry here, and no
//! entry names one that does not exist.

use super::Lang;
use clap::{Arg, ArgAction, Command};

/// What a piece of help describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// The command's one-line description.
    About,
    /// The notes and examples under the command's help.
    After,
    /// The help of the argument with this id (clap's id: the field's name).
    Arg(&'static str),
}

/// One piece of help: the commands it belongs to (paths such as `projects list`; `""` is
/// `ecoledger` itself; `"*"` any command, for the shared flags), what it describes, and
/// its two languages.
#[derive(Clone, Copy, Debug)]
pub struct Help {
    pub commands: &'static [&'static str],
    pub part: Part,
    pub en: &'static str,
    pub zh: &'static str,
}

const fn about(command: &'static [&'static str], en: &'static str, zh: &'static str) -> Help {
    Help {
        commands: command,
        part: Part::About,
        en,
        zh,
    }
}

const fn after(command: &'static [&'static str], en: &'static str, zh: &'static str) -> Help {
    Help {
        commands: command,
        part: Part::After,
        en,
        zh,
    }
}

const fn arg(
    command: &'static [&'static str],
    id: &'static str,
    en: &'static str,
    zh: &'static str,
) -> Help {
    Help {
        commands: command,
        part: Part::Arg(id),
        en,
        zh,
    }
}

const ANY: &[&str] = &["*"];
const ROOT: &[&str] = &[""];
const VERBS: &[&str] = &["start", "complete", "suspend", "resume", "cancel", "reopen"];
const IMPORTS: &[&str] = &["projects import", "spending import"];

const VERBS_AFTER_EN: &str = "\
Examples:
  ecoledger start A5-04 --date 2023-03-01 --by 张伟
  ecoledger complete A1-16 --date 2022-12-20 --note \"竣工验收\"
  ecoledger suspend A5-10 --reason \"征地未完成\"
  ecoledger cancel A4-08 A4-06 --reason \"并入其他项目\"      (both or neither)

Lifecycle: planned -start-> in_progress -complete-> completed; in_progress -suspend-> suspended -resume->
in_progress; planned/in_progress/suspended -cancel-> cancelled; reopen: completed -> in_progress,
cancelled -> planned.";

const VERBS_AFTER_ZH: &str = "\
示例：
  ecoledger start A5-04 --date 2023-03-01 --by 张伟
  ecoledger complete A1-16 --date 2022-12-20 --note \"竣工验收\"
  ecoledger suspend A5-10 --reason \"征地未完成\"
  ecoledger cancel A4-08 A4-06 --reason \"并入其他项目\"      （两个项目同时终止，或都不终止）

项目状态流转：储备 -start-> 实施中 -complete-> 已完成；实施中 -suspend-> 暂停 -resume-> 实施中；
储备、实施中、暂停 -cancel-> 已终止；reopen（重新启用）：已完成 -> 实施中，已终止 -> 储备。";

/// Every piece of help.
pub const HELP: &[Help] = &[
    // ecoledger itself and its global flags.
    about(
        ROOT,
        "An exact, reproducible ledger for public investment project portfolios on an embedded SQLite file",
        "重点工程项目投资台账：精确、可复现，数据保存在一个嵌入式 SQLite 文件中",
    ),
    after(
        ROOT,
        "\
Examples:
  ecoledger totals --by category            totals per appendix table (creates and seeds the ledger on first use)
  ecoledger totals --by year --format csv   the estimate spread over the plan's years, as CSV
  ecoledger projects list --year 2024 --department 区水利局
  ecoledger projects show A5-04             every field, the year allocation and departments of one project
  ecoledger reconcile                       check the ledger against the plan's stated subtotals
  ecoledger start A5-04 --date 2023-03-01   mark a project started (in progress)
  ecoledger estimate A5-04 341200 --stage preliminary --reason 概算批复
  ecoledger history A5-04                   who changed what, when and why
  ecoledger totals --by year --as-of 2024-12-31   the ledger as it stood at a date
  ecoledger --lang zh info                  where the ledger is, in Chinese
  ecoledger serve                           the dashboard in a browser at http://127.0.0.1:8080/

Amounts are in 10k CNY (万元): 1 yuan is 0.0001; messages write them \"1,200 (10k CNY)\".
Database: --db PATH, else $ECOLEDGER_DB, else the user data directory
(Linux: ~/.local/share/ecoledger/ledger.sqlite).
Language: --lang, else the locale (LC_ALL, LC_MESSAGES, LANG starting with zh gives Chinese).
Today: --today, else $ECOLEDGER_TODAY, else the system clock.
Actor of a change: --by, else $ECOLEDGER_USER, else the OS user name.
Exit codes: 0 success, 1 reconcile found differences, 2 error (nothing was changed).",
        "\
示例：
  ecoledger totals --by category            按附表汇总（首次使用时自动新建并初始化账本）
  ecoledger totals --by year --format csv   投资估算按规划年度分摊，输出 CSV
  ecoledger projects list --year 2024 --department 区水利局
  ecoledger projects show A5-04             一个项目的全部字段、分年度安排和牵头部门
  ecoledger reconcile                       将账本与规划列明的合计核对
  ecoledger start A5-04 --date 2023-03-01   将项目标记为开工（实施中）
  ecoledger estimate A5-04 341200 --stage preliminary --reason 概算批复
  ecoledger history A5-04                   谁在何时因何修改了什么
  ecoledger totals --by year --as-of 2024-12-31   账本截至某日的状况
  ecoledger --lang zh info                  以中文显示账本位置
  ecoledger serve                           在浏览器中打开看板：http://127.0.0.1:8080/

金额单位均为万元（1 元 = 0.0001 万元）。
数据库：--db 路径，否则 $ECOLEDGER_DB，否则用户数据目录（Linux 下为 ~/.local/share/ecoledger/ledger.sqlite）。
语言：--lang，否则按区域设置（LC_ALL、LC_MESSAGES、LANG 以 zh 开头即为中文）。
今天：--today，否则 $ECOLEDGER_TODAY，否则系统时钟。
变更操作人：--by，否则 $ECOLEDGER_USER，否则操作系统用户名。
退出码：0 成功，1 对账发现不一致，2 出错（未作任何修改）。",
    ),
    arg(
        ROOT,
        "db",
        "The ledger file [default: $ECOLEDGER_DB, else the user data directory]",
        "账本文件［默认：$ECOLEDGER_DB，否则用户数据目录］",
    ),
    arg(
        ROOT,
        "format",
        "Output format (xlsx: an Excel workbook, binary: needs --out FILE or a redirected stdout)",
        "输出格式（xlsx：Excel 工作簿，二进制文件，需要 --out 文件 或重定向标准输出）",
    ),
    arg(
        ROOT,
        "lang",
        "Language of labels and messages [default: from the locale]",
        "标签和消息的语言［默认：按区域设置］",
    ),
    arg(
        ROOT,
        "bom",
        "Start CSV output with a UTF-8 byte-order mark (for Excel on Chinese Windows)",
        "CSV 输出以 UTF-8 字节顺序标记开头（供中文 Windows 上的 Excel 打开）",
    ),
    arg(
        ROOT,
        "wide",
        "Table view: every column in full, one line per row (else the table fits the terminal, or 80 columns when piped, or $COLUMNS)",
        "表格视图：完整显示所有列，每行一行（否则表格适应终端宽度；管道输出按 80 列，或按 $COLUMNS）",
    ),
    arg(
        ROOT,
        "columns",
        "Only these columns, in this order, in every format (machine names or labels, comma-separated)",
        "各种格式中只输出这些列，按此顺序（机器列名或标签，以逗号分隔）",
    ),
    arg(
        ROOT,
        "sort",
        "Rows in this column's order (name or label; `:desc` for descending); a report's rows move only within their group, subtotals and the total stay in place",
        "按该列排序（列名或标签；`:desc` 为降序）；报表的行只在各自分组内移动，小计和合计位置不变",
    ),
    arg(
        ROOT,
        "out",
        "Write the output to FILE instead of stdout (whole, then renamed into place)",
        "将输出写入文件而不是标准输出（完整写好后再改名就位）",
    ),
    arg(
        ROOT,
        "today",
        "Pin \"today\" (YYYY-MM-DD) for defaults and recorded-at times [default: $ECOLEDGER_TODAY, else the system clock]",
        "固定“今天”（YYYY-MM-DD），用于默认日期和登记时间［默认：$ECOLEDGER_TODAY，否则系统时钟］",
    ),
    // The flags many commands share.
    arg(
        ANY,
        "as_of",
        "By effective dates: the ledger as it stood at the end of this date, as known now (a payment counts when its own date is on or before it, whenever it was entered)",
        "按业务日期：账本截至该日结束时的状况（按现在所知；支出按其自身日期计入，不论何时登记）",
    ),
    arg(
        ANY,
        "known_at",
        "By recorded time: only what had been recorded by this moment (UTC; a date alone means the end of that day), so the output is what the ledger said then",
        "按登记时间：只计截至该时刻已登记的内容（UTC；只写日期即该日结束时），输出即账本当时的样子",
    ),
    arg(
        ANY,
        "original",
        "Show the plan's own figures (the seeded appendix projects as the plan states them)",
        "显示规划原始数字（按规划所列的附表项目）",
    ),
    arg(
        ANY,
        "actor",
        "Who makes the change [default: $ECOLEDGER_USER, else the OS user name]",
        "操作人［默认：$ECOLEDGER_USER，否则操作系统用户名］",
    ),
    arg(
        ANY,
        "date",
        "The date the change takes effect [default: today]; never in the future",
        "变更的生效日期［默认：今天］；不能是未来日期",
    ),
    arg(
        ANY,
        "note",
        "A remark kept with the change in the history",
        "随变更记入变更记录的备注",
    ),
    // init, info
    about(
        &["init"],
        "Create the ledger and seed it with the plan's 68 projects",
        "新建账本，并载入规划的 68 个项目",
    ),
    after(
        &["init"],
        "Examples:\n  ecoledger init\n  ecoledger --db /tmp/test.sqlite init --force",
        "示例：\n  ecoledger init\n  ecoledger --db /tmp/test.sqlite init --force",
    ),
    arg(
        &["init"],
        "force",
        "Replace an existing file with a freshly seeded ledger (its data is lost)",
        "用新初始化的账本替换已有文件（原有数据将丢失）",
    ),
    about(
        &["info"],
        "Show where the ledger is and what it holds",
        "显示账本的位置和内容概况",
    ),
    after(
        &["info"],
        "Examples:\n  ecoledger info\n  ecoledger info --format json",
        "示例：\n  ecoledger info\n  ecoledger info --format json",
    ),
    // projects
    about(
        &["projects"],
        "List, show, add, edit, import and export projects",
        "项目的列表、详情、新增、修改、导入和导出",
    ),
    about(
        &["projects list"],
        "List projects, optionally filtered",
        "列出项目，可按条件筛选",
    ),
    after(
        &["projects list"],
        "\
Examples:
  ecoledger projects list --category 5
  ecoledger projects list --category 生态人居建设 --year 2025
  ecoledger projects list --department 区水利局 --format csv --bom > water.csv
  ecoledger projects list --search 污水
  ecoledger projects list --overdue
  ecoledger projects list --status in_progress
  ecoledger projects list --as-of 2024-12-31 --format csv",
        "\
示例：
  ecoledger projects list --category 5
  ecoledger projects list --category 生态人居建设 --year 2025
  ecoledger projects list --department 区水利局 --format csv --bom > water.csv
  ecoledger projects list --search 污水
  ecoledger projects list --overdue
  ecoledger projects list --status 实施中
  ecoledger projects list --as-of 2024-12-31 --format csv",
    ),
    arg(
        &["projects list"],
        "category",
        "Appendix table number (1-6) or category name, Chinese or English",
        "附表编号（1-6）或类别名称（中文或英文）",
    ),
    arg(
        &["projects list"],
        "department",
        "Only projects this department leads or co-leads (exact name)",
        "只列该部门牵头或联合牵头的项目（名称须完全一致）",
    ),
    arg(
        &["projects list"],
        "year",
        "Only projects whose schedule covers this year",
        "只列实施周期包含该年度的项目",
    ),
    arg(
        &["projects list"],
        "search",
        "Only projects whose id, group, description or departments contain this text",
        "只列编号、项目名称、建设内容或牵头部门含有该文字的项目",
    ),
    arg(
        &["projects list"],
        "status",
        "Only projects with this status: planned, in_progress, suspended, completed, cancelled (the code, or its English or Chinese label)",
        "只列该状态的项目：planned（储备）、in_progress（实施中）、suspended（暂停）、completed（已完成）、cancelled（已终止），可写代码或中英文名称",
    ),
    arg(
        &["projects list"],
        "overdue",
        "Only overdue projects: schedule ended before the year of --as-of (or today) and neither completed nor cancelled",
        "只列逾期项目：实施周期在 --as-of（或今天）所在年度之前已结束，且既未完成也未终止",
    ),
    about(
        &["projects show"],
        "Show every field of one project, its year allocation and its departments",
        "显示一个项目的全部字段、分年度安排和牵头部门",
    ),
    after(
        &["projects show"],
        "Examples:\n  ecoledger projects show A5-04\n  ecoledger projects show a1-11 --format json",
        "示例：\n  ecoledger projects show A5-04\n  ecoledger projects show a1-11 --format json",
    ),
    arg(
        &["projects show"],
        "id",
        "Project id, e.g. A5-04 (case-insensitive)",
        "项目编号，如 A5-04（不区分大小写）",
    ),
    about(
        &["projects add"],
        "Add a project to the reserve",
        "向项目储备库新增项目",
    ),
    after(
        &["projects add"],
        "\
Examples:
  ecoledger projects add --category 5 --group 污水管网建设 --description \"陈食街道污水管网改造3公里\" \\
      --estimate 1800 --schedule 2025-2026 --department 区住房城乡建委
  ecoledger projects add --category 生态文化建设 --group 生态文明宣教 --description \"生态文明主题展\" \\
      --estimate 80.5 --schedule 2026 --department 区委宣传部 --department 区文化旅游委",
        "\
示例：
  ecoledger projects add --category 5 --group 污水管网建设 --description \"陈食街道污水管网改造3公里\" \\
      --estimate 1800 --schedule 2025-2026 --department 区住房城乡建委
  ecoledger projects add --category 生态文化建设 --group 生态文明宣教 --description \"生态文明主题展\" \\
      --estimate 80.5 --schedule 2026 --department 区委宣传部 --department 区文化旅游委",
    ),
    arg(
        &["projects add"],
        "category",
        "Appendix table number (1-6) or category name",
        "附表编号（1-6）或类别名称",
    ),
    arg(&["projects add"], "group", "Project group", "项目名称"),
    arg(
        &["projects add"],
        "description",
        "Description and scale",
        "主要建设内容及规模",
    ),
    arg(
        &["projects add"],
        "estimate",
        "Estimate in 10k CNY",
        "投资估算（万元）",
    ),
    arg(
        &["projects add"],
        "schedule",
        "Schedule: YYYY-YYYY or YYYY",
        "实施周期：YYYY-YYYY 或 YYYY",
    ),
    arg(
        &["projects add"],
        "departments",
        "Lead department; repeat for several (the first listed leads), or join them with the Chinese enumeration comma",
        "牵头部门；多个部门可重复此项（排在第一的为主牵头），或用顿号“、”连接",
    ),
    arg(
        &["projects add", "projects edit", "projects import"],
        "new_department",
        "Accept department names close to existing ones as genuinely new",
        "与已有部门名称相近的名称也作为新部门接受",
    ),
    arg(
        &["projects add", "estimate"],
        "stage",
        "The cost stage of the estimate: estimate, preliminary, budget, settlement or final (the code, or its English or Chinese label)",
        "投资估算所处的造价阶段：estimate（估算）、preliminary（概算）、budget（预算）、settlement（结算）、final（决算），可写代码或中英文名称",
    ),
    arg(&["projects add"], "reason", "Why it is added", "新增原因"),
    about(
        &["projects edit"],
        "Edit a project's descriptive fields",
        "修改项目的描述性字段",
    ),
    after(
        &["projects edit"],
        "\
Examples:
  ecoledger projects edit A2-06 --description \"优化调整自然保护地，开展自然保护地勘界定标工作。\"
  ecoledger projects edit N0001 --department 区住房城乡建委 --department 区水利局 --reason \"联合牵头\"",
        "\
示例：
  ecoledger projects edit A2-06 --description \"优化调整自然保护地，开展自然保护地勘界定标工作。\"
  ecoledger projects edit N0001 --department 区住房城乡建委 --department 区水利局 --reason \"联合牵头\"",
    ),
    arg(
        &["projects edit", "estimate", "reschedule", "plan", "spend"],
        "id",
        "Project id",
        "项目编号",
    ),
    arg(
        &["projects edit"],
        "category",
        "New category: table number or name",
        "新类别：附表编号或名称",
    ),
    arg(&["projects edit"], "group", "New project group", "新项目名称"),
    arg(
        &["projects edit"],
        "description",
        "New description and scale",
        "新的主要建设内容及规模",
    ),
    arg(
        &["projects edit"],
        "departments",
        "New lead departments (replace the list); repeat for several",
        "新的牵头部门（替换原有列表）；多个部门可重复此项",
    ),
    arg(&["projects edit"], "reason", "Why", "修改原因"),
    about(
        &["projects export"],
        "Write all projects as CSV (the columns `projects import` reads)",
        "将全部项目导出为 CSV（即 `projects import` 读取的各列）",
    ),
    after(
        &["projects export"],
        "\
Examples:
  ecoledger projects export --out projects.csv
  ecoledger --lang zh projects export --bom --out 项目库.csv     (Excel on Chinese Windows)",
        "\
示例：
  ecoledger projects export --out projects.csv
  ecoledger --lang zh projects export --bom --out 项目库.csv     （供中文 Windows 上的 Excel 打开）",
    ),
    about(
        &["projects import"],
        "Add and update projects from a CSV file or an Excel workbook (all rows or none)",
        "从 CSV 文件或 Excel 工作簿新增和更新项目（全部导入或全不导入）",
    ),
    after(
        &["projects import"],
        "\
Examples:
  ecoledger projects export --out projects.csv    (edit it in Excel, then)
  ecoledger projects import projects.csv --reason \"2025年储备库调整\" --dry-run
  ecoledger projects import 储备项目.xlsx --sheet 附表7 --ignore-column 备注

Headers in Chinese or English, any order (the user guide lists them all): id, table or
category, group, description, the estimate (in 10k CNY, or in yuan), the schedule (2022-2025,
or start_year and end_year), departments, status (blank keeps it). A blank group continues
the group above, as a merged cell does.

A blank or unknown id adds a project (blank: the next N id); a known id updates what differs:
descriptive fields, the estimate (same cost stage), the schedule, the status (one lifecycle step).
A project with an explicit annual plan cannot change estimate or schedule here: use
`ecoledger estimate … --plan` or `reschedule … --plan`.",
        "\
示例：
  ecoledger projects export --out projects.csv    （在 Excel 中编辑后再导入）
  ecoledger projects import projects.csv --reason \"2025年储备库调整\" --dry-run
  ecoledger projects import 储备项目.xlsx --sheet 附表7 --ignore-column 备注

表头可用中文或英文，顺序不限（用户指南列出全部表头）：项目编号（id）、附表（table）或类别
（category）、项目名称（group）、主要建设内容及规模（description）、投资估算（万元，或以元为单位）、
实施周期（如 2022-2025，或 start_year 和 end_year）、牵头部门（departments）、状态（status；
留空则不变）。项目名称留空即沿用上一行，与合并单元格相同。

编号留空或为未知编号时新增项目（留空：自动编为下一个 N 编号）；已有编号则更新不同之处：描述性字段、
投资估算（同一造价阶段）、实施周期、状态（一次推进一步）。已有分年度计划的项目不能在此调整投资估算
或实施周期：请用 `ecoledger estimate … --plan` 或 `reschedule … --plan`。",
    ),
    arg(
        IMPORTS,
        "file",
        "The CSV file or Excel workbook (.xlsx)",
        "CSV 文件或 Excel 工作簿（.xlsx）",
    ),
    arg(
        IMPORTS,
        "encoding",
        "The CSV file's encoding (auto: UTF-8 if the file is valid UTF-8, else GB18030, a superset of GBK and GB2312)",
        "CSV 文件的编码（auto：文件为有效 UTF-8 时按 UTF-8，否则按 GB18030，即 GBK 和 GB2312 的超集）",
    ),
    arg(
        IMPORTS,
        "sheet",
        "The workbook's sheet [default: the first]",
        "工作簿中的工作表［默认：第一个］",
    ),
    arg(
        IMPORTS,
        "header_row",
        "The workbook row that holds the headers, as Excel numbers it [default: found]",
        "表头所在的工作簿行号（按 Excel 行号）［默认：自动查找］",
    ),
    arg(
        &["projects import"],
        "map",
        "Read the column HEADER as FIELD (repeatable)",
        "把表头为 HEADER 的列当作字段 FIELD 读取（可重复）",
    ),
    arg(
        &["spending import"],
        "map",
        "Read the column HEADER as FIELD (repeatable), e.g. --map 'Paid (yuan)=amount_yuan'",
        "把表头为 HEADER 的列当作字段 FIELD 读取（可重复），如 --map '付款额（元）=amount_yuan'",
    ),
    arg(
        IMPORTS,
        "ignore",
        "Leave the column NAME out (repeatable)",
        "忽略名为 NAME 的列（可重复）",
    ),
    arg(
        &["projects import"],
        "unit",
        "The unit of an estimate column whose header does not say it (yuan: exact to the yuan; wan: 10k CNY)",
        "表头未注明单位的投资估算列的单位（yuan：元；wan：万元）",
    ),
    arg(
        &["spending import"],
        "unit",
        "The unit of an amount column whose header does not say it (yuan: up to two decimals, the fen; wan: 10k CNY)",
        "表头未注明单位的金额列的单位（yuan：元，最多两位小数即到分；wan：万元）",
    ),
    arg(
        &["projects import"],
        "mapping",
        "Use the header mapping saved under NAME",
        "使用以 NAME 保存的表头映射",
    ),
    arg(
        &["spending import"],
        "mapping",
        "Use the header mapping saved under NAME (flags given as well add to it)",
        "使用以 NAME 保存的表头映射（同时给出的选项在其基础上追加）",
    ),
    arg(
        &["projects import"],
        "save_mapping",
        "Save this import's header mapping under NAME, with the import",
        "随本次导入，将表头映射以 NAME 保存",
    ),
    arg(
        &["spending import"],
        "save_mapping",
        "Save this import's header mapping (--map, --ignore-column, --unit) under NAME, with the import",
        "随本次导入，将表头映射（--map、--ignore-column、--unit）以 NAME 保存",
    ),
    arg(
        &["projects import"],
        "dry_run",
        "Check everything and say what would change; write nothing",
        "预检：检查全部内容并说明将有哪些变化；不写入任何内容",
    ),
    arg(
        &["spending import"],
        "dry_run",
        "Check everything and show what would be imported; write nothing. The exit code says whether the import would succeed",
        "预检：检查全部内容并显示将导入的内容；不写入任何内容。退出码表明导入能否成功",
    ),
    arg(
        &["projects import"],
        "reason",
        "Why (kept in the history of every change) [default: imported from FILE]",
        "原因（记入每项变更的变更记录）［默认：从 文件 导入］",
    ),
    // totals, reconcile
    about(
        &["totals"],
        "Totals of the estimates, grouped by one key",
        "投资估算汇总，按一个维度分组",
    ),
    after(
        &["totals"],
        "\
Examples:
  ecoledger totals --by category
  ecoledger totals --by year --format csv
  ecoledger totals --by department      (estimate_share_wan adds up; estimate_wan does not)
  ecoledger totals --by status --as-of 2024-06-30
  ecoledger totals --original           (the plan's own figures)
  ecoledger totals --by category --by year   (a matrix with row and column totals)
  ecoledger totals --by indicator       (the money behind each indicator; see indicators link)

Two --by give a matrix: the first key down, the second across, with a total per row, per
column and overall, exact to the yuan. By year each estimate is spread over its schedule (or its
explicit plan); by department it is shared among its lead departments, so every cell adds up.",
        "\
示例：
  ecoledger totals --by category
  ecoledger totals --by year --format csv
  ecoledger totals --by department      （分摊投资估算列可相加；投资估算列不可相加）
  ecoledger totals --by status --as-of 2024-06-30
  ecoledger totals --original           （规划原始数字）
  ecoledger totals --by category --by year   （分年度分类汇总表：含行、列合计的矩阵）
  ecoledger totals --by indicator       （各指标背后的资金；见 indicators link）

给出两个 --by 即得矩阵：第一个维度为行，第二个为列，含各行、各列及总计，精确到元。按年度时
每个项目的投资估算按实施周期（或分年度计划）分摊；按部门时在各牵头部门间分摊，各单元格之和
等于合计。",
    ),
    arg(
        &["totals"],
        "by",
        "What to total by (give two for a matrix). `year` spreads each estimate evenly over its schedule years; `indicator` shares it among the indicators the project is linked to",
        "汇总维度（给两个即得矩阵）。`year` 将每个项目的投资估算按实施周期各年平均分摊；`indicator` 在项目关联的各指标间分摊",
    ),
    about(
        &["reconcile"],
        "Recompute subtotals, the grand total and allocations, and compare",
        "重新计算各附表合计、总计和分年度安排，并与规划核对",
    ),
    after(
        &["reconcile"],
        "Examples:\n  ecoledger reconcile\n  ecoledger reconcile --format csv > reconcile.csv\n\nExit code 1 when any check differs.",
        "示例：\n  ecoledger reconcile\n  ecoledger reconcile --format csv > reconcile.csv\n\n任何一项核对不一致时退出码为 1。",
    ),
    // The lifecycle verbs.
    about(
        &["start"],
        "Start projects: planned → in progress",
        "开工：储备 → 实施中",
    ),
    about(
        &["complete"],
        "Complete projects: in progress → completed",
        "完成：实施中 → 已完成",
    ),
    about(
        &["suspend"],
        "Suspend projects: in progress → suspended; needs --reason",
        "暂停：实施中 → 暂停；须给出 --reason",
    ),
    about(
        &["resume"],
        "Resume suspended projects: suspended → in progress",
        "恢复：暂停 → 实施中",
    ),
    about(
        &["cancel"],
        "Cancel projects: planned, in progress or suspended → cancelled; needs --reason",
        "终止：储备、实施中或暂停 → 已终止；须给出 --reason",
    ),
    about(
        &["reopen"],
        "Reopen projects: completed → in progress, cancelled → planned; needs --reason",
        "重新启用：已完成 → 实施中，已终止 → 储备；须给出 --reason",
    ),
    after(VERBS, VERBS_AFTER_EN, VERBS_AFTER_ZH),
    arg(VERBS, "ids", "Project ids, e.g. A5-04", "项目编号，如 A5-04"),
    arg(
        VERBS,
        "reason",
        "Why (required for suspend, cancel and reopen)",
        "原因（暂停、终止和重新启用时必填）",
    ),
    // estimate, reschedule, plan
    about(
        &["estimate"],
        "Record a revised estimate",
        "登记调整后的投资估算",
    ),
    after(
        &["estimate"],
        "\
Examples:
  ecoledger estimate A5-04 341200 --stage preliminary --reason \"初步设计概算批复\" --date 2023-06-30
  ecoledger estimate A1-11 3900 --stage budget --reason \"预算评审\" --plan 2022=1900 2023=2000

A project with an explicit annual plan needs --plan (new amounts, or `even`) with the revision.",
        "\
示例：
  ecoledger estimate A5-04 341200 --stage 概算 --reason \"初步设计概算批复\" --date 2023-06-30
  ecoledger estimate A1-11 3900 --stage budget --reason \"预算评审\" --plan 2022=1900 2023=2000

已有分年度计划的项目调整投资估算时须同时给出 --plan（新的各年金额，或 `even` 平均分摊）。",
    ),
    arg(
        &["estimate"],
        "amount",
        "The new estimate in 10k CNY (exact, at most 4 decimals)",
        "新的投资估算（万元，精确值，最多 4 位小数）",
    ),
    arg(
        &["estimate"],
        "reason",
        "Why the estimate changes (required)",
        "投资估算调整的原因（必填）",
    ),
    arg(
        &["estimate"],
        "plan",
        "A new annual plan to go with the new estimate: YEAR=AMOUNT … or `even`",
        "与新投资估算配套的新分年度计划：年份=金额 …，或 `even`（平均分摊）",
    ),
    about(
        &["reschedule"],
        "Change a project's schedule",
        "调整项目实施周期",
    ),
    after(
        &["reschedule"],
        "\
Examples:
  ecoledger reschedule A5-05 2022-2026 --reason \"管网改造延期\"
  ecoledger reschedule A1-11 2022-2024 --reason \"工期延长\" --plan 2022=1000 2023=1847 2024=1000

A schedule that would leave recorded payments outside it (before its first year, or after the
year that follows its last) is refused, naming them, unless --allow-payments-outside, which the
history records.",
        "\
示例：
  ecoledger reschedule A5-05 2022-2026 --reason \"管网改造延期\"
  ecoledger reschedule A1-11 2022-2024 --reason \"工期延长\" --plan 2022=1000 2023=1847 2024=1000

若新的实施周期会使已登记的支出落在周期之外（早于第一年，或晚于最后一年的次年），则拒绝并列出这些
支出；加 --allow-payments-outside 则接受，并记入变更记录。",
    ),
    arg(
        &["reschedule"],
        "allow_payments_outside",
        "Accept a schedule that leaves recorded payments outside it (recorded in the history)",
        "接受使已登记支出落在周期之外的实施周期（记入变更记录）",
    ),
    arg(
        &["reschedule"],
        "schedule",
        "The new schedule: YYYY-YYYY or one year YYYY",
        "新的实施周期：YYYY-YYYY，或单一年份 YYYY",
    ),
    arg(
        &["reschedule"],
        "reason",
        "Why the schedule changes (required)",
        "实施周期调整的原因（必填）",
    ),
    arg(
        &["reschedule"],
        "plan",
        "A new annual plan for the new schedule: YEAR=AMOUNT … or `even`",
        "与新实施周期配套的新分年度计划：年份=金额 …，或 `even`（平均分摊）",
    ),
    about(
        &["plan"],
        "Set a project's annual investment plan",
        "设定项目的分年度投资计划",
    ),
    after(
        &["plan"],
        "\
Examples:
  ecoledger plan A5-04 2022=50000 2023=120000 2024=100000 2025=64000
  ecoledger plan A5-04 even        (back to the even spread)

Years of the schedule not named get 0; the amounts must add up exactly to the current estimate.",
        "\
示例：
  ecoledger plan A5-04 2022=50000 2023=120000 2024=100000 2025=64000
  ecoledger plan A5-04 even        （恢复按实施周期平均分摊）

实施周期内未列出的年份计 0；各年金额之和必须恰好等于现行投资估算。",
    ),
    arg(
        &["plan"],
        "items",
        "YEAR=AMOUNT in 10k CNY, one per year, or `even`",
        "年份=金额（万元），每年一项，或 `even`（平均分摊）",
    ),
    arg(&["plan"], "reason", "Why (optional)", "原因（可选）"),
    // history
    about(
        &["history"],
        "Every recorded change: when, effective when, who, what, old → new, why",
        "全部变更记录：登记时间、生效日期、操作人、内容、原值 → 修改值、原因",
    ),
    after(
        &["history"],
        "\
Examples:
  ecoledger history A5-04
  ecoledger history --action estimate
  ecoledger history --since 2026-01-01 --by 张伟 --format csv --bom > changes.csv",
        "\
示例：
  ecoledger history A5-04
  ecoledger history --action 调整投资估算
  ecoledger history --since 2026-01-01 --by 张伟 --format csv --bom > changes.csv",
    ),
    arg(&["history"], "id", "Only this project", "只看该项目"),
    arg(
        &["history"],
        "since",
        "Only changes recorded on or after this date",
        "只看该日及以后登记的变更",
    ),
    arg(
        &["history"],
        "actor",
        "Only changes made by this actor",
        "只看该操作人所做的变更",
    ),
    arg(
        &["history"],
        "action",
        "Only changes of this action: seed, add, import, start, complete, suspend, resume, cancel, reopen, estimate, reschedule, plan, edit (the code, or its English or Chinese label)",
        "只看该类操作：seed（规划初始化）、add（新增）、import（导入）、start（开工）、complete（完成）、suspend（暂停）、resume（恢复）、cancel（终止）、reopen（重新启用）、estimate（调整投资估算）、reschedule（调整实施周期）、plan（设定分年度计划）、edit（修改），可写代码或中英文名称",
    ),
    // spend, spending
    about(
        &["spend"],
        "Record a payment to a project, or reverse an earlier entry",
        "登记一笔项目支出，或冲销此前的记录",
    ),
    after(
        &["spend"],
        "\
Examples:
  ecoledger spend A5-04 1200.5 --date 2024-05-10 --voucher 记-2024-0518 --note 第一期进度款
  ecoledger spend --reverse 17 --reason \"金额录入错误\"
  ecoledger spend A1-16 210 --date 2026-03-01 --note 质保金      (after completion: recorded as such)

A payment that takes the project's spending above its current estimate warns, or is refused
when the ledger setting `ecoledger config overspend stop` (or --overspend stop) is in force.",
        "\
示例：
  ecoledger spend A5-04 1200.5 --date 2024-05-10 --voucher 记-2024-0518 --note 第一期进度款
  ecoledger spend --reverse 17 --reason \"金额录入错误\"
  ecoledger spend A1-16 210 --date 2026-03-01 --note 质保金      （竣工后支付：按尾款登记）

使项目支出超过现行投资估算的支出会给出警告；账本设置为 `ecoledger config overspend stop`
（或本次使用 --overspend stop）时则拒绝。",
    ),
    arg(
        &["spend"],
        "amount",
        "Amount in 10k CNY, positive, exact to the fen (at most 6 decimals)",
        "金额（万元），为正数，精确到分（最多 6 位小数）",
    ),
    arg(&["spend"], "voucher", "Voucher number", "凭证号"),
    arg(
        &["spend"],
        "reverse",
        "Reverse entry ENTRY (it stays visible, with its reversal)",
        "冲销支出记录 ENTRY（原记录保留，并显示其冲销）",
    ),
    arg(
        &["spend"],
        "reason",
        "Why the entry is reversed (required with --reverse)",
        "冲销原因（使用 --reverse 时必填）",
    ),
    arg(
        &["spend"],
        "overspend",
        "Override the ledger's overspend setting for this command (warn: record it and warn; stop: refuse it)",
        "本次覆盖账本的超支设置（warn：登记并警告；stop：拒绝）",
    ),
    about(
        &["spending"],
        "List and import spending entries",
        "支出记录的列表和导入",
    ),
    about(
        &["spending list"],
        "List spending entries (payments and reversals)",
        "列出支出记录（支出和冲销）",
    ),
    after(
        &["spending list"],
        "\
Examples:
  ecoledger spending list --project A5-04
  ecoledger spending list --period 2024Q2 --format csv --bom --out 2024Q2-spending.csv
  ecoledger spending list --period 2024 --department 区水利局",
        "\
示例：
  ecoledger spending list --project A5-04
  ecoledger spending list --period 2024Q2 --format csv --bom --out 2024Q2-spending.csv
  ecoledger spending list --period 2024 --department 区水利局",
    ),
    arg(&["spending list"], "project", "Only this project", "只看该项目"),
    arg(
        &["spending list"],
        "period",
        "Only this year (2024) or quarter (2024Q2)",
        "只看该年度（2024）或季度（2024Q2）",
    ),
    arg(
        &["spending list"],
        "department",
        "Only projects this department currently leads or co-leads",
        "只看该部门现牵头或联合牵头的项目",
    ),
    about(
        &["spending import"],
        "Import payments from a CSV file or an Excel workbook (all rows or none)",
        "从 CSV 文件或 Excel 工作簿导入支出（全部导入或全不导入）",
    ),
    after(
        &["spending import"],
        "\
Examples:
  ecoledger spending import 2024Q2-payments.csv
  ecoledger spending import 拨付明细.csv --encoding gbk --dry-run
  ecoledger spending import 国库支付.csv --unit yuan --ignore-column 收款人 --save-mapping treasury
  ecoledger spending import 国库支付-2024-05.csv --mapping treasury
  ecoledger spending import 支出台账.xlsx --sheet 2024 --header-row 3

Columns are found by their headers, in Chinese or English, in any order: project_id, date,
one amount column (amount_wan in 10k CNY, amount_yuan in yuan, or an amount without a unit
with --unit yuan|wan), and optionally voucher and note. The user guide lists every recognised
header. Dates like 2024-04-02, 2024/4/2, 20240402, or written the Chinese way; amounts like
1,000.00, a currency sign or full-width digits; yuan to the fen at most.

CSV is UTF-8 with or without BOM, or GB18030/GBK. Any bad row means nothing is imported;
every bad row is listed as FILE:LINE (or Sheet!C17): column: problem. The same file is
not imported twice unless --allow-duplicate.",
        "\
示例：
  ecoledger spending import 2024Q2-payments.csv
  ecoledger spending import 拨付明细.csv --encoding gbk --dry-run
  ecoledger spending import 国库支付.csv --unit yuan --ignore-column 收款人 --save-mapping treasury
  ecoledger spending import 国库支付-2024-05.csv --mapping treasury
  ecoledger spending import 支出台账.xlsx --sheet 2024 --header-row 3

按表头识别各列（中文或英文），顺序不限：项目编号（project_id）、支付日期（date）、一个金额列
（金额（万元） / amount_wan，金额（元） / amount_yuan，或未注明单位的“金额”加 --unit yuan|wan），
以及可选的凭证号（voucher）和摘要（note）。用户指南列出全部可识别的表头。日期可写 2024-04-02、
2024/4/2、2024年4月2日、20240402；金额可写 1,000.00、¥1000 或全角数字；以元为单位时最多精确到分。

CSV 可为带或不带 BOM 的 UTF-8，或 GB18030/GBK。只要有一行有误，就不导入任何内容；每个错误行按
文件:行号（或 工作表!C17）：列：问题 列出。同一文件不会重复导入，除非加 --allow-duplicate。",
    ),
    arg(
        &["spending import"],
        "allow_duplicate",
        "Import a file whose exact content was imported before",
        "导入内容与此前已导入文件完全相同的文件",
    ),
    arg(
        &["spending import"],
        "overspend",
        "Override the ledger's overspend setting for this import (warn: record it and warn; stop: refuse it)",
        "本次导入覆盖账本的超支设置（warn：登记并警告；stop：拒绝）",
    ),
    arg(
        &["spending import"],
        "actor",
        "Who imports [default: $ECOLEDGER_USER, else the OS user name]",
        "导入人［默认：$ECOLEDGER_USER，否则操作系统用户名］",
    ),
    arg(
        ANY,
        "password_stdin",
        "Read the writer's password from the first line of standard input (a ledger with users; else $ECOLEDGER_PASSWORD, else asked on the terminal)",
        "从标准输入第一行读取操作人的密码（已设用户的账本；否则用 $ECOLEDGER_PASSWORD，否则在终端询问）",
    ),
    // approval
    about(
        &["approve"],
        "Approve a pending payment: it becomes spending, dated its own date. Only a finance user other than the one who recorded it may approve",
        "复核通过一笔待复核支出：计入支出，日期为其本身日期。须由登记人以外的财务人员操作",
    ),
    after(
        &["approve"],
        "Examples:\n  ecoledger config approval-threshold 500    (payments of 500 or more need approval)\n  ecoledger spend A5-04 800                   (recorded as pending P1)\n  ecoledger approve P1 --by 王芳",
        "示例：\n  ecoledger config approval-threshold 500    （500 万元及以上的支出须复核）\n  ecoledger spend A5-04 800                   （登记为待复核 P1）\n  ecoledger approve P1 --by 王芳",
    ),
    arg(
        &["approve", "reject"],
        "entry",
        "The pending payment: P1 (or 1), as `spending list` shows it",
        "待复核支出编号：P1（或 1），见 `spending list`",
    ),
    about(
        &["reject"],
        "Reject a pending payment: it never becomes spending",
        "退回一笔待复核支出：不计入支出",
    ),
    arg(&["reject"], "reason", "Why (required)", "原因（必填）"),
    // users
    about(
        &["users"],
        "User accounts and roles: who may do what (a ledger with users requires a signed-in user for every change)",
        "用户与角色：谁可以做什么（账本设用户后，每项修改都需要登录的用户）",
    ),
    about(&["users add"], "Add a user with one or more roles", "添加用户并指定一个或多个角色"),
    after(
        &["users add"],
        "\
Examples:
  ecoledger users add 李明 --role admin                 (the first user must be an admin)
  ecoledger users add 张伟 --role planner --os-user zhangwei
  echo 'a long password' | ecoledger users add 王芳 --role finance --password-stdin

Roles: viewer reads; planner changes projects and indicators; finance records payments,
reversals, imports of payments, approvals and period closes; auditor reads everything and runs
check; admin manages users and settings only. Refused on one person: planner with finance,
finance with auditor, admin with anything but viewer.",
        "\
示例：
  ecoledger users add 李明 --role admin                 （第一个用户必须是管理员）
  ecoledger users add 张伟 --role planner --os-user zhangwei
  echo '足够长的密码' | ecoledger users add 王芳 --role finance --password-stdin

角色：查看（viewer）只读；规划（planner）修改项目和指标；财务（finance）登记支出、冲销、导入支出、
复核和结账；审计（auditor）查看全部并运行 check；管理员（admin）只管理用户和设置。同一人不得兼任：
规划与财务、财务与审计、管理员与查看以外的任何角色。",
    ),
    arg(&["users add", "users passwd", "users roles", "users disable"], "name", "The user's name", "用户姓名"),
    arg(
        &["users add"],
        "roles",
        "A role: viewer, planner, finance, auditor or admin (repeat for several)",
        "角色：viewer、planner、finance、auditor 或 admin（可重复给出多个）",
    ),
    arg(
        &["users add"],
        "os_user",
        "The operating-system login that proves this user on the command line without a password",
        "绑定的操作系统账号：在命令行以该账号运行时无需密码即可证明身份",
    ),
    arg(
        &["users add", "users passwd"],
        "password_stdin",
        "Read the new password from the first line of standard input (else asked twice on the terminal)",
        "从标准输入第一行读取新密码（否则在终端询问两次）",
    ),
    arg(
        &["users add", "users passwd"],
        "actor",
        "Who makes the change (an admin, once the ledger has users) [default: $ECOLEDGER_USER, else the OS login's user]",
        "操作人（账本设用户后须为管理员）［默认：$ECOLEDGER_USER，否则绑定当前系统账号的用户］",
    ),
    about(&["users list"], "List the users, their roles and status", "列出用户、角色和状态"),
    about(
        &["users disable"],
        "Disable a user (never deleted: the history names them)",
        "停用用户（从不删除：变更记录中有其姓名）",
    ),
    about(&["users passwd"], "Set a user's new password", "设置用户的新密码"),
    about(&["users roles"], "Replace a user's roles", "替换用户的角色"),
    arg(
        &["users roles"],
        "roles",
        "The new roles (viewer, planner, finance, auditor, admin)",
        "新角色（viewer、planner、finance、auditor、admin）",
    ),
    // config, period
    about(
        &["config"],
        "Show or change ledger settings",
        "查看或修改账本设置",
    ),
    after(
        &["config"],
        "\
Examples:
  ecoledger config                        (show the settings)
  ecoledger config overspend stop         (refuse payments above a project's current estimate)
  ecoledger config overspend warn         (record them with a warning; the default)
  ecoledger config payment-dates stop     (refuse payments dated more than a year outside the schedule)",
        "\
示例：
  ecoledger config                        （显示设置）
  ecoledger config overspend stop         （拒绝超过项目现行投资估算的支出）
  ecoledger config overspend warn         （登记并警告；默认）
  ecoledger config payment-dates stop     （拒绝日期超出实施周期一年以上的支出）",
    ),
    arg(
        &["config"],
        "key",
        "The setting: overspend, payment-dates or approval-threshold",
        "设置项：overspend（超支）、payment-dates（支出日期）或 approval-threshold（复核限额）",
    ),
    arg(
        &["config"],
        "value",
        "Its new value: warn or stop; for approval-threshold an amount in 10k CNY (payments at or above it need a second finance user's approval) or none",
        "新值：warn（警告）或 stop（拒绝）；approval-threshold 为金额（万元，达到或超过该金额的支出须另一位财务人员复核）或 none",
    ),
    about(
        &["period"],
        "Close the books through a period, reopen them, list the closes",
        "结账至某期间末、反结账，以及列出结账记录",
    ),
    about(
        &["period close"],
        "Close the books through the end of PERIOD: nothing dated on or before that day can be recorded any more, and the period's reports are filed (hashed) as they stand",
        "结账至 PERIOD 期末：此后不能再登记日期在该日及以前的任何内容，并将该期间报表按现状归档（计算哈希）",
    ),
    after(
        &["period close"],
        "\
Examples:
  ecoledger period close 2024Q2 --reason \"2024年第二季度结账\"
  ecoledger period close 2024-05 --reason 月结
  ecoledger period close 2024 --reason 年度结账

After the close, a payment, reversal, status change, revision, plan, project edit or import
dated on or before the period's end is refused, naming the close; correct mistakes in the open
period (a reversal dated today of a payment in a closed quarter is allowed). `report quarterly`
of a closed quarter shows the ledger as of its end, byte for byte the same later on, and
`ecoledger check` recomputes it against the hash filed here.",
        "\
示例：
  ecoledger period close 2024Q2 --reason \"2024年第二季度结账\"
  ecoledger period close 2024-05 --reason 月结
  ecoledger period close 2024 --reason 年度结账

结账后，日期在期末及以前的支出、冲销、状态变更、投资估算调整、分年度计划、项目修改或导入都会被拒绝，
并指明该次结账；差错请在未结账期间更正（对已结账季度的支出，日期为今天的冲销是允许的）。已结账季度的
`report quarterly` 按期末状况输出，以后逐字节不变；`ecoledger check` 会重新计算并与此处归档的哈希核对。",
    ),
    arg(
        &["period close"],
        "period",
        "The period: a quarter (2024Q2), a month (2024-05) or a year (2024)",
        "期间：季度（2024Q2）、月份（2024-05）或年度（2024）",
    ),
    arg(&["period close"], "reason", "Why (kept in the record)", "原因（记入结账记录）"),
    about(
        &["period reopen"],
        "Reopen a closed period (allowed, recorded, and shown on every report of it)",
        "对已结账期间反结账（允许，会被记录，并在该期间的每份报表上注明）",
    ),
    after(
        &["period reopen"],
        "Examples:\n  ecoledger period reopen 2024Q2 --reason \"补录遗漏的拨付凭证\"",
        "示例：\n  ecoledger period reopen 2024Q2 --reason \"补录遗漏的拨付凭证\"",
    ),
    arg(
        &["period reopen"],
        "period",
        "The closed period, as it was closed (2024Q2, 2024-05, 2024)",
        "已结账的期间，与结账时写法相同（2024Q2、2024-05、2024）",
    ),
    arg(
        &["period reopen"],
        "reason",
        "Why (required, kept in the record)",
        "原因（必填，记入反结账记录）",
    ),
    about(
        &["period list"],
        "List every close and reopening: period, through-date, who, when, why",
        "列出全部结账和反结账记录：期间、结账至、操作人、时间、原因",
    ),
    after(
        &["period list"],
        "Examples:\n  ecoledger period list\n  ecoledger period list --format csv",
        "示例：\n  ecoledger period list\n  ecoledger period list --format csv",
    ),
    // indicators
    about(
        &["indicators"],
        "The plan's indicators (table 2-1): list them, record measured values, score a year",
        "规划指标（表2-1）：列出指标、录入实测值、计算某年得分",
    ),
    after(
        &["indicators"],
        "\
Examples:
  ecoledger indicators list --department 区水利局
  ecoledger indicators record 26 96.5 --year 2023 --source \"2023年城镇污水处理统计\"
  ecoledger indicators score --year 2023

The 38 indicators and 7 basic conditions are the plan's, built into the program; the ledger
keeps the values recorded for them. Address an indicator by its number (26), a part by
NO.PART (5.2 is PM2.5) and a basic condition as C1-C7.",
        "\
示例：
  ecoledger indicators list --department 区水利局
  ecoledger indicators record 26 96.5 --year 2023 --source \"2023年城镇污水处理统计\"
  ecoledger indicators score --year 2023

38 项指标和 7 项基本条件取自规划，内置于程序；账本保存为其录入的数值。指标按序号（26）、
分项按 序号.分项（5.2 即 PM2.5）、基本条件按 C1-C7 指定。",
    ),
    about(
        &["indicators list"],
        "The 38 indicators as the plan gives them: criterion, 2021 value and points, targets, departments",
        "按规划列出 38 项指标：指标值、2021年现状值与评分、目标值、责任单位",
    ),
    after(
        &["indicators list"],
        "Examples:\n  ecoledger indicators list\n  ecoledger indicators list --field 生态人居 --format csv\n  ecoledger indicators list --department 区水利局",
        "示例：\n  ecoledger indicators list\n  ecoledger indicators list --field 生态人居 --format csv\n  ecoledger indicators list --department 区水利局",
    ),
    arg(
        &["indicators list"],
        "field",
        "Only this field, as the plan names it (see `indicators list`)",
        "只列此领域：生态制度、生态环境、生态屏障、生态安全、生态经济、生态人居或生态文化",
    ),
    arg(
        &["indicators list"],
        "department",
        "Only the indicators this department is responsible for",
        "只列该部门为责任单位的指标",
    ),
    about(
        &["indicators show"],
        "One indicator in full: its tiers or parts, every value recorded, the linked projects",
        "显示一项指标的全部信息：分档或分项、全部录入值、关联项目",
    ),
    after(
        &["indicators show"],
        "Examples:\n  ecoledger indicators show 26\n  ecoledger indicators show 5 --format json",
        "示例：\n  ecoledger indicators show 26\n  ecoledger indicators show 5 --format json",
    ),
    arg(
        &["indicators show"],
        "no",
        "The indicator's number, 1-38",
        "指标序号，1-38",
    ),
    about(
        &["indicators conditions"],
        "The 7 basic conditions with their 2021 and latest status; one unmet vetoes the score",
        "列出 7 项基本条件及其 2021 年和最新状态；任一未满足即一票否决",
    ),
    after(
        &["indicators conditions"],
        "Examples:\n  ecoledger indicators conditions\n  ecoledger indicators conditions --year 2023",
        "示例：\n  ecoledger indicators conditions\n  ecoledger indicators conditions --year 2023",
    ),
    arg(
        &["indicators conditions"],
        "year",
        "The status for this year (its latest value for the year or before) [default: this year]",
        "该年度的状态（该年及以前的最新值）［默认：今年］",
    ),
    about(
        &["indicators record"],
        "Record a measured value of an indicator, a part (5.2) or a basic condition (C1)",
        "录入指标、分项（5.2）或基本条件（C1）的实测值",
    ),
    after(
        &["indicators record"],
        "\
Examples:
  ecoledger indicators record 10 60.2 --year 2023 --source \"2023年生态环境状况公报\"
  ecoledger indicators record 5.2 34 --year 2023 --source 空气质量年报
  ecoledger indicators record 31 开展 --year 2023 --met yes --source 区城市管理局
  ecoledger indicators record C1 已印发实施 --year 2023 --met yes --source 区政府文件

A numeric criterion (≥85, 60＞A≥55) is judged by exact decimal comparison of VALUE; a text
criterion (to be carried out, established, the city's task completed) and a basic condition take
--met yes|no. A value for a year that already has one needs --reason. --date is when the value became known (today if not
given); a date in a closed period is refused.",
        "\
示例：
  ecoledger indicators record 10 60.2 --year 2023 --source \"2023年生态环境状况公报\"
  ecoledger indicators record 5.2 34 --year 2023 --source 空气质量年报
  ecoledger indicators record 31 开展 --year 2023 --met yes --source 区城市管理局
  ecoledger indicators record C1 已印发实施 --year 2023 --met yes --source 区政府文件

数值类指标值（≥85、60＞A≥55）按 VALUE 的精确小数比较判定；文字类指标值（开展、建立、完成市级规定的
目标任务）和基本条件须用 --met yes|no 判定。某年度已有数值时再次录入须用 --reason 说明原因。--date
为数值取得的日期（默认今天）；已结账期间内的日期会被拒绝。",
    ),
    arg(
        &["indicators record"],
        "no",
        "The indicator (26), one part (5.2) or a basic condition (C1-C7)",
        "指标（26）、分项（5.2）或基本条件（C1-C7）",
    ),
    arg(
        &["indicators record"],
        "value",
        "The measured value: an exact decimal for a numeric criterion (85.5), else the text",
        "实测值：数值类指标值用精确小数（85.5），否则为文字",
    ),
    arg(
        &["indicators record"],
        "year",
        "The year the value is for, 2021 to this year",
        "数值所属年度，2021 至今年",
    ),
    arg(
        &["indicators record"],
        "source",
        "Where the value comes from (a statistical report, a document)",
        "数据来源（统计报表、文件等）",
    ),
    arg(
        &["indicators record"],
        "met",
        "Whether a text criterion or basic condition is met: yes or no",
        "文字类指标值或基本条件是否满足：yes 或 no",
    ),
    arg(
        &["indicators record"],
        "reason",
        "Why (required when the year already has a value)",
        "原因（该年度已有数值时必填）",
    ),
    about(
        &["indicators score"],
        "Score a year: each indicator's value, tier and points, the total out of 100, and the veto",
        "计算某年得分：各指标的数值、档次和得分，满分 100 的总分，以及一票否决情况",
    ),
    after(
        &["indicators score"],
        "\
Examples:
  ecoledger indicators score --year 2021     the plan's baseline: 87 of 100
  ecoledger indicators score --year 2023 --format csv

An indicator's value for a year is its latest value recorded for that year or before; without
one, the plan's 2021 value and points stand. on_track compares the value with the year's target
(2023's up to 2023, else 2025's).",
        "\
示例：
  ecoledger indicators score --year 2021     规划基准：87 / 100 分
  ecoledger indicators score --year 2023 --format csv

指标在某年的数值为该年及以前录入的最新值；没有录入值时，沿用规划的 2021 年现状值和评分。
“达到目标”将数值与该年目标值比较（2023 年及以前用 2023 年目标值，此后用 2025 年目标值）。",
    ),
    arg(
        &["indicators score"],
        "year",
        "The year to score, from 2021",
        "计分年度，自 2021 年起",
    ),
    arg(
        &["indicators score"],
        "department",
        "Only the indicators this department is responsible for, totalled alone",
        "只列该部门为责任单位的指标，并只对这些指标合计",
    ),
    about(
        &["indicators link"],
        "Link projects to the indicator they serve (e.g. the sewage projects to 26)",
        "将项目关联到其服务的指标（如污水项目关联到指标 26）",
    ),
    after(
        &["indicators link"],
        "Examples:\n  ecoledger indicators link 26 A5-07 A5-08\n  ecoledger totals --by indicator",
        "示例：\n  ecoledger indicators link 26 A5-07 A5-08\n  ecoledger totals --by indicator",
    ),
    about(
        &["indicators unlink"],
        "Unlink projects from an indicator",
        "取消项目与指标的关联",
    ),
    after(
        &["indicators unlink"],
        "Examples:\n  ecoledger indicators unlink 26 A5-08 --reason 误关联",
        "示例：\n  ecoledger indicators unlink 26 A5-08 --reason 误关联",
    ),
    arg(
        &["indicators link", "indicators unlink"],
        "no",
        "The indicator's number, 1-38",
        "指标序号，1-38",
    ),
    arg(
        &["indicators link", "indicators unlink"],
        "projects",
        "Project ids (A5-04 …)",
        "项目编号（A5-04 等）",
    ),
    arg(
        &["indicators link", "indicators unlink"],
        "reason",
        "Why (optional, kept in the history)",
        "原因（可选，记入变更记录）",
    ),
    // check, backup
    about(
        &["check"],
        "Check the file's integrity, reconcile, and verify the tamper-evident chain",
        "检查文件完整性、对账，并校验防篡改哈希链",
    ),
    after(
        &["check"],
        "\
Examples:
  ecoledger check
  ecoledger --db backup.sqlite check
  ecoledger check --anchor 3f5a…   (the head printed on a filed report: is it still in the ledger?)

Exit code 1 when anything is wrong; each problem names the table, the record and the project.",
        "\
示例：
  ecoledger check
  ecoledger --db backup.sqlite check
  ecoledger check --anchor 3f5a…   （归档报表上印的链头：账本中是否仍有它？）

发现任何问题时退出码为 1；每个问题都指明所在的表、记录和项目。",
    ),
    arg(
        &["check"],
        "anchor",
        "A chain head (64 hex digits) printed earlier, by `check` or on a report: confirm the ledger still contains it",
        "此前由 `check` 或报表印出的链头（64 位十六进制数字）：确认账本中仍包含它",
    ),
    about(
        &["backup"],
        "Copy the ledger to FILE (a new file), safely while others write",
        "将账本复制到 FILE（新文件），其他进程写入时也可安全进行",
    ),
    after(
        &["backup"],
        "\
Examples:
  ecoledger backup /backups/ledger-2024-06-30.sqlite
  ecoledger --db /backups/ledger-2024-06-30.sqlite check     (verify the copy)",
        "\
示例：
  ecoledger backup /backups/ledger-2024-06-30.sqlite
  ecoledger --db /backups/ledger-2024-06-30.sqlite check     （校验副本）",
    ),
    arg(
        &["backup"],
        "file",
        "Where to write the copy; must not exist yet",
        "副本写入的位置；该文件必须尚不存在",
    ),
    // report
    about(
        &["report"],
        "Budget-vs-actual reports, and the portfolio as one HTML file",
        "预算执行情况报表，以及整个项目库的单个 HTML 报告",
    ),
    about(
        &["report quarterly"],
        "The quarterly budget-vs-actual report, with category subtotals and a total",
        "季度预算执行情况表，含各类别小计和合计",
    ),
    after(
        &["report quarterly"],
        "\
Examples:
  ecoledger report quarterly 2024Q2
  ecoledger --lang zh report quarterly 2024Q2 --format csv --bom --out 2024Q2.csv
  ecoledger report quarterly 2024Q2 --format xlsx --out 2024Q2.xlsx
  ecoledger report quarterly 2024Q2 --as-of 2024-06-30 --format csv   (by effective dates: what happened by then)
  ecoledger report quarterly 2024Q2 --known-at 2024-07-15 --format csv (by recorded time: what the ledger said that day)
  ecoledger report quarterly 2024Q2 --department 区水利局 --department 区生态环境局
  ecoledger report quarterly 2024Q2 --category 5 --status in_progress
  ecoledger report quarterly 2024Q2 --subtotal-by department

A quarter inside the closed books (`ecoledger period close`) is reported as of its end: the same
bytes whatever is recorded later. The table view ends with the ledger's chain head.

Rows: every project whose schedule covers the year or that has spending in it (row_type project),
a subtotal per category (subtotal), and a total (total). Budgets split each year's allocation into
quarters exactly.

Cuts: --category, --department and --status narrow the projects (each repeatable: any of them);
--subtotal-by department gives a subtotal per lead department instead, a co-led project's figures
shared among its departments so that the subtotals add up to the total.",
        "\
示例：
  ecoledger report quarterly 2024Q2
  ecoledger --lang zh report quarterly 2024Q2 --format csv --bom --out 2024Q2.csv
  ecoledger report quarterly 2024Q2 --format xlsx --out 2024Q2.xlsx
  ecoledger report quarterly 2024Q2 --as-of 2024-06-30 --format csv   （按业务日期：截至该日发生的情况）
  ecoledger report quarterly 2024Q2 --known-at 2024-07-15 --format csv （按登记时间：账本当天的样子）
  ecoledger report quarterly 2024Q2 --department 区水利局 --department 区生态环境局
  ecoledger report quarterly 2024Q2 --category 5 --status in_progress
  ecoledger report quarterly 2024Q2 --subtotal-by department

已结账（`ecoledger period close`）的季度按其期末状况输出：以后无论登记什么，输出都逐字节不变。
表格视图末尾注明账本链头。

各行：实施周期覆盖该年度或该年度有支出的每个项目（行类型 project），每个类别一行小计（subtotal），
以及一行合计（total）。季度预算由各年度安排精确拆分而来。

筛选：--category、--department 和 --status 限定项目（均可重复，任一即可）；--subtotal-by department
改为按牵头部门小计，共同牵头项目的各项金额在各部门间分摊，小计之和等于合计。",
    ),
    arg(
        &["report quarterly", "report annual", "report monthly"],
        "category",
        "Only this category: appendix table number (1-6) or name, Chinese or English (repeatable: any of them)",
        "只看该类别：附表编号（1-6）或中英文名称（可重复：任一即可）",
    ),
    arg(
        &["report quarterly", "report annual", "report monthly"],
        "department",
        "Only projects this department leads or co-leads, exact name (repeatable: any of them)",
        "只看该部门牵头或共同牵头的项目，名称须完全一致（可重复：任一即可）",
    ),
    arg(
        &["report quarterly", "report annual", "report monthly"],
        "status",
        "Only this status: its code (planned, in_progress, suspended, completed, cancelled) or either label (repeatable: any of them)",
        "只看该状态：代码（planned、in_progress、suspended、completed、cancelled）或中英文名称（可重复：任一即可）",
    ),
    arg(
        &["report quarterly", "report annual", "report monthly"],
        "subtotal_by",
        "Subtotal by category (the plan's tables, the default) or by lead department (co-led projects shared among their departments, so the subtotals add up)",
        "按类别小计（规划各附表，默认）或按牵头部门小计（共同牵头的项目在各部门间分摊，小计之和等于合计）",
    ),
    about(
        &["report monthly"],
        "The monthly budget-vs-actual report, with subtotals and a total",
        "月度预算执行情况表，含小计和合计",
    ),
    after(
        &["report monthly"],
        "\
Examples:
  ecoledger report monthly 2024-05
  ecoledger report monthly 2024-05 --department 区水利局 --format csv

The month's budget is its quarter's budget split over the quarter's three months by the
allocation rule (whole yuan, the leftover to the earliest months): the three months of a quarter
add up to the quarter exactly. Spending counts by payment date. Year to date runs to the
month's end.",
        "\
示例：
  ecoledger report monthly 2024-05
  ecoledger report monthly 2024-05 --department 区水利局 --format csv

月度预算为所在季度预算按分摊规则拆到该季度三个月（以元为单位，余数归较早的月份）：一个季度
三个月之和恰等于该季度。支出按支付日期计入。年初至今截至该月末。",
    ),
    arg(&["report monthly"], "month", "The month, e.g. 2024-05", "月份，如 2024-05"),
    about(
        &["spending totals"],
        "Spending totals by category, department, project, month or quarter",
        "支出汇总：按类别、部门、项目、月份或季度",
    ),
    after(
        &["spending totals"],
        "\
Examples:
  ecoledger spending totals --by category --period 2024
  ecoledger spending totals --by month --period 2024
  ecoledger spending totals --by department --period 2024Q2 --format csv --bom

Amounts are exact to the fen; reversals count where they are dated. By category and department
the projects' current categories and departments count; by department a co-led project's
spending is shared among its departments, so that the rows add up to the total.",
        "\
示例：
  ecoledger spending totals --by category --period 2024
  ecoledger spending totals --by month --period 2024
  ecoledger spending totals --by department --period 2024Q2 --format csv --bom

金额精确到分；冲销按其日期计入。按类别和部门汇总时以项目现行类别和牵头部门为准；按部门汇总时
共同牵头项目的支出在各部门间分摊，各行之和等于合计。",
    ),
    arg(&["spending totals"], "by", "What to total by", "汇总维度"),
    arg(
        &["spending totals"],
        "period",
        "Only this year (2024), quarter (2024Q2) or month (2024-05)",
        "只看该年度（2024）、季度（2024Q2）或月份（2024-05）",
    ),
    arg(
        &["report annual"],
        "compare",
        "Set this year's figures beside another year's: budget, spending, execution rate and the changes",
        "与另一年度并列对比：预算、支出、执行率及增减",
    ),
    arg(
        &["report quarterly"],
        "period",
        "The quarter, e.g. 2024Q2",
        "季度，如 2024Q2",
    ),
    about(
        &["report annual"],
        "The annual review: quarters side by side, the year, and to date, per project",
        "年度报表：每个项目各季度并列、全年及累计",
    ),
    after(
        &["report annual"],
        "\
Examples:
  ecoledger report annual 2024
  ecoledger --lang zh report annual 2024 --format xlsx --out 2024年度.xlsx
  ecoledger report annual 2024 --compare 2023          (the two years side by side, with the changes)
  ecoledger report annual 2024 --department 区水利局 --subtotal-by department

Cuts: --category, --department and --status narrow the projects (each repeatable); --subtotal-by
department subtotals per lead department (co-led projects shared so that the subtotals add up).",
        "\
示例：
  ecoledger report annual 2024
  ecoledger --lang zh report annual 2024 --format xlsx --out 2024年度.xlsx
  ecoledger report annual 2024 --compare 2023          （两个年度并列，含增减）
  ecoledger report annual 2024 --department 区水利局 --subtotal-by department

筛选：--category、--department 和 --status 限定项目（均可重复）；--subtotal-by department
按牵头部门小计（共同牵头的项目分摊，小计之和等于合计）。",
    ),
    arg(&["report annual"], "year", "The year, e.g. 2024", "年度，如 2024"),
    about(
        &["report html"],
        "The portfolio as one HTML file: totals, charts, a quarter's budget execution and the reconcile result",
        "整个项目库的单个 HTML 文件：汇总、图表、一个季度的预算执行情况和对账结果",
    ),
    after(
        &["report html"],
        "\
Examples:
  ecoledger report html --out portfolio.html
  ecoledger --lang zh report html --quarter 2024Q2 --out 2024Q2.html
  ecoledger --today 2024-06-30 report html > report.html     (as of a pinned date)",
        "\
示例：
  ecoledger report html --out portfolio.html
  ecoledger --lang zh report html --quarter 2024Q2 --out 2024Q2.html
  ecoledger --today 2024-06-30 report html > report.html     （按固定日期）",
    ),
    arg(
        &["report html"],
        "quarter",
        "The quarter whose budget execution is shown [default: the current quarter]",
        "显示其预算执行情况的季度［默认：本季度］",
    ),
    about(
        &["report assessment"],
        "The plan implementation assessment for a year: basic conditions, indicator score, indicators off target with their projects, project completion, money by category",
        "某年度规划实施评估：基本条件、指标得分、未达目标的指标及其关联项目、项目完成情况、分类投资与支出",
    ),
    after(
        &["report assessment"],
        "\
Examples:
  ecoledger report assessment 2023
  ecoledger report assessment 2023 --section score --format csv
  ecoledger report assessment 2023 --format csv --out assessment-2023/    (one file per section)
  ecoledger report assessment 2023 --format xlsx --out assessment-2023.xlsx

Sections: conditions, score, off_target, completion, overdue, money. Projects and spending are
taken as they stood at the end of the year (or today while the year runs); indicator values are
each indicator's latest for the year or before. A project is overdue when its schedule ended
before the year and it is neither completed nor cancelled. `report html` includes this year's
assessment.",
        "\
示例：
  ecoledger report assessment 2023
  ecoledger report assessment 2023 --section score --format csv
  ecoledger report assessment 2023 --format csv --out assessment-2023/    （每个部分一个文件）
  ecoledger report assessment 2023 --format xlsx --out assessment-2023.xlsx

各部分：conditions（基本条件）、score（指标得分）、off_target（未达目标的指标）、completion（项目
完成情况）、overdue（逾期项目）、money（投资与支出）。项目和支出取该年末的状况（年内则取今天）；
指标值取该年及以前的最新值。实施周期在该年之前已结束、且既未完成也未终止的项目为逾期项目。
`report html` 包含本年度的评估。",
    ),
    arg(
        &["report assessment"],
        "year",
        "The year assessed, from 2021 to this year",
        "评估年度，2021 至今年",
    ),
    arg(
        &["report assessment"],
        "section",
        "Only this section: conditions, score, off_target, completion, overdue or money",
        "只输出该部分：conditions、score、off_target、completion、overdue 或 money",
    ),
    // serve
    about(
        &["serve"],
        "Serve the dashboard: overview, projects, reports, reconcile, and forms to change a status or record a payment",
        "提供网页看板：总览、项目、报表、对账，以及变更状态和登记支出的表单",
    ),
    after(
        &["serve"],
        "\
Examples:
  ecoledger serve                                   http://127.0.0.1:8080/ (this computer only)
  ecoledger --lang zh serve --addr 127.0.0.1:9000
  ecoledger serve --read-only                       look, but change nothing
  ecoledger serve --new-token                       print a strong token to use below
  ECOLEDGER_TOKEN=… ecoledger serve --addr 0.0.0.0:8080   for the office network: every request needs the token

The address with its token is printed at start; open it once and the browser keeps the token.
Changes made in the browser are recorded under the name you sign in with. Ctrl-C stops the server.",
        "\
示例：
  ecoledger serve                                   http://127.0.0.1:8080/（仅限本机）
  ecoledger --lang zh serve --addr 127.0.0.1:9000
  ecoledger serve --read-only                       只查看，不修改
  ecoledger serve --new-token                       生成一个强令牌，供下例使用
  ECOLEDGER_TOKEN=… ecoledger serve --addr 0.0.0.0:8080   用于办公网络：每个请求都须带令牌

启动时显示带令牌的地址；打开一次后浏览器会记住令牌。在浏览器中所做的修改以登录时填写的姓名记录。
按 Ctrl-C 停止服务。",
    ),
    arg(
        &["serve"],
        "addr",
        "The address to listen on (port 0 picks a free port)",
        "监听地址（端口 0 表示自动选择空闲端口）",
    ),
    arg(
        &["serve"],
        "read_only",
        "Show the ledger but accept no changes (the forms are hidden and refused)",
        "只显示账本，不接受任何修改（表单隐藏且拒绝提交）",
    ),
    arg(
        &["serve"],
        "token",
        "The access token every request must carry; required for a non-loopback address unless the ledger has users",
        "每个请求都须携带的访问令牌；监听非本机地址且账本未设用户时必填",
    ),
    arg(
        &["serve"],
        "new_token",
        "Print a new, strong access token and exit",
        "生成并显示一个新的强访问令牌，然后退出",
    ),
    arg(
        &["serve"],
        "session_timeout",
        "On a ledger with users: minutes of inactivity after which a signed-in session ends",
        "已设用户的账本：登录会话闲置多少分钟后自动退出",
    ),
];

/// The words clap itself would say, in Chinese.
mod zh {
    pub const USAGE: &str = "用法：";
    pub const COMMANDS: &str = "命令";
    pub const COMMAND: &str = "命令";
    pub const ARGUMENTS: &str = "参数";
    pub const OPTIONS: &str = "选项";
    pub const HELP: &str = "显示帮助";
    pub const VERSION: &str = "显示版本";
    pub const HELP_SUBCOMMAND: &str = "显示本帮助，或指定子命令的帮助";
    pub const HELP_SUBCOMMAND_ARG: &str = "要显示帮助的子命令";
}

/// The help of `part` of the command at `path`: its own entry, else a shared one.
pub fn find(path: &str, part: Part) -> Option<&'static Help> {
    HELP.iter()
        .find(|h| h.part == part && h.commands.contains(&path))
        .or_else(|| {
            HELP.iter()
                .find(|h| h.part == part && h.commands.contains(&"*"))
        })
}

fn pick(h: &Help, lang: Lang) -> &'static str {
    match lang {
        Lang::En => h.en,
        Lang::Zh => h.zh,
    }
}

/// The command tree with its help in `lang`.
pub fn localize(cmd: Command, lang: Lang) -> Command {
    let mut cmd = apply(cmd, "", lang);
    if lang == Lang::Zh {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(zh::VERSION)
                .help_heading(zh::OPTIONS)
                .display_order(5001),
        );
        // The `help` subcommands exist once the tree is built.
        cmd.build();
        cmd = help_subcommands(cmd);
    }
    cmd
}

fn apply(mut cmd: Command, path: &str, lang: Lang) -> Command {
    if let Some(h) = find(path, Part::About) {
        cmd = cmd.about(pick(h, lang)).long_about(None::<&str>);
    }
    if let Some(h) = find(path, Part::After) {
        cmd = cmd.after_help(pick(h, lang)).after_long_help(None::<&str>);
    }
    // In the order they are declared: the command's own, then (from `ecoledger`
    // itself) the global flags.
    let first = if path.is_empty() { 1000 } else { 0 };
    let mut order = first;
    cmd = cmd.mut_args(|a| {
        order += 1;
        let a = if lang == Lang::Zh {
            a.display_order(order)
        } else {
            a
        };
        let Some(h) = find_arg(path, a.get_id().as_str()) else {
            return a;
        };
        let a = a.help(pick(h, lang)).long_help(None::<&str>);
        if lang == Lang::Zh {
            zh_arg(a)
        } else {
            a
        }
    });
    if lang == Lang::Zh {
        cmd = cmd
            .help_template(format!(
                "{{before-help}}{{about-with-newline}}\n{}{{usage}}\n\n{{all-args}}{{after-help}}",
                zh::USAGE
            ))
            .subcommand_help_heading(zh::COMMANDS)
            .subcommand_value_name(zh::COMMAND)
            .disable_help_flag(true)
            .arg(
                Arg::new("help")
                    .short('h')
                    .long("help")
                    .action(ArgAction::Help)
                    .help(zh::HELP)
                    .help_heading(zh::OPTIONS)
                    .display_order(5000),
            );
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        let sub = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        cmd = cmd.mut_subcommand(&name, |c| apply(c, &sub, lang));
    }
    cmd
}

/// The help of the argument `id` of the command at `path`: its own entry, else a shared
/// one.
pub fn find_arg(path: &str, id: &str) -> Option<&'static Help> {
    let is = |h: &&Help| matches!(h.part, Part::Arg(a) if a == id);
    HELP.iter()
        .filter(is)
        .find(|h| h.commands.contains(&path))
        .or_else(|| HELP.iter().filter(is).find(|h| h.commands.contains(&"*")))
}

/// A Chinese argument: its heading, and the defaults, possible values and environment
/// variable clap would add in English, said in Chinese.
fn zh_arg(a: Arg) -> Arg {
    let heading = if a.is_positional() {
        zh::ARGUMENTS
    } else {
        zh::OPTIONS
    };
    let mut extra = Vec::new();
    let takes_values = a.get_action().takes_values();
    if takes_values {
        let values: Vec<String> = a
            .get_possible_values()
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| v.get_name().to_string())
            .collect();
        if !values.is_empty() {
            extra.push(format!("可选值：{}", values.join("、")));
        }
        let defaults: Vec<String> = a
            .get_default_values()
            .iter()
            .map(|d| d.to_string_lossy().into_owned())
            .collect();
        if !defaults.is_empty() {
            extra.push(format!("默认：{}", defaults.join("、")));
        }
    }
    if let Some(env) = a.get_env() {
        extra.push(format!("环境变量：{}", env.to_string_lossy()));
    }
    let help = a.get_help().map(|h| h.to_string()).unwrap_or_default();
    let help = match (extra.is_empty(), help.strip_suffix('］')) {
        (true, _) => help,
        (false, Some(open)) => format!("{open}；{}］", extra.join("；")),
        (false, None) => format!("{help}［{}］", extra.join("；")),
    };
    let has_env = a.get_env().is_some();
    let a = a.help(help).help_heading(heading);
    let a = if takes_values {
        a.hide_possible_values(true).hide_default_value(true)
    } else {
        a
    };
    if has_env {
        a.hide_env(true)
    } else {
        a
    }
}

/// The `help` subcommands clap made while building the tree, in Chinese.
fn help_subcommands(mut cmd: Command) -> Command {
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        cmd = if name == "help" {
            cmd.mut_subcommand("help", |h| {
                let h = h.about(zh::HELP_SUBCOMMAND);
                let has_arg = h.get_arguments().any(|a| a.get_id() == "subcommand");
                let h = if has_arg {
                    h.mut_arg("subcommand", |a| a.help(zh::HELP_SUBCOMMAND_ARG))
                } else {
                    h
                };
                help_subcommands(h)
            })
        } else {
            cmd.mut_subcommand(&name, help_subcommands)
        };
    }
    cmd
}

/// Ends the program for a command line clap refused or answered itself (`--help`,
/// `--version`): in English as clap says it; in Chinese in our words, with the usage and
/// a pointer to `--help`.
pub fn exit(e: clap::Error, lang: Lang) -> std::process::ExitCode {
    use clap::error::ErrorKind as K;
    let code = std::process::ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
    let shown = matches!(
        e.kind(),
        K::DisplayHelp | K::DisplayVersion | K::DisplayHelpOnMissingArgumentOrSubcommand
    );
    if lang == Lang::En || shown {
        let _ = e.print();
        return code;
    }
    let message = clap_message(&e);
    let usage = context(&e, clap::error::ContextKind::Usage);
    let usage = usage
        .trim()
        .strip_prefix("Usage:")
        .unwrap_or(usage.trim())
        .trim()
        .to_string();
    let mut text = format!("ecoledger：{}", message.get(Lang::Zh));
    if !usage.is_empty() {
        text.push_str(&format!("\n\n{}{usage}", zh::USAGE));
    }
    text.push_str(&format!(
        "\n\n{}\n",
        super::msg::clap_more_help().get(Lang::Zh)
    ));
    let _ = std::io::Write::write_all(&mut std::io::stderr(), text.as_bytes());
    code
}

/// A piece of a clap error's context, as text (several values joined).
fn context(e: &clap::Error, kind: clap::error::ContextKind) -> String {
    use clap::error::ContextValue as V;
    match e.get(kind) {
        Some(V::String(s)) => s.clone(),
        Some(V::Strings(v)) => v.join("、"),
        Some(V::StyledStr(s)) => s.to_string(),
        Some(V::StyledStrs(v)) => v
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("、"),
        Some(V::Number(n)) => n.to_string(),
        Some(V::Bool(b)) => b.to_string(),
        _ => String::new(),
    }
}

/// What clap refused, in both languages.
fn clap_message(e: &clap::Error) -> super::Text {
    use super::msg;
    use clap::error::{ContextKind as C, ErrorKind as K};
    let arg = context(e, C::InvalidArg);
    let value = context(e, C::InvalidValue);
    let base = match e.kind() {
        K::InvalidValue => {
            let valid = context(e, C::ValidValue);
            if valid.is_empty() {
                msg::clap_invalid_value(&value, &arg)
            } else {
                msg::clap_invalid_value_one_of(&value, &arg, valid)
            }
        }
        K::UnknownArgument => msg::clap_unknown_argument(&arg),
        K::InvalidSubcommand => msg::clap_unknown_subcommand(context(e, C::InvalidSubcommand)),
        K::NoEquals => msg::clap_no_equals(&arg),
        K::ValueValidation => msg::clap_invalid_value(&value, &arg),
        K::TooManyValues => msg::clap_too_many_values(&value, &arg),
        K::TooFewValues | K::WrongNumberOfValues => msg::clap_wrong_number_of_values(&arg),
        K::ArgumentConflict => msg::clap_conflict(&arg, context(e, C::PriorArg)),
        K::MissingRequiredArgument => msg::clap_missing_required(&arg),
        K::MissingSubcommand => msg::clap_missing_subcommand(context(e, C::ValidSubcommand)),
        K::InvalidUtf8 => msg::clap_invalid_utf8(),
        _ => msg::clap_other(),
    };
    let suggested = [C::SuggestedArg, C::SuggestedSubcommand, C::SuggestedValue]
        .into_iter()
        .map(|k| context(e, k))
        .find(|s| !s.is_empty());
    match suggested {
        Some(s) => msg::clap_did_you_mean(base, s),
        None => base,
    }
}
