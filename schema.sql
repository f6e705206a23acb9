-- ecoledger schema, version 1: the whole current schema. A new database is created
-- from this file in one transaction; an existing one is upgraded by the numbered
-- migrations in src/store/migrations/ (see src/store/open.rs). Change it only together
-- with a new migration and a bump of CURRENT_VERSION.
--
-- Money is an INTEGER number of 元 (1 元 = 0.0001 万元), never a float.

-- One row per appendix table of the plan (附表1–附表6).
CREATE TABLE category (
    table_no          INTEGER PRIMARY KEY CHECK (table_no BETWEEN 1 AND 99),
    name              TEXT NOT NULL UNIQUE,
    name_en           TEXT NOT NULL,
    stated_total_yuan INTEGER NOT NULL CHECK (typeof(stated_total_yuan) = 'integer')
) STRICT;

CREATE TABLE department (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0)
) STRICT;

CREATE TABLE project (
    id            TEXT PRIMARY KEY,
    table_no      INTEGER NOT NULL REFERENCES category (table_no),
    no            INTEGER NOT NULL,
    group_name    TEXT NOT NULL,
    description   TEXT NOT NULL,
    estimate_yuan INTEGER NOT NULL CHECK (estimate_yuan >= 0),
    start_year    INTEGER NOT NULL CHECK (start_year BETWEEN 1900 AND 2200),
    end_year      INTEGER NOT NULL CHECK (end_year BETWEEN start_year AND 2200),
    status        TEXT NOT NULL DEFAULT 'planned'
                  CHECK (status IN ('planned', 'in_progress', 'suspended', 'completed', 'cancelled')),
    UNIQUE (table_no, no)
) STRICT;

CREATE INDEX project_by_years ON project (start_year, end_year);
CREATE INDEX project_by_status ON project (status);

-- Lead departments of a project, in the order the plan lists them (position 0 first).
CREATE TABLE project_department (
    project_id    TEXT NOT NULL REFERENCES project (id),
    position      INTEGER NOT NULL CHECK (position >= 0),
    department_id INTEGER NOT NULL REFERENCES department (id),
    PRIMARY KEY (project_id, position),
    UNIQUE (project_id, department_id)
) STRICT;

CREATE INDEX project_department_by_department ON project_department (department_id);

-- The year allocation rule (docs/ALLOCATION.md), in SQL so totals aggregate inside
-- SQLite: the estimate spread evenly over the schedule's years in whole 元, the leftover
-- 元 one each to the earliest years. Must agree with src/domain/allocation.rs;
-- `ecoledger reconcile` checks that it does.
CREATE VIEW project_year AS
WITH RECURSIVE span (project_id, year, start_year, n, estimate_yuan) AS (
    SELECT id, start_year, start_year, end_year - start_year + 1, estimate_yuan FROM project
    UNION ALL
    SELECT project_id, year + 1, start_year, n, estimate_yuan FROM span
    WHERE year + 1 < start_year + n
)
SELECT project_id,
       year,
       estimate_yuan / n + (CASE WHEN year - start_year < estimate_yuan % n THEN 1 ELSE 0 END)
           AS amount_yuan
FROM span;

-- The same rule sharing a co-led project's estimate among its departments, in the
-- order the plan lists them.
CREATE VIEW department_share AS
SELECT pd.project_id,
       pd.department_id,
       pd.position,
       p.estimate_yuan / c.n + (CASE WHEN pd.position < p.estimate_yuan % c.n THEN 1 ELSE 0 END)
           AS share_yuan
FROM project_department pd
JOIN project p ON p.id = pd.project_id
JOIN (SELECT project_id, COUNT(*) AS n FROM project_department GROUP BY project_id) c
    ON c.project_id = pd.project_id;
