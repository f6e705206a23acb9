//! Every message a person reads — errors, refusals, warnings, confirmations — with its
//! English and Chinese side by side. Each entry becomes a function taking the values it
//! names and returning a [`Text`](super::Text); the compiler checks that both templates
//! use exactly those values. Amounts are written `{amount}` through [`wan`]: "1,200
//! (10k CNY)" in English, "1,200 万元" in Chinese.

messages! {
    // Shared pieces.
    place_problem(place, problem) = "{place}: {problem}", "{place}：{problem}";
    wan(amount) = "{amount} (10k CNY)", "{amount} 万元";
    and_more(n) = "… and {n} more", "……另有 {n} 处";
    nothing_written() = "nothing was written", "未写入任何内容";

    // The operating system's file errors.
    io_not_found() = "no such file or folder", "文件或目录不存在";
    io_permission_denied() = "permission denied", "没有访问权限";
    io_already_exists() = "already exists", "已存在";
    io_is_a_folder() = "is a folder", "是目录";
    io_not_a_folder() = "not a folder", "不是目录";
    io_storage_full() = "no space left on the device", "磁盘空间不足";
    io_read_only() = "read-only file system", "只读文件系统";
    io_broken_pipe() = "the reader went away", "读取端已关闭";
    io_other(os) = "{os}", "系统错误：{os}";

    // Users, roles and signing in (domain::role, store::users, ops::users).
    sign_in_needed() =
        "this ledger has users: say who you are with --by NAME (or ECOLEDGER_USER) and give your password",
        "本账本已设用户：请用 --by 姓名（或 ECOLEDGER_USER）说明身份并提供密码";
    token_read_only() =
        "the read-only token may not change anything",
        "只读访问令牌不能修改任何内容";
    who_signs_in() =
        "this ledger has users: say who you are with --by NAME or ECOLEDGER_USER (or map your OS login with `users add NAME --os-user LOGIN`)",
        "本账本已设用户：请用 --by 姓名或 ECOLEDGER_USER 说明身份（或用 `users add 姓名 --os-user 系统账号` 绑定系统账号）";
    password_needed(name) =
        "{name}: a password is needed: type it at the prompt, or give it with --password-stdin or ECOLEDGER_PASSWORD",
        "{name}：需要密码：请在提示处输入，或用 --password-stdin 或 ECOLEDGER_PASSWORD 提供";
    wrong_password(name) =
        "{name}: wrong name or password; nothing was written",
        "{name}：姓名或密码错误；未写入任何内容";
    user_disabled(name) =
        "{name}: this user is disabled and may not act",
        "{name}：该用户已停用，不能操作";
    unknown_user(name) =
        "'{name}' is not a user of this ledger (`ecoledger users list` shows them)",
        "“{name}”不是本账本的用户（`ecoledger users list` 列出全部）";
    not_allowed(name, roles, duty, performers) =
        "{name} ({roles}) may not do this: {duty} is for {performers}; nothing was written",
        "{name}（{roles}）无权执行：{duty}仅限{performers}角色；未写入任何内容";
    roles_planner_finance() =
        "planner and finance may not be held by one person: whoever approves a project's progress does not pay it",
        "规划与财务不得由同一人担任：确认项目进度的人不能支付该项目（不相容岗位相分离）";
    roles_finance_auditor() =
        "finance and auditor may not be held by one person: whoever records payments does not audit them",
        "财务与审计不得由同一人担任：登记支出的人不能审计支出（不相容岗位相分离）";
    roles_admin_only(other) =
        "admin may not be held with {other} (only with viewer): whoever grants rights does not use them",
        "管理员不得兼任{other}（只可兼任查看）：授予权限的人不能使用这些权限（不相容岗位相分离）";
    unknown_role(given) =
        "unknown role '{given}'; the roles are viewer, planner, finance, auditor and admin",
        "未知角色“{given}”；角色为 viewer（查看）、planner（规划）、finance（财务）、auditor（审计）、admin（管理员）";
    user_exists(name) =
        "'{name}' is already a user; change them with `users passwd`, `users roles` or `users disable`",
        "“{name}”已是用户；请用 `users passwd`、`users roles` 或 `users disable` 修改";
    first_user_admin() =
        "the first user of a ledger must be an admin (--role admin): from then on only an admin manages users",
        "账本的第一个用户必须是管理员（--role admin）：此后只有管理员能管理用户";
    last_admin(name) =
        "{name} is the last active admin; add another admin first, or nobody could manage users",
        "{name} 是最后一位启用的管理员；请先添加另一位管理员，否则无人能管理用户";
    os_user_taken(login, other) =
        "OS login '{login}' is already mapped to {other}",
        "系统账号“{login}”已绑定到 {other}";
    already_disabled(name) = "{name} is already disabled", "{name} 已停用";
    password_too_short(min) =
        "a password needs at least {min} characters",
        "密码至少需要 {min} 个字符";
    passwords_differ() =
        "the two passwords differ; nothing was written",
        "两次输入的密码不一致；未写入任何内容";
    password_not_terminal(whose, how) =
        "no terminal to ask for {whose} password: give it with {how}",
        "没有终端可以输入{whose}密码：请用 {how} 提供";
    overdue_first(shown, count) =
        "{count} projects are overdue; the first {shown} are listed",
        "共 {count} 个项目逾期，此处列出前 {shown} 个";
    password_prompt(name) = "Password for {name}: ", "{name} 的密码：";
    writers(name) = "{name}'s", " {name} 的";
    new_users(name) = "the new user {name}'s", "新用户 {name} 的";
    password_prompt_new(name) = "New password for {name}: ", "{name} 的新密码：";
    password_prompt_again() = "Again: ", "再输入一次：";
    no_random_salt() =
        "the operating system gave no random numbers for the password's salt",
        "操作系统未提供随机数，无法生成密码盐值";
    user_added(name, roles) = "user {name} added ({roles})", "已添加用户 {name}（{roles}）";
    password_changed(name) = "{name}: password changed", "{name}：密码已修改";
    roles_changed(name, old, new) = "{name}: roles {old} → {new}", "{name}：角色 {old} → {new}";
    user_disabled_done(name) = "{name} disabled", "已停用 {name}";
    paid_pending(entry, id, date, amount) =
        "pending P{entry}: {id} {date} {amount}, at or above the approval threshold: it counts once another finance user approves it (`ecoledger approve P{entry}`)",
        "待复核 P{entry}：{id} {date} {amount}，达到复核限额：须由另一位财务人员复核通过后才计入支出（`ecoledger approve P{entry}`）";
    no_pending(entry) =
        "no pending payment {entry} (`ecoledger spending list` shows the pending ones)",
        "没有待复核支出 {entry}（`ecoledger spending list` 列出待复核支出）";
    already_reviewed(entry, action, by) =
        "{entry} was already reviewed ({action} by {by})",
        "{entry} 已复核（{by}：{action}）";
    self_approval(entry, name) =
        "{entry} was recorded by {name}: nobody may approve their own payment; another finance user must",
        "{entry} 由 {name} 登记：任何人不得复核自己登记的支出，须由另一位财务人员复核";
    approved(pending, entry, id, date, amount) =
        "{pending} approved: entry {entry}: {id} {date} {amount}",
        "{pending} 复核通过：支出 {entry}：{id} {date} {amount}";
    rejected(pending, id, amount) =
        "{pending} rejected: {id} {amount} is not spending",
        "{pending} 已退回：{id} {amount} 不计入支出";
    imported_pending(n) =
        "{n} of the rows are at or above the approval threshold: recorded as pending payments, not spending until another finance user approves them",
        "其中 {n} 行达到复核限额：登记为待复核支出，须由另一位财务人员复核通过后才计入支出";
    init_force_with_users(path) =
        "{path}: this ledger has users; init --force will not erase it and its accounts (remove or move the file yourself if you mean to start again)",
        "{path}：本账本已设用户；init --force 不会清除账本及其用户（如确需重新开始，请自行删除或移走该文件）";
    password_stdin_taken() =
        "standard input is the file to import: give the password with ECOLEDGER_PASSWORD or at the terminal",
        "标准输入是要导入的文件：请用 ECOLEDGER_PASSWORD 或在终端提供密码";
    session_timeout_zero() =
        "a session must last at least one minute",
        "会话时长至少为一分钟";
    signin_throttled(who) =
        "sign-in refused for a while after repeated failures: {who}",
        "多次失败后暂时拒绝登录：{who}";
    threshold_value(given) =
        "'{given}': the threshold must be more than 0 (10k CNY); `none` turns approval off",
        "“{given}”：复核限额须大于 0（万元）；`none` 表示不需复核";

    // Errors (crate::error::Error).
    err_not_a_database(path) =
        "{path}: not an ecoledger database (the file is not SQLite)",
        "{path}：不是 ecoledger 数据库（不是 SQLite 文件）";
    err_foreign_database(path) =
        "{path}: an SQLite file, but not an ecoledger ledger (it has other tables)",
        "{path}：是 SQLite 文件，但不是 ecoledger 账本（含有其他表）";
    err_newer_schema(path, found, known) =
        "{path}: made by a newer ecoledger (schema version {found}; this program knows up to {known}); upgrade ecoledger, the file was not touched",
        "{path}：由更新版本的 ecoledger 创建（数据库版本 {found}，本程序最高支持 {known}）；请升级 ecoledger，文件未被改动";
    err_ledger_exists(path) =
        "{path}: a ledger already exists; add --force to replace it with a freshly seeded one",
        "{path}：账本已存在；如需替换为新初始化的账本，请加 --force";
    err_no_folder(path) = "{path}: the folder does not exist", "{path}：目录不存在";
    err_no_data_dir() =
        "no data directory is known for this user; pass --db PATH or set ECOLEDGER_DB",
        "无法确定用户数据目录；请用 --db PATH 或设置 ECOLEDGER_DB";
    err_db(error) = "database error: {error}", "数据库错误：{error}";
    err_db_busy(error) =
        "database error: {error} (another process is writing the ledger; try again)",
        "数据库错误：账本正被其他进程写入，请稍后重试（{error}）";
    err_unknown_project(id) =
        "unknown project id '{id}' (appendix ids look like A5-04; `ecoledger projects list` shows them all)",
        "未知项目编号“{id}”（附表项目编号形如 A5-04；`ecoledger projects list` 列出全部）";
    err_not_yet_in_view(id, effective, recorded) =
        "{id} is not in this view of the ledger: it takes effect on {effective} and was recorded at {recorded} (a later --as-of or --known-at shows it)",
        "{id} 不在此视图中：它的生效日期为 {effective}，登记于 {recorded}（更晚的 --as-of 或 --known-at 可以看到它）";
    err_unknown_category(given, known) =
        "--category: unknown category '{given}'; use a table number 1-6 or a name: {known}",
        "--category：未知类别“{given}”；请用附表编号 1-6 或名称：{known}";
    err_unknown_department(given) =
        "--department: unknown department '{given}'; `ecoledger totals --by department` lists them",
        "--department：未知部门“{given}”；`ecoledger totals --by department` 列出全部";
    err_unknown_department_close(given, suggestions) =
        "--department: unknown department '{given}'; did you mean: {suggestions}?",
        "--department：未知部门“{given}”；是否指：{suggestions}？";
    err_illegal_transition(id, verb, status, allowed) =
        "{id}: cannot {verb} a project that is {status}; allowed from {status}: {allowed}",
        "{id}：项目当前为“{status}”，不能{verb}；当前状态允许的操作：{allowed}";
    err_reason_required(verb) =
        "{verb}: --reason is required (say why)",
        "{verb}：必须用 --reason 说明原因";
    err_import(place, count) =
        "{place}: {count}; nothing was imported",
        "{place}：{count}；未导入任何内容";
    bad_row(n) = "{n} bad row", "{n} 行有误";
    bad_rows_many(n) = "{n} bad rows", "{n} 行有误";
    bad_rows_problems_text(rows, problems) = "{rows} ({problems} problems)", "{rows}（{problems} 处问题）";
    err_seed(place, problem) = "seed data {place}: {problem}", "初始数据 {place}：{problem}";
    limit_estimates() = "the projects' current estimates", "项目现行估算合计";
    limit_payments() = "the payments", "支出合计";
    err_ledger_limit(what, total) =
        "refused: {what} would add up to {total}, past 1,000,000,000,000 (10k CNY), the most ecoledger adds up exactly; nothing was written",
        "已拒绝：{what}将达到 {total}，超过 ecoledger 可精确合计的上限 1,000,000,000,000 万元；未写入任何内容";
    err_ledger_limit_unrepresentable(what) =
        "refused: {what} would add up to more than an exact sum can hold, past 1,000,000,000,000 (10k CNY), the most ecoledger adds up exactly; nothing was written",
        "已拒绝：{what}将达到无法精确表示的数额，超过 ecoledger 可精确合计的上限 1,000,000,000,000 万元；未写入任何内容";
    err_clock_behind(now, latest) =
        "refused: this write's clock says {now}, earlier than the ledger's latest record ({latest}); recorded time only moves forward (check --today / ECOLEDGER_TODAY); nothing was written",
        "已拒绝：本次写入的时钟为 {now}，早于账本最新记录的登记时间（{latest}）；登记时间只能向前（请检查 --today / ECOLEDGER_TODAY）；未写入任何内容";
    err_clock_ahead(now, system) =
        "refused: this write's clock says {now}, ahead of the system clock ({system}); a write cannot be recorded in the future (check --today / ECOLEDGER_TODAY); nothing was written",
        "已拒绝：本次写入的时钟为 {now}，超前于系统时钟（{system}）；不能登记未来时间的记录（请检查 --today / ECOLEDGER_TODAY）；未写入任何内容";
    err_closed_period(date, period, through, by, closed_at) =
        "refused: {date} is inside the closed period {period} (the books are closed through {through}, by {by} at {closed_at}); record the correction in an open period, or `ecoledger period reopen {period} --reason …`; nothing was written",
        "已拒绝：{date} 属于已结账期间 {period}（已结账至 {through}，{by} 于 {closed_at} 结账）；请在未结账期间登记更正，或 `ecoledger period reopen {period} --reason …` 反结账；未写入任何内容";
    err_read_only_ledger(path) =
        "{path}: the ledger is read-only here (read-only media or folder): it can be read, not changed; nothing was written",
        "{path}：账本在此处只读（只读介质或只读目录），可以查看，不能修改；未写入任何内容";
    err_overflow() =
        "the ledger holds amounts too large to add up exactly (it was written before ecoledger limited them); `ecoledger check` shows the totals",
        "账本中的金额过大，无法精确合计（系 ecoledger 设定上限之前写入）；`ecoledger check` 可查看合计";

    // Dates, amounts, schedules, periods, plans (domain).
    not_a_date(text) =
        "'{text}' is not a date; write YYYY-MM-DD (e.g. 2024-06-30)",
        "“{text}”不是日期；请写成 YYYY-MM-DD（如 2024-06-30）";
    not_a_calendar_day(text) = "'{text}' is not a day of the calendar", "“{text}”不是日历上存在的日期";
    date_out_of_range(text, min, max) =
        "'{text}' is out of range (years {min}-{max})",
        "“{text}”超出范围（年份 {min}-{max}）";
    amount_empty() = "empty amount", "金额为空";
    amount_not_a_number(text) =
        "'{text}' is not a plain decimal number of 10k CNY (digits, one optional '.', e.g. 1200.5)",
        "“{text}”不是以万元为单位的普通小数（数字，最多一个小数点，如 1200.5）";
    amount_too_precise(text) =
        "'{text}' has more than 4 decimals; estimates and plans are exact to 1 yuan (0.0001 × 10k CNY)",
        "“{text}”超过 4 位小数；估算和计划精确到 1 元（0.0001 万元）";
    amount_finer_than_fen(text) =
        "'{text}' has more than 6 decimals; payments are exact to 1 fen (0.000001 × 10k CNY), never rounded",
        "“{text}”超过 6 位小数；支出精确到 1 分（0.000001 万元），不作舍入";
    amount_out_of_range(text) =
        "'{text}' is out of range (at most 1000000000 (10k CNY) per amount)",
        "“{text}”超出范围（单笔金额最多 1000000000 万元）";
    not_a_schedule(text) =
        "'{text}' is not a schedule; write YYYY-YYYY (e.g. 2022-2025) or one year YYYY",
        "“{text}”不是实施周期；请写成 YYYY-YYYY（如 2022-2025）或单一年份 YYYY";
    compare_own_year(year) =
        "{year} is the report's own year; compare it with another year",
        "{year} 即本报表年度；请与其他年度对比";
    unknown_report_kind(text) =
        "'{text}': the reports are quarterly, monthly and annual",
        "“{text}”：报表为 quarterly（季度）、monthly（月度）和 annual（年度）";
    matrix_keys_differ() =
        "the two keys of a matrix must differ",
        "矩阵的两个汇总键必须不同";
    matrix_at_most_two() =
        "at most two keys (a matrix: the first down, the second across)",
        "最多两个汇总键（矩阵：第一个为行，第二个为列）";
    totals_before_plan(as_of, first) =
        "no project is in the ledger as of {as_of}: the earliest takes effect on {first}; every total is zero",
        "截至 {as_of} 账本中尚无项目：最早的项目生效日期为 {first}；各项合计均为零";
    who_writes() =
        "who makes this change? give --by NAME, or set ECOLEDGER_USER",
        "由谁进行此项修改？请用 --by 姓名，或设置 ECOLEDGER_USER";
    payments_outside_schedule(n, schedule, dates) =
        "{n} recorded payment(s) would fall outside {schedule} ({dates}); add --allow-payments-outside if that is right",
        "已登记的 {n} 笔支出将落在 {schedule} 之外（{dates}）；如确属如此，请加 --allow-payments-outside";
    ask_for_period_file(file) =
        "'{file}': ask for PERIOD.csv or PERIOD.xlsx",
        "“{file}”：请求 期间.csv 或 期间.xlsx";
    unknown_column(name, columns) =
        "unknown column '{name}'; this output's columns: {columns}",
        "未知列“{name}”；本输出的列为：{columns}";
    name_a_sort_column() =
        "name a column: --sort COLUMN or --sort COLUMN:desc",
        "请指定列：--sort 列名 或 --sort 列名:desc";
    subtotal_by_choices(text) =
        "'{text}': subtotal by category or department",
        "“{text}”：按 category（类别）或 department（部门）小计";
    only_projects_of(parts) = "only projects of: {parts}", "仅含项目：{parts}";
    not_a_year(text) =
        "'{text}' is not a year; write YYYY (e.g. 2024)",
        "“{text}”不是年份；请写成 YYYY（如 2024）";
    not_a_quarter(text) =
        "'{text}' is not a quarter; write one like 2024Q2 (quarters 1-4)",
        "“{text}”不是季度；请写成 2024Q2 这样的形式（季度 1-4）";
    not_a_month(text) =
        "'{text}' is not a month; give one like 2024-05",
        "“{text}”不是月份；请写成 2024-05 这样的形式";
    year_out_of_range(year, min, max) =
        "year {year} is out of range ({min}-{max})",
        "年份 {year} 超出范围（{min}-{max}）";
    schedule_ends_before_start(text) =
        "schedule '{text}' ends before it starts",
        "实施周期“{text}”的结束年份早于开始年份";
    not_a_period(text) =
        "'{text}' is not a period; write a year (2024), a quarter (2024Q2) or a month (2024-05)",
        "“{text}”不是期间；请写年度（2024）、季度（2024Q2）或月份（2024-05）";
    plan_malformed(text) =
        "'{text}' is not YEAR=AMOUNT (e.g. 2024=1200.5)",
        "“{text}”不是 年份=金额 的形式（如 2024=1200.5）";
    plan_bad_amount(item, problem) = "'{item}': {problem}", "“{item}”：{problem}";
    plan_negative(text) =
        "'{text}': amounts in a plan cannot be negative",
        "“{text}”：计划金额不能为负";
    plan_duplicate(year) = "year {year} appears twice", "年份 {year} 出现了两次";
    plan_outside_schedule(year, schedule) =
        "year {year} is outside the schedule {schedule}",
        "年份 {year} 不在实施周期 {schedule} 内";
    plan_wrong_total(total, estimate, difference) =
        "the plan adds up to {total} but the estimate is {estimate} (difference {difference})",
        "计划合计 {total}，但投资估算为 {estimate}（差额 {difference}）";
    plan_empty() = "a plan needs at least one YEAR=AMOUNT", "计划至少需要一项 年份=金额";

    // Texts and names.
    hidden_character(code) =
        "contains {code}, an invisible or direction-changing character: two names that look the same could differ",
        "含有 {code}，这是不可见或改变书写方向的字符：看起来相同的两个名称可能不同";
    control_characters() = "contains control characters", "含有控制字符";
    too_long(max) = "longer than {max} characters", "超过 {max} 个字符";
    empty() = "empty", "为空";
    must_not_be_empty() = "must not be empty", "不能为空";
    must_be_one_line() = "must be one line", "只能是一行";

    // Payments (domain rules).
    payment_long_before_schedule(date, schedule) =
        "{date} is more than a year before the project's schedule ({schedule}) begins",
        "{date} 比项目实施周期（{schedule}）开始早一年以上";
    payment_long_after_schedule(date, schedule) =
        "{date} is more than a year after the project's schedule ({schedule}) ends",
        "{date} 比项目实施周期（{schedule}）结束晚一年以上";
    date_in_future(date, today) =
        "{date} is in the future (today is {today})",
        "{date} 是未来日期（今天是 {today}）";
    not_an_entry_number(text) = "'{text}' is not an entry number", "“{text}”不是记录号";
    amount_zero(text) = "'{text}': an amount of zero", "“{text}”：金额为零";
    import_payment_not_positive(text) =
        "'{text}': a payment must be positive (reverse entries with spend --reverse)",
        "“{text}”：支出金额必须为正（冲销请用 spend --reverse）";
    reversal_amount_not_negative(text) =
        "'{text}': a reversal's amount is negative",
        "“{text}”：冲销金额应为负数";
    reversal_needs_reason() = "a reversal needs a reason", "冲销必须说明原因";

    // Import headers and values as people write them (domain::import).
    map_not_a_field(pair, name, fields) =
        "--map {pair}: '{name}' is not a field; fields: {fields}",
        "--map {pair}：“{name}”不是字段；字段有：{fields}";
    columns_both_give(first, second, field) =
        "columns '{first}' and '{second}' both give {field}; keep one (--ignore-column NAME)",
        "列“{first}”和“{second}”都对应 {field}；请保留一列（--ignore-column 列名）";
    unrecognised_columns(columns, recognised) =
        "unrecognised column(s) {columns}; recognised: {recognised}; or name it with --map 'HEADER=field', or leave it out with --ignore-column NAME",
        "无法识别的列：{columns}；可识别的有：{recognised}；或用 --map '表头=字段' 指明，或用 --ignore-column 列名 忽略";
    missing_columns(columns, recognised) =
        "missing column(s) {columns}; recognised: {recognised}",
        "缺少列：{columns}；可识别的有：{recognised}";
    no_amount_column(recognised) =
        "no amount column; recognised: {recognised}",
        "没有金额列；可识别的有：{recognised}";
    amount_without_unit(column) =
        "column '{column}' is an amount without a unit: give --unit yuan or --unit wan (money is never guessed)",
        "列“{column}”是未注明单位的金额：请加 --unit yuan 或 --unit wan（金额单位从不猜测）";
    two_amount_columns(columns) =
        "two amount columns ({columns}); keep one (--ignore-column NAME)",
        "有两个金额列（{columns}）；请保留一列（--ignore-column 列名）";
    loose_not_a_date(text) =
        "'{text}' is not a date; write it with the year first (2024-04-02, 2024/4/2)",
        "“{text}”不是日期；请把年份写在前面（2024-04-02、2024/4/2、2024年4月2日）";
    year_last(text) =
        "'{text}' puts the year last: is it month/day or day/month? write it with the year first (2024/4/2)",
        "“{text}”把年份写在最后：无法判断是月/日还是日/月；请把年份写在前面（2024/4/2）";
    decimal_comma(text) =
        "'{text}': a comma that is not a thousands separator (a decimal comma?); write 2.5 or 2,500",
        "“{text}”：逗号不是千位分隔符（是小数逗号吗？）；请写 2.5 或 2,500";
    not_an_amount_wan(text) =
        "'{text}' is not an amount of 10k CNY (digits, an optional '.', e.g. 1200.5)",
        "“{text}”不是以万元为单位的金额（数字，可带一个小数点，如 1200.5）";
    not_an_amount_yuan(text) =
        "'{text}' is not an amount of yuan (digits, an optional '.', e.g. 1,200.50)",
        "“{text}”不是以元为单位的金额（数字，可带一个小数点，如 1,200.50）";
    yuan_too_precise(text) =
        "'{text}' has more than 2 decimals of yuan: payments are exact to the fen, never rounded",
        "“{text}”的元金额超过 2 位小数：支出精确到分，不作舍入";
    loose_not_a_schedule(text) =
        "'{text}' is not a schedule (write 2022-2025 or one year)",
        "“{text}”不是实施周期（请写 2022-2025 或单一年份）";

    // Reading files to import (input).
    whole_row() = "row", "整行";
    header_missing(columns) = "missing column(s) {columns}", "缺少列：{columns}";
    header_unexpected(columns) = "unexpected column(s) {columns}", "多余的列：{columns}";
    header_expected(problems, expected) = "{problems}; expected {expected}", "{problems}；应为 {expected}";
    header_problem(problem) = "header: {problem}", "表头：{problem}";
    column_twice(name, first, second) =
        "column '{name}' appears twice (columns {first} and {second}); which one is meant cannot be guessed",
        "列“{name}”出现了两次（第 {first} 列和第 {second} 列）；无法判断应使用哪一列";
    file_empty() = "the file is empty", "文件为空";
    not_utf8() =
        "bytes that are not UTF-8 (try --encoding gb18030)",
        "含有非 UTF-8 字节（可试 --encoding gb18030）";
    not_utf8_with_bom() =
        "bytes that are not UTF-8 in a file marked UTF-8",
        "文件标记为 UTF-8，却含有非 UTF-8 字节";
    looks_like_utf8() =
        "the file looks like UTF-8 (it reads as UTF-8, and as GBK it would be garbled): leave out --encoding, or give --encoding utf-8",
        "文件看起来是 UTF-8（按 UTF-8 可正常读取，按 GBK 会出现乱码）：请去掉 --encoding，或改为 --encoding utf-8";
    neither_utf8_nor_gbk() =
        "bytes that are neither UTF-8 nor GB18030/GBK; nothing was imported",
        "含有既不是 UTF-8 也不是 GB18030/GBK 的字节；未导入任何内容";
    nul_byte() = "a NUL byte; this is not a text file", "含有 NUL 字节；这不是文本文件";
    file_changed_while_read() =
        "the file changed while it was being read; nothing was imported",
        "读取期间文件发生了变化；未导入任何内容";
    file_changed_while_imported() =
        "the file changed while it was being imported; nothing was imported",
        "导入期间文件发生了变化；未导入任何内容";
    reading_again(problem) = "reading it again: {problem}", "再次读取时出错：{problem}";
    invalid_text() = "invalid text", "无效文本";
    wrong_number_of_fields() = "wrong number of fields", "字段数不对";
    quote_to_end() =
        "a quoted field runs on to the end of the file: is a closing \" missing?",
        "带引号的字段一直延续到文件末尾：是否缺少右引号 \"？";
    quote_across_lines() =
        "a quoted field runs on across lines: is a closing \" missing?",
        "带引号的字段跨越了多行：是否缺少右引号 \"？";
    fields_count(found, expected) =
        "{found} fields where the header has {expected}",
        "有 {found} 个字段，而表头有 {expected} 个";
    row_problem(place, column, problem) = "{place}: {column}: {problem}", "{place}：{column}：{problem}";
    row_problem_nothing_imported(column, problem) =
        "{column}: {problem}; nothing was imported",
        "{column}：{problem}；未导入任何内容";
    not_a_workbook(error) =
        "not an Excel workbook (.xlsx) that can be read: {error}",
        "不是可读取的 Excel 工作簿（.xlsx）：{error}";
    workbook_too_large(mib) =
        "the workbook unpacks to more than {mib} MiB; split it, or save the sheet as CSV",
        "工作簿解压后超过 {mib} MiB；请拆分，或把工作表另存为 CSV";
    no_such_sheet(sheet, sheets) = "no sheet '{sheet}'; the sheets are {sheets}", "没有工作表“{sheet}”；现有工作表：{sheets}";
    workbook_no_sheet() = "the workbook has no sheet", "工作簿中没有工作表";
    sheet_problem(sheet, error) = "sheet '{sheet}': {error}", "工作表“{sheet}”：{error}";
    seed_empty_group() = "empty project group", "项目名称为空";

    // Names, dates and filters shared by every write (ops).
    actor_needed() = "a name of 1-64 printable characters is needed", "需要 1-64 个可打印字符的姓名";
    quoted_problem(text, problem) = "'{text}' {problem}", "“{text}”{problem}";
    actor_reserved(actor) =
        "'{actor}' is the name ecoledger signs its own records with; use your own name",
        "“{actor}”是 ecoledger 为自身记录署名所用的名称；请使用您自己的姓名";
    unknown_status(given, known) =
        "unknown status '{given}'; use {known}",
        "未知状态“{given}”；可用：{known}";

    // Reasons the program records itself (domain::history).
    reason_seeded(table, no) =
        "seeded from the plan, appendix table {table} no. {no}",
        "据规划附表{table}第{no}项初始化";
    reason_imported(file) = "imported from {file}", "从 {file} 导入";
    reason_upgraded_v1() = "upgraded from schema version 1", "由数据库版本 1 升级";
    reason_upgraded_journal() =
        "tamper evidence over every record: the old history and spending chains were verified, then every table was chained in one journal",
        "全部记录防篡改：先校验原有变更记录链和支出记录链，再将所有表纳入同一日志链";

    // Lifecycle moves and back-dating (ops::status).
    status_moved(id, from, to) = "{id}: {from} → {to}", "{id}：{from} → {to}";
    given_twice() = "given twice", "重复给出";
    back_dated(date, latest) =
        "--date {date} is before the project's latest change (effective {latest}); changes cannot be back-dated past it",
        "--date {date} 早于项目最近一次变更（生效日期 {latest}）；变更不能倒签到其之前";

    // Payments and reversals (ops::payment).
    paid(entry, id, date, amount) = "entry {entry}: {id} {date} {amount}", "支出记录 {entry}：{id} {date} {amount}";
    paid_after_completion(entry, id, date, amount) =
        "entry {entry}: {id} {date} {amount} (after completion: final payment)",
        "支出记录 {entry}：{id} {date} {amount}（竣工后支付：尾款）";
    reversed(entry, reverses, date, amount) =
        "entry {entry}: reverses entry {reverses}, {date} {amount}",
        "支出记录 {entry}：冲销记录 {reverses}，{date} {amount}";
    payment_not_positive(text) =
        "'{text}': a payment must be positive; correct a payment with --reverse",
        "“{text}”：支出金额必须为正；更正支出请用 --reverse";
    refused_payment_dates(problem) =
        "{problem}; the ledger is set to refuse such payments (config payment-dates)",
        "{problem}；账本设置为拒绝此类支出（config payment-dates）";
    too_large() = "too large", "金额过大";
    overspend(after, estimate, over) =
        "spending would reach {after}, above the current estimate {estimate} (overspend {over})",
        "支出将达到 {after}，超过现行投资估算 {estimate}（超支 {over}）";
    refused_overspend(what) =
        "{what}; the ledger is set to refuse overspending",
        "{what}；账本设置为拒绝超支";
    project_is(id, status) = "{id}: the project is {status}", "{id}：项目当前为“{status}”";
    same_entry_exists(id, same) =
        "{id}: an entry with the same date, amount and voucher exists (entry {same})",
        "{id}：已有日期、金额和凭证号都相同的支出记录（记录 {same}）";
    no_entry(entry) = "no spending entry {entry}", "没有支出记录 {entry}";
    entry_is_a_reversal(entry, of) =
        "entry {entry} is itself the reversal of entry {of}",
        "支出记录 {entry} 本身是对记录 {of} 的冲销";
    entry_already_reversed(entry, by) =
        "entry {entry} was already reversed by entry {by}",
        "支出记录 {entry} 已被记录 {by} 冲销";
    reversal_before_entry(date) =
        "a reversal cannot be dated before the entry it reverses ({date})",
        "冲销日期不能早于被冲销的记录（{date}）";

    // Closing the books (ops::period).
    period_not_over(period, through, today) =
        "{period} ends on {through} and today is {today}; a period is closed from the day after it ends",
        "{period} 于 {through} 结束，今天是 {today}；期间结束次日起才能结账";
    already_closed(through, period, actor, at) =
        "the books are already closed through {through} (the close of {period} by {actor} at {at})",
        "账已结至 {through}（{actor} 于 {at} 对 {period} 结账）";
    ledger_kept_changing() =
        "the ledger kept changing while the period's reports were computed; try again",
        "计算期间报表时账本不断变化；请重试";
    period_not_closed(period) =
        "{period} is not closed; `ecoledger period list` shows the closes",
        "{period} 未结账；`ecoledger period list` 列出结账记录";
    closed_by_wider(through, period) =
        "the books stay closed through {through} by the close of {period}: reopen {period} first",
        "因 {period} 已结账，账仍结至 {through}：请先对 {period} 反结账";
    period_closed_word() = "closed", "结账";
    period_reopened_word() = "reopened", "反结账";
    period_record_line(period, what, at, actor, reason) =
        "{period} {what} {at} {actor} ({reason})",
        "{period} {what} {at} {actor}（{reason}）";
    reopened_notice(lines) =
        "this period was reopened after a close: {lines}",
        "本期间结账后曾反结账：{lines}";
    period_closed(period, through) =
        "closed the books for {period} (through {through})",
        "已结账：{period}（结账至 {through}）";
    period_reopened(period, through) =
        "reopened {period} (through {through})",
        "已反结账：{period}（结账至 {through}）";

    // Quarters (ops::budget).
    is_a_year(year) =
        "'{year}' is a year; give a quarter like {year}Q2",
        "“{year}”是年度；请给出季度，如 {year}Q2";
    is_a_month(month, quarter) =
        "'{month}' is a month; give a quarter like {quarter}",
        "“{month}”是月份；请给出季度，如 {quarter}";

    // Importing payments (ops::import).
    sheet_flags_for_csv() =
        "--sheet and --header-row are for Excel workbooks (.xlsx); this is a CSV file",
        "--sheet 和 --header-row 只用于 Excel 工作簿（.xlsx）；这是 CSV 文件";
    no_such_header_row(n) = "--header-row {n}: the sheet has no such row", "--header-row {n}：工作表中没有这一行";
    header_problem_or_row(problem) =
        "header: {problem} (or name the header row with --header-row N)",
        "表头：{problem}（或用 --header-row N 指明表头行）";
    no_header_row() =
        "no header row in the first 20 rows; name it with --header-row N",
        "前 20 行中没有表头行；请用 --header-row N 指明";
    no_header() = "no header", "没有表头";
    imported_payments(what, total, place, encoding) =
        "imported {what}, {total}, from {place} ({encoding})",
        "已从 {place} 导入 {what}，合计 {total}（{encoding}）";
    dry_run_payments(what, total, place, encoding) =
        "dry run: {what}, {total}, from {place} ({encoding}) would be imported; nothing was written",
        "预检：将从 {place} 导入 {what}，合计 {total}（{encoding}）；未写入任何内容";
    one_entry() = "1 entry", "1 条";
    entries(n) = "{n} entries", "{n} 条";
    unknown_project_id(id) = "unknown project id '{id}'", "未知项目编号“{id}”";
    row_in_closed_period(date, period, through) =
        "{date} is inside the closed period {period} (the books are closed through {through}); nothing in a closed period can be recorded",
        "{date} 属于已结账期间 {period}（已结账至 {through}）；已结账期间不能登记任何内容";
    not_an_earlier_row(n) = "entry {n} is not an earlier row of this file", "记录 {n} 不是本文件中靠前的行";
    already_reversed_in_file(n) = "entry {n} is already reversed in this file", "记录 {n} 已在本文件中被冲销";
    reversal_takes_back(n, amount, project) =
        "entry {n} is {amount} to {project}; a reversal takes back exactly that",
        "记录 {n} 是支付给 {project} 的 {amount}；冲销须恰好冲回该金额";
    row_project_was(at, id, status, date) =
        "{at}: {id}: the project was {status} on {date}",
        "{at}：{id}：项目在 {date} 为“{status}”";
    row_warning(at, id, problem) = "{at}: {id}: {problem}", "{at}：{id}：{problem}";
    row_overspend(id, after, estimate) =
        "takes {id}'s spending to {after}, above its estimate {estimate}",
        "使 {id} 的支出达到 {after}，超过其投资估算 {estimate}";
    bad_mapping_name(name) =
        "'{name}': a mapping's name is 1-40 letters, digits, '-' or '_'",
        "“{name}”：映射名称须为 1-40 个字母、数字、“-”或“_”";
    mapping_unreadable(error) = "the saved mapping cannot be read: {error}", "无法读取已保存的映射：{error}";
    no_mapping_none_saved() =
        "no mapping is saved under that name (none is saved yet; save one with --save-mapping NAME)",
        "没有以此名称保存的映射（尚未保存任何映射；可用 --save-mapping 名称 保存）";
    no_mapping_saved(saved) =
        "no mapping is saved under that name; saved: {saved}",
        "没有以此名称保存的映射；已保存：{saved}";
    already_imported(name, when) =
        "this file's content was already imported ({name}, recorded {when}); add --allow-duplicate to import it again",
        "此文件内容已导入过（{name}，登记于 {when}）；如需再次导入，请加 --allow-duplicate";
    reading_thread_stopped() = "the reading thread stopped unexpectedly", "读取线程意外停止";
    no_data_rows() = "no data rows; nothing was imported", "没有数据行；未导入任何内容";
    at_entry(prefix, entry) = "{prefix} entry {entry}", "{prefix} 记录 {entry}";
    row_same_entry(at, same) =
        "{at}: same project, date, amount and voucher as entry {same}",
        "{at}：项目、日期、金额和凭证号与记录 {same} 相同";
    total_row_passed(at) = "{at}: a total row, passed over", "{at}：合计行，已跳过";

    // What every command says (commands).
    warning(line) = "warning: {line}", "警告：{line}";
    upgraded(from, to, backup) =
        "upgraded the ledger's schema {from} → {to}; the old file is kept at {backup}",
        "已升级账本数据库版本 {from} → {to}；旧文件已备份至 {backup}";
    created_ledger(path) = "created and seeded a new ledger at {path}", "已新建并初始化账本：{path}";
    removed_orphan(path) =
        "removed a partial copy an interrupted run left behind: {path}",
        "已删除一次中断运行留下的不完整副本：{path}";
    workbook_is_binary() = "a workbook is binary: add --out FILE.xlsx", "工作簿是二进制文件：请加 --out 文件.xlsx";
    has_explicit_plan(plan) =
        "has an explicit annual plan ({plan}); give the new plan with --plan YEAR=AMOUNT … or --plan even",
        "已有分年度计划（{plan}）；请用 --plan 年份=金额 … 或 --plan even 给出新计划";
    output_no_folder(path, folder) =
        "{path}: the folder {folder} does not exist (nothing was written)",
        "{path}：目录 {folder} 不存在（未写入任何内容）";
    output_refused(path, what) =
        "{path} {what}; choose another file (nothing was written)",
        "{path} {what}；请另选文件（未写入任何内容）";
    is_the_ledger() = "is the ledger (or one of its journal files)", "是账本本身（或其日志文件）";
    is_an_sqlite_database() = "is an SQLite database", "是 SQLite 数据库";
    is_a_journal_file() = "is the journal file of an SQLite database", "是 SQLite 数据库的日志文件";
    input_is_the_ledger() =
        "is the ledger itself (or one of its journal files), not a file to import",
        "是账本本身（或其日志文件），不是要导入的文件";

    // Revisions, schedules, plans and edits (commands).
    estimate_not_positive() = "an estimate must be positive", "投资估算必须为正";
    stage_backwards(stage, current) =
        "stage {stage} comes before the current stage {current}; stages only move forward",
        "造价阶段“{stage}”早于当前阶段“{current}”；造价阶段只能向前推进";
    estimate_unchanged(amount) =
        "the estimate is already {amount} at this stage",
        "该阶段的投资估算已是 {amount}";
    estimate_revised(id, stage, before, after) =
        "{id}: {stage} {before} → {after}",
        "{id}：{stage} {before} → {after}";
    unknown_stage(given, known) =
        "unknown cost stage '{given}'; use {known}",
        "未知造价阶段“{given}”；可用：{known}";
    schedule_unchanged(schedule) = "the schedule is already {schedule}", "实施周期已是 {schedule}";
    schedule_changed(id, before, after) = "{id}: {before} → {after}", "{id}：{before} → {after}";
    plan_unchanged(plan) = "the plan is already {plan}", "计划已是 {plan}";
    plan_changed(id, before, after) = "{id}: {before} → {after}", "{id}：{before} → {after}";
    plan_even() = "even spread", "平均分摊";
    nothing_to_edit() =
        "nothing to change: give --category, --group, --description or --department",
        "没有要修改的内容：请给出 --category、--group、--description 或 --department";
    nothing_changes() =
        "nothing changes: the values given are the current ones",
        "没有变化：给出的值与当前值相同";
    edited(id, fields) = "{id}: {fields}", "{id}：{fields}";
    unknown_setting(key, known) = "unknown setting '{key}'; settings: {known}", "未知设置“{key}”；设置项有：{known}";
    setting_values(given, first, second) = "'{given}': use {first} or {second}", "“{given}”：请用 {first} 或 {second}";
    department_close(given, suggestions) =
        "'{given}' is close to {suggestions}; use that spelling, or add --new-department if it really is a new department",
        "“{given}”与 {suggestions} 相近；请使用该写法，如确为新部门，请加 --new-department";
    not_a_department_name(name) = "'{name}' is not a department name", "“{name}”不是部门名称";
    not_a_department_name_because(name, why) =
        "'{name}' is not a department name: it {why}",
        "“{name}”不是部门名称：{why}";
    listed_twice(name) = "'{name}' is listed twice", "“{name}”列出了两次";
    department_needed() = "at least one lead department is needed", "至少需要一个牵头部门";

    // Importing projects (commands::projects_import).
    table_or_category_needed() =
        "empty: give the appendix table or the category",
        "为空：请给出附表或类别";
    not_a_table_number(text, max) =
        "'{text}' is not an appendix table number (1-{max})",
        "“{text}”不是附表编号（1-{max}）";
    not_the_tables_category(text, table, category) =
        "'{text}' is not table {table}'s category ({category})",
        "“{text}”不是附表{table}的类别（{category}）";
    estimate_whole_yuan(text) =
        "'{text}': estimates are kept to the yuan (at most 4 decimals of 10k CNY); never rounded",
        "“{text}”：投资估算精确到元（万元最多 4 位小数）；不作舍入";
    schedule_needed() =
        "empty: give the schedule (e.g. 2022-2025) or start_year and end_year",
        "为空：请给出实施周期（如 2022-2025），或 start_year 和 end_year";
    schedule_disagrees(given, years) =
        "'{given}' disagrees with start_year-end_year {years}; keep one",
        "“{given}”与 start_year-end_year {years} 不一致；请只保留一种";
    new_project_starts_planned() =
        "a new project starts as planned; move it on with start/complete/…",
        "新项目以“储备”状态开始；请用 start/complete 等命令推进";
    appendix_id_not_in_ledger(id) =
        "'{id}' is not in the ledger, and appendix ids belong to the plan; leave id blank to add a project",
        "“{id}”不在账本中，而附表编号属于规划；新增项目请留空编号";
    bad_id(id) =
        "'{id}': ids use letters, digits, '-' and '_' (at most 32)",
        "“{id}”：编号只能用字母、数字、“-”和“_”（最多 32 个）";
    import_has_plan(id) =
        "{id} has an explicit annual plan; change its estimate or schedule with `ecoledger estimate … --plan` or `reschedule … --plan`",
        "{id} 有分年度计划；请用 `ecoledger estimate … --plan` 或 `reschedule … --plan` 调整其投资估算或实施周期";
    not_one_step(id, from, to) =
        "{id} cannot go from {from} to {to} in one step",
        "{id} 不能一步从“{from}”变为“{to}”";
    no_estimate_column() =
        "no estimate column (estimate_wan, or estimate_yuan in yuan)",
        "没有投资估算列（estimate_wan / 投资估算（万元），或以元为单位）";
    appears_twice_in_file(id) = "'{id}' appears twice in the file", "“{id}”在文件中出现了两次";
    imported_projects(place, added, updated, unchanged) =
        "imported {place}: {added} added, {updated} updated, {unchanged} unchanged",
        "已导入 {place}：新增 {added} 个，更新 {updated} 个，未变 {unchanged} 个";
    dry_run_projects(place, added, updated, unchanged) =
        "dry run: {place} would add {added}, update {updated} and leave {unchanged} unchanged; nothing was written",
        "预检：{place} 将新增 {added} 个，更新 {updated} 个，未变 {unchanged} 个；未写入任何内容";
    map_form(given) = "'{given}': write it as HEADER=field", "“{given}”：请写成 表头=字段";
    and_more_warnings(n) = "… and {n} more", "……另有 {n} 条";
    total_out_of_range() = "the total is out of range", "合计超出范围";
    html_only() = "report html always writes HTML; leave --format out", "report html 只输出 HTML；请去掉 --format";
    is_a_year_use_annual(year) =
        "'{year}' is a year; give a quarter like {year}Q2, or use `report annual {year}`",
        "“{year}”是年度；请给出季度，如 {year}Q2，或使用 `report annual {year}`";

    // Checking the ledger (commands::check).
    not_a_chain_head(text) =
        "'{text}' is not a chain head (64 hex digits, as `check` prints it)",
        "“{text}”不是链头（应为 64 位十六进制数字，即 `check` 显示的值）";
    limits_detail(estimates, payments) =
        "current estimates {estimates}, payments {payments}; at most 1,000,000,000,000 (10k CNY) each",
        "现行估算合计 {estimates}，支出合计 {payments}；上限各为 1,000,000,000,000 万元";
    replay_no_history() = "has no history record", "没有变更记录";
    replay_history_differs(field, expected, new) =
        "{field} is {expected}, but its history says {new}",
        "{field} 为 {expected}，但其变更记录为 {new}";
    replay_created_without(field) =
        "was created without a history record of its {field}",
        "创建时没有其 {field} 的变更记录";
    replay_predecessor_differs(field, actual, expected) =
        "{field} is {actual}, but its predecessor and history give {expected}",
        "{field} 为 {actual}，但按前一版本和变更记录应为 {expected}";
    replay_missing_version() =
        "is named by history records but does not exist",
        "被变更记录引用，但并不存在";

    // The dashboard's server (commands::serve).
    no_random_numbers(error) = "no random numbers: {error}", "无法获取随机数：{error}";
    not_an_address(addr) = "'{addr}' is not an address like 127.0.0.1:8080", "“{addr}”不是形如 127.0.0.1:8080 的地址";
    token_too_short(min) =
        "a token needs at least {min} printable ASCII characters, no spaces",
        "访问令牌至少需要 {min} 个可打印 ASCII 字符，不含空格";
    token_too_weak(bits, needed) =
        "the token is too easy to guess (about {bits} bits; at least {needed} needed): use more different characters, or `ecoledger serve --new-token`",
        "访问令牌太容易猜中（约 {bits} 位；至少需要 {needed} 位）：请使用更多不同的字符，或用 `ecoledger serve --new-token` 生成";
    token_needed_for(addr) =
        "{addr} is reachable from other computers; give --token TOKEN (or set ECOLEDGER_TOKEN) so that only people with the token get in",
        "{addr} 可从其他计算机访问；请给出 --token 令牌（或设置 ECOLEDGER_TOKEN），只让持有令牌的人进入";
    cannot_listen(addr, error) = "cannot listen on {addr}: {error}", "无法在 {addr} 上监听：{error}";
    serving(path, url) =
        "ecoledger: serving {path} at {url} (Ctrl-C to stop)",
        "ecoledger：正在提供服务：{path}，地址 {url}（按 Ctrl-C 停止）";
    other_computers(ip) =
        "ecoledger: other computers open it with this computer's network address in place of {ip}",
        "ecoledger：其他计算机请用本机网络地址替换 {ip} 后打开";
    stopped() = "ecoledger: stopped", "ecoledger：已停止";
    unknown_action(given, known) = "unknown action '{given}'; use {known}", "未知操作“{given}”；可用：{known}";

    // The dashboard (web).
    unknown_form_action(action) = "unknown action '{action}'", "未知操作“{action}”";
    not_a_table() = "not a table", "不是表格";
    ask_for_quarter_file(file) =
        "'{file}': ask for QUARTER.csv or QUARTER.xlsx",
        "“{file}”：请求 季度.csv 或 季度.xlsx（如 2024Q2.csv）";
    request_failed(error) = "the request failed: {error}", "请求失败：{error}";
    page_not_drawn(error) = "the page could not be drawn: {error}", "页面无法生成：{error}";
    too_many_failures(secs) =
        "Too many failed attempts from this address; try again in {secs} s",
        "此地址失败次数过多；请在 {secs} 秒后再试";
    wrong_host(host) =
        "this server answers only to its own address, not to Host '{host}'",
        "本服务只响应自身地址，不响应 Host“{host}”";

    // Opening, upgrading and copying the ledger (store).
    changed_before_upgrade(problem) =
        "the ledger was changed behind ecoledger's back before this upgrade ({problem}); run `ecoledger check` with the release that wrote it; nothing was upgraded",
        "升级前账本已在 ecoledger 之外被改动（{problem}）；请用写入它的版本运行 `ecoledger check`；未进行升级";
    new_journal_broken(problem) =
        "the new journal does not verify ({problem}); nothing was upgraded",
        "新日志链校验未通过（{problem}）；未进行升级";
    sealed_out_of_order(id, next) =
        "row {id} sealed out of order (the next is {next}); nothing was written",
        "记录 {id} 的封存顺序错误（下一条应为 {next}）；未写入任何内容";
    backup_exists() = "already exists; choose a new file name", "已存在；请另选文件名";
    ledger_stayed_locked() = "the ledger stayed locked; try again", "账本一直被锁定；请重试";
    another_process_writing() =
        "another process is writing to the ledger; nothing was replaced (try again when it has finished)",
        "另一进程正在写入账本；未替换任何内容（请待其完成后重试）";
    copy_unfinished() = "the copy did not finish; nothing was replaced", "复制未完成；未替换任何内容";
    upgrade_needs_writable(version) =
        "schema version {version} must be upgraded, which needs a writable copy; this one is read-only here (copy it somewhere writable first)",
        "数据库版本 {version} 需要升级，升级需要可写的副本；此处为只读（请先复制到可写位置）";
    upgrade_with_command_line(version) =
        "schema version {version}: open it once with the command line to upgrade it",
        "数据库版本 {version}：请先用命令行打开一次以完成升级";
    broken_references_left() =
        "creating or upgrading the ledger left broken references; the file was not changed",
        "创建或升级账本后出现断开的引用；文件未被改动";
    unknown_status_code(code) = "unknown status '{code}'", "未知状态“{code}”";
    no_random_numbers_session() = "no random numbers for a session", "无法为会话获取随机数";
    workbook_write_failed(error) = "writing the workbook: {error}", "写入工作簿时出错：{error}";
    appendix_table_subject(table, name) = "appendix table {table} {name}", "附表{table} {name}";
    project_count(n) = "{n} projects", "{n} 个项目";

    // The command line as clap parses it (shown in Chinese; English keeps clap's words).
    clap_invalid_value(value, arg) = "invalid value '{value}' for '{arg}'", "参数 {arg} 的值“{value}”无效";
    clap_invalid_value_one_of(value, arg, valid) =
        "invalid value '{value}' for '{arg}'; possible values: {valid}",
        "参数 {arg} 的值“{value}”无效；可选值：{valid}";
    clap_unknown_argument(arg) = "unexpected argument '{arg}'", "无法识别的参数“{arg}”";
    clap_unknown_subcommand(command) = "unrecognized subcommand '{command}'", "无法识别的子命令“{command}”";
    clap_no_equals(arg) = "equal sign is needed when assigning values to '{arg}'", "给 {arg} 赋值时需要用等号";
    clap_too_many_values(value, arg) =
        "unexpected value '{value}' for '{arg}'",
        "参数 {arg} 的值过多（多出“{value}”）";
    clap_wrong_number_of_values(arg) = "wrong number of values for '{arg}'", "参数 {arg} 的值个数不对";
    clap_conflict(arg, prior) = "'{arg}' cannot be used with '{prior}'", "参数 {arg} 不能与 {prior} 同时使用";
    clap_missing_required(args) =
        "the following required arguments were not provided: {args}",
        "缺少以下必需的参数：{args}";
    clap_missing_subcommand(commands) =
        "a subcommand is required: {commands}",
        "需要给出子命令：{commands}";
    clap_invalid_utf8() = "invalid UTF-8 was detected in one or more arguments", "参数中含有无效的 UTF-8 文本";
    clap_other() = "the command line could not be read", "无法解析命令行";
    clap_did_you_mean(message, suggestion) =
        "{message}; did you mean '{suggestion}'?",
        "{message}；是否指“{suggestion}”？";
    clap_more_help() = "For more information, try '--help'.", "更多信息请使用 --help。";
    filed_quarterly(quarter) = "quarterly report {quarter}", "{quarter} 季度报表";
    filed_quarterly_as_of(quarter, date) = "quarterly report {quarter} as of {date}", "{quarter} 季度报表（截至 {date}）";
    filed_annual(year) = "annual report {year}", "{year} 年度报表";
    filed_report(name, hash) = "  {name}: sha256 {hash}", "  {name}：sha256 {hash}";
    program_error(message) = "ecoledger: {message}", "ecoledger：{message}";
    spending_note(entries, total) = "{entries}, total (10k CNY): {total}", "{entries}，合计（万元）：{total}";
    break_altered(table, key) = "{table} {key} was altered", "{table} {key} 已被改动";
    break_altered_of(table, key, project) = "{table} {key} ({project}) was altered", "{table} {key}（{project}）已被改动";
    break_stray(table, key, record) =
        "{table} {key} (journal record {record}) out of place (its journal record is missing or earlier than the rows before it)",
        "{table} {key}（日志记录 {record}）位置异常（所属日志记录缺失，或早于其前面的记录）";
    break_rows(seq, action) =
        "journal record {seq} ({action}): its rows were changed, added or removed",
        "日志记录 {seq}（{action}）：其所含记录被改动、增加或删除";
    break_record(seq) = "journal record {seq} was altered", "日志记录 {seq} 已被改动";
    break_removed(after, before) =
        "journal: records removed between {after} and {before}",
        "日志：记录被删除，位于 {after} 与 {before} 之间";
    check_reconcile_failed(failures) =
        "reconcile: differences found ({failures}): ecoledger reconcile",
        "对账：发现不一致（{failures} 处）：请运行 ecoledger reconcile";
    journal_detail(records, rows, seq, hash) =
        "{records} records, {rows} rows; head #{seq} {hash}",
        "{records} 条记录，{rows} 行；链头 #{seq} {hash}";
    replay_problem(version, project, what) =
        "project_version {version} ({project}) {what}",
        "项目版本 {version}（{project}）{what}";
    triggers_missing(triggers) = "missing: {triggers}", "缺失：{triggers}";
    running_total_differs(kind, kept, summed) =
        "{kind}: the file keeps {kept}, its records sum to {summed}",
        "{kind}：文件记为 {kept}，其记录合计为 {summed}";
    upgrade_changed_chain() =
        "the upgrade would change what the hash chain verifies; the file was not changed",
        "升级会改变哈希链的校验结果；文件未被改动";
    aggregate_differs(table, key, kept, recomputed) =
        "{table} {key}: the file keeps {kept}, its records give {recomputed}",
        "{table} {key}：文件记为 {kept}，由记录算得 {recomputed}";
    broken_reference(table, id) = "{table} {id} refers to a row that does not exist", "{table} {id} 引用了不存在的记录";
    closes_match(n) =
        "every closed period's reports are as filed ({n})",
        "各已结账期间的报表与结账时一致（{n} 份）";
    differs_from_filed(period, report) =
        "{period}: {report} differs from the report filed at its close",
        "{period}：{report}与结账时归档的报表不一致";
    journal_record_at(seq, at) = "journal record {seq} {at}", "日志记录 {seq} {at}";
    in_future(found) =
        "dated or recorded in the future (written before such dates were refused; see the user guide to correct them): {found}",
        "业务日期或登记时间晚于今天（系在拒绝此类日期之前写入；更正方法见用户指南）：{found}";
    showing_first(shown, total) =
        "{shown} / {total}: only the first rows are shown; narrow the filters",
        "{shown} / {total}：仅显示前若干行，请缩小筛选范围";
    // Indicators (表2-1).
    indicator_score_note(year, total, max, veto) =
        "{year}: {total} of {max} points; {veto}",
        "{year}年：得分 {total} / {max} 分；{veto}";
    indicator_no_veto() =
        "every basic condition is met",
        "基本条件均已满足";
    indicator_veto(list) =
        "the veto applies: basic condition(s) {list} not met",
        "一票否决：基本条件 {list} 未满足";
    err_unknown_indicator(given) =
        "unknown indicator '{given}': use 1-38, a part such as 5.2, or a basic condition C1-C7 (`ecoledger indicators list` shows them)",
        "未知指标“{given}”：请用 1-38、分项如 5.2，或基本条件 C1-C7（`ecoledger indicators list` 列出全部）";
    err_indicator_has_parts(no, parts) =
        "indicator {no} is scored by its parts ({parts}): record one part, e.g. {no}.1",
        "指标 {no} 按分项计分（{parts}）：请逐项录入，如 {no}.1";
    err_indicator_no_parts(no) =
        "indicator {no} has no parts to address: record it as {no}",
        "指标 {no} 不分项：请按 {no} 录入";
    err_indicator_not_number(key, value, criterion) =
        "{key}: '{value}' is not a number; the criterion {criterion} needs an exact decimal such as 85.5",
        "{key}：“{value}”不是数字；指标值 {criterion} 需要精确的小数，如 85.5";
    err_indicator_met_needed(key, criterion) =
        "{key}: the criterion '{criterion}' is judged by a person: add --met yes or --met no",
        "{key}：指标值“{criterion}”需人工判定：请加 --met yes 或 --met no";
    err_indicator_met_not_used(key) =
        "{key}: --met is only for text criteria and basic conditions; this value is judged from its number",
        "{key}：--met 仅用于文字类指标值和基本条件；该值按数字判定";
    err_indicator_year(year, max) =
        "{year}: a measured year runs from 2021 (the plan's baseline) to {max} (this year)",
        "{year}：数值年度应在 2021（规划基准年）至 {max}（今年）之间";
    err_indicator_replaces(key, year) =
        "{key} already has a value for {year}: say why it is replaced with --reason",
        "{key} 已有 {year} 年的数值：替换时请用 --reason 说明原因";
    err_indicator_empty(what) =
        "{what} is empty",
        "{what} 为空";
    err_indicator_field(given, known) =
        "--field: unknown field '{given}'; the fields are {known}",
        "--field：未知领域“{given}”；领域有：{known}";
    err_indicator_department(given) =
        "--department: no indicator names '{given}' as a responsible department",
        "--department：没有指标的责任单位为“{given}”";
    indicator_recorded(key, year, value, points, max) =
        "{key} {year}: {value} recorded ({points} of {max} points)",
        "{key} {year}年：已录入 {value}（得 {points} / {max} 分）";
    condition_recorded(key, year, value, status) =
        "{key} {year}: {value} recorded ({status})",
        "{key} {year}年：已录入 {value}（{status}）";
    indicator_linked(key, project) =
        "linked {project} to indicator {key}",
        "已将 {project} 关联到指标 {key}";
    indicator_unlinked(key, project) =
        "unlinked {project} from indicator {key}",
        "已取消 {project} 与指标 {key} 的关联";
    err_indicator_already_linked(key, project) =
        "{project} is already linked to indicator {key}",
        "{project} 已关联到指标 {key}";
    err_indicator_not_linked(key, project) =
        "{project} is not linked to indicator {key}",
        "{project} 未关联到指标 {key}";
    err_indicator_link_whole(no, given) =
        "projects are linked to whole indicators: link {no}, not {given}",
        "项目关联到整项指标：请关联 {no}，而不是 {given}";
    err_assessment_section(given, known) =
        "unknown section '{given}'; the sections are {known}",
        "未知部分“{given}”；可选部分：{known}";
    err_assessment_csv_section() =
        "a CSV holds one section: add --section NAME, or --out FOLDER for one file per section",
        "一个 CSV 只能容纳一个部分：请加 --section 名称，或用 --out 目录 为每个部分各写一个文件";
    indicator_records_ok(measurements, links) =
        "{measurements} values and {links} links in force, each naming an indicator of the plan",
        "{measurements} 条指标值、{links} 条有效关联，均指向规划中的指标";
    indicator_records_unknown(list) =
        "naming no indicator of the plan: {list}",
        "未指向规划中的指标：{list}";
    indicator_totals_alone() =
        "indicator totals take no second --by (a project's share of an indicator is not spread by year or department)",
        "按指标汇总不能再给第二个 --by（项目在指标间的分摊不再按年度或部门展开）";
    // @@
}

/// "1 bad row" / "3 bad rows" / "3 行有误".
pub fn bad_rows(n: &usize) -> super::Text {
    if *n == 1 {
        bad_row(n)
    } else {
        bad_rows_many(n)
    }
}

/// "3 bad rows (4 problems)".
pub fn bad_rows_problems(rows: &usize, problems: &usize) -> super::Text {
    bad_rows_problems_text(bad_rows(rows), problems)
}

/// "1 entry" / "3 entries" / "3 条".
pub fn entry_count(n: i64) -> super::Text {
    if n == 1 {
        one_entry()
    } else {
        entries(n)
    }
}
