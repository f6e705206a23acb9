-- Version 1 → 2: project state moves from columns of `project` into append-only
-- `project_version` rows (with departments and explicit annual plans per version), and
-- the append-only `history` log arrives. Every version-1 project becomes one 'seed'
-- version effective on the plan's issue date, keeping its estimate, schedule, status and
-- departments; one history row per project records the upgrade.

CREATE TABLE project_version (
    id             INTEGER PRIMARY KEY,
    project_id     TEXT NOT NULL REFERENCES project (id),
    effective_date TEXT NOT NULL CHECK (effective_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    change         TEXT NOT NULL
                   CHECK (change IN ('seed', 'create', 'status', 'estimate', 'schedule', 'plan', 'edit')),
    table_no       INTEGER NOT NULL REFERENCES category (table_no),
    group_name     TEXT NOT NULL,
    description    TEXT NOT NULL,
    status         TEXT NOT NULL
                   CHECK (status IN ('planned', 'in_progress', 'suspended', 'completed', 'cancelled')),
    estimate_yuan  INTEGER NOT NULL CHECK (estimate_yuan >= 0),
    stage          TEXT NOT NULL
                   CHECK (stage IN ('estimate', 'preliminary', 'budget', 'settlement', 'final')),
    start_year     INTEGER NOT NULL CHECK (start_year BETWEEN 1900 AND 2200),
    end_year       INTEGER NOT NULL CHECK (end_year BETWEEN start_year AND 2200),
    has_plan       INTEGER NOT NULL DEFAULT 0 CHECK (has_plan IN (0, 1))
) STRICT;

INSERT INTO project_version
    (project_id, effective_date, change, table_no, group_name, description, status,
     estimate_yuan, stage, start_year, end_year, has_plan)
SELECT id, '2022-10-18', 'seed', table_no, group_name, description, status,
       estimate_yuan, 'estimate', start_year, end_year, 0
FROM project ORDER BY table_no, no;

CREATE TABLE version_department (
    version_id    INTEGER NOT NULL REFERENCES project_version (id),
    position      INTEGER NOT NULL CHECK (position >= 0),
    department_id INTEGER NOT NULL REFERENCES department (id),
    PRIMARY KEY (version_id, position),
    UNIQUE (version_id, department_id)
) STRICT, WITHOUT ROWID;

INSERT INTO version_department (version_id, position, department_id)
SELECT v.id, pd.position, pd.department_id
FROM project_department pd JOIN project_version v ON v.project_id = pd.project_id;

CREATE TABLE version_plan_year (
    version_id  INTEGER NOT NULL REFERENCES project_version (id),
    year        INTEGER NOT NULL,
    amount_yuan INTEGER NOT NULL CHECK (amount_yuan >= 0),
    PRIMARY KEY (version_id, year)
) STRICT, WITHOUT ROWID;

CREATE TABLE history (
    id             INTEGER PRIMARY KEY,
    recorded_at    TEXT NOT NULL,
    effective_date TEXT NOT NULL,
    actor          TEXT NOT NULL,
    project_id     TEXT REFERENCES project (id),
    action         TEXT NOT NULL,
    field          TEXT NOT NULL,
    old_value      TEXT,
    new_value      TEXT,
    reason         TEXT,
    note           TEXT,
    version_id     INTEGER REFERENCES project_version (id)
) STRICT;

INSERT INTO history (recorded_at, effective_date, actor, project_id, action, field, new_value, reason, version_id)
SELECT :recorded_at, v.effective_date, 'ecoledger', v.project_id, 'seed', 'project',
       v.status || ' ' || v.stage, 'upgraded from schema version 1', v.id
FROM project_version v ORDER BY v.id;

-- Replace `project` by the identity-only table; its old columns now live in versions.
DROP VIEW project_year;
DROP VIEW department_share;
DROP TABLE project_department;
CREATE TABLE project_new (
    id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 32),
    no INTEGER NOT NULL
) STRICT;
INSERT INTO project_new (id, no) SELECT id, no FROM project;
DROP TABLE project;
ALTER TABLE project_new RENAME TO project;

CREATE INDEX project_version_by_project ON project_version (project_id, id);
CREATE INDEX project_version_by_date ON project_version (effective_date, project_id);
CREATE INDEX version_department_by_department ON version_department (department_id);
CREATE INDEX history_by_project ON history (project_id, id);

CREATE TRIGGER history_no_update BEFORE UPDATE ON history
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER history_no_delete BEFORE DELETE ON history
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER project_version_no_update BEFORE UPDATE ON project_version
BEGIN SELECT RAISE(ABORT, 'project versions are append-only'); END;
CREATE TRIGGER project_version_no_delete BEFORE DELETE ON project_version
BEGIN SELECT RAISE(ABORT, 'project versions are append-only'); END;
CREATE TRIGGER version_department_no_update BEFORE UPDATE ON version_department
BEGIN SELECT RAISE(ABORT, 'project versions are append-only'); END;
CREATE TRIGGER version_department_no_delete BEFORE DELETE ON version_department
BEGIN SELECT RAISE(ABORT, 'project versions are append-only'); END;
CREATE TRIGGER version_plan_year_no_update BEFORE UPDATE ON version_plan_year
BEGIN SELECT RAISE(ABORT, 'project versions are append-only'); END;
CREATE TRIGGER version_plan_year_no_delete BEFORE DELETE ON version_plan_year
BEGIN SELECT RAISE(ABORT, 'project versions are append-only'); END;
