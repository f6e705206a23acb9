-- Version 4 → 5: tamper evidence over every record. Every table is rebuilt with its
-- rows' journal record (`jseq`) and hash (`rhash`); history and spending lose their own
-- chain columns (the journal replaces them); settings become a log; import_file loses
-- its row count (it is the count of the rows the import added). The old tables are
-- renamed here; src/store/migrate.rs verifies the old chains, creates the new schema,
-- copies every row with its hash, writes the journal and drops the old tables.
DROP TRIGGER IF EXISTS history_no_update;
DROP TRIGGER IF EXISTS history_no_delete;
DROP TRIGGER IF EXISTS project_version_no_update;
DROP TRIGGER IF EXISTS project_version_no_delete;
DROP TRIGGER IF EXISTS version_department_no_update;
DROP TRIGGER IF EXISTS version_department_no_delete;
DROP TRIGGER IF EXISTS version_plan_year_no_update;
DROP TRIGGER IF EXISTS version_plan_year_no_delete;
DROP TRIGGER IF EXISTS spending_no_update;
DROP TRIGGER IF EXISTS spending_no_delete;
DROP INDEX IF EXISTS project_version_by_project;
DROP INDEX IF EXISTS project_version_by_date;
DROP INDEX IF EXISTS version_department_by_department;
DROP INDEX IF EXISTS history_by_project;
DROP INDEX IF EXISTS spending_by_project;
DROP INDEX IF EXISTS spending_by_date;
DROP INDEX IF EXISTS import_file_by_hash;
ALTER TABLE category RENAME TO v4_category;
ALTER TABLE department RENAME TO v4_department;
ALTER TABLE project RENAME TO v4_project;
ALTER TABLE project_version RENAME TO v4_project_version;
ALTER TABLE version_department RENAME TO v4_version_department;
ALTER TABLE version_plan_year RENAME TO v4_version_plan_year;
ALTER TABLE history RENAME TO v4_history;
ALTER TABLE spending RENAME TO v4_spending;
ALTER TABLE import_file RENAME TO v4_import_file;
ALTER TABLE setting RENAME TO v4_setting;
