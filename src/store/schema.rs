//! Numbered migrations, applied in order and recorded in `PRAGMA user_version`.
//! Never edit a published migration: add the next one.

use super::first_frame::{
    first_frame_line_triggers, first_frame_other_triggers, first_frame_trigger,
};
use super::line_cache::line_cache_triggers;

/// Gives a start day to the plans whose baseline is due and that have none (all of them
/// when migration 7 runs; later, a plan an undo brought back as it was recorded before
/// that migration): the day the audit log says it was made (its first insert not
/// undone), but not after the latest day in the data (the as-of date it was made at,
/// when the data ended before that day); else the earliest day of the order lines (of
/// the stock lots without any). A plan that follows a clearance batch gets none.
/// `at` is local time, `YYYY-MM-DD HH:MM:SS`; day numbers count from 0001-01-01 as 1.
/// Migration 7 expands this text: change it only together with a new migration.
macro_rules! plan_starts {
    () => {
        r#"
WITH made AS MATERIALIZED (
    SELECT c.row_key AS row_key,
           CAST(julianday(substr(min(s.at), 1, 10)) - julianday('0001-01-01') AS INTEGER) + 1 AS day
    FROM change c JOIN change_set s ON s.id = c.change_set_id
    WHERE c.table_name = 'plan' AND c.old_value IS NULL AND s.undone = 0
    GROUP BY c.row_key
), data AS MATERIALIZED (
    SELECT coalesce((SELECT min(day) FROM order_line), (SELECT min(received_on) FROM stock_lot)) AS first,
           (SELECT max(d) FROM (SELECT max(day) AS d FROM order_line
                                UNION ALL SELECT max(received_on) FROM stock_lot)) AS last
)
UPDATE plan SET starts_on = (
    SELECT CASE
        WHEN made.day IS NULL THEN data.first
        WHEN data.last IS NOT NULL AND data.last < made.day THEN data.last
        ELSE made.day
    END
    FROM data LEFT JOIN made ON made.row_key = '[' || plan.id || ']'
)
WHERE starts_on IS NULL AND baseline_due = 1
    AND (target_metric IS NULL OR target_metric NOT IN ('batch_cash_recovered', 'batch_units_cleared'));
"#
    };
}
pub(crate) use plan_starts;

/// Identifies a skudesk database (`PRAGMA application_id`): "SKUD".
pub const APPLICATION_ID: i32 = 0x534B_5544;

pub const MIGRATIONS: &[&str] = &[
    // 1: the first schema.
    r#"
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Money columns hold integer micro-units (10^-6 of the currency); days are day numbers
-- from 0001-01-01 (chrono's num_days_from_ce).
CREATE TABLE product (
    id          INTEGER PRIMARY KEY,
    sku         TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL DEFAULT '',
    category    TEXT NOT NULL DEFAULT '',
    brand       TEXT NOT NULL DEFAULT '',
    unit_cost   INTEGER,            -- NULL: cost missing (first seen on an order line)
    list_price  INTEGER,
    launched_on INTEGER,
    lifecycle   TEXT CHECK (lifecycle IN ('new','core','seasonal','clearance','discontinued')),
    tags        TEXT NOT NULL DEFAULT ''   -- ';'-separated
);

CREATE TABLE stock_lot (
    id          INTEGER PRIMARY KEY,
    product_id  INTEGER NOT NULL REFERENCES product(id) ON DELETE CASCADE,
    qty         INTEGER NOT NULL CHECK (qty >= 0),
    received_on INTEGER NOT NULL,
    unit_cost   INTEGER            -- NULL: the product's unit cost
);
CREATE INDEX stock_lot_product ON stock_lot(product_id);

CREATE TABLE sale_order (
    id       INTEGER PRIMARY KEY,
    order_no TEXT NOT NULL UNIQUE
);

CREATE TABLE customer (
    id   INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE
);

-- One row per order line; identity (order, line number) per METRICS.md.
CREATE TABLE order_line (
    order_id     INTEGER NOT NULL REFERENCES sale_order(id),
    line_no      INTEGER NOT NULL,
    product_id   INTEGER NOT NULL REFERENCES product(id),
    day          INTEGER NOT NULL,
    ordered_at   TEXT NOT NULL,
    qty          INTEGER NOT NULL,
    unit_price   INTEGER NOT NULL,
    discount     INTEGER NOT NULL DEFAULT 0 CHECK (discount >= 0),
    customer_id  INTEGER REFERENCES customer(id),
    channel      TEXT,
    PRIMARY KEY (order_id, line_no)
) WITHOUT ROWID;

CREATE TABLE traffic (
    product_id INTEGER NOT NULL REFERENCES product(id) ON DELETE CASCADE,
    day        INTEGER NOT NULL,
    visitors   INTEGER NOT NULL CHECK (visitors >= 0),
    PRIMARY KEY (product_id, day)
) WITHOUT ROWID;

CREATE TABLE tier_override (
    product_id INTEGER PRIMARY KEY REFERENCES product(id) ON DELETE CASCADE,
    tier       TEXT NOT NULL CHECK (tier IN ('high','mid','low','unclassified')),
    reason     TEXT NOT NULL DEFAULT '',
    set_at     TEXT NOT NULL
);

CREATE TABLE clearance_batch (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    channel     TEXT NOT NULL,
    starts_on   INTEGER NOT NULL,
    ends_on     INTEGER,
    ladder      TEXT NOT NULL DEFAULT '',
    cash_target INTEGER NOT NULL DEFAULT 0,
    status      TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned','active','done'))
);

CREATE TABLE batch_sku (
    batch_id       INTEGER NOT NULL REFERENCES clearance_batch(id) ON DELETE CASCADE,
    product_id     INTEGER NOT NULL REFERENCES product(id) ON DELETE CASCADE,
    units_to_clear INTEGER,        -- NULL: all on hand
    PRIMARY KEY (batch_id, product_id)
) WITHOUT ROWID;

CREATE TABLE persona (
    code  TEXT PRIMARY KEY,
    label TEXT NOT NULL
);

CREATE TABLE candidate (
    id                 INTEGER PRIMARY KEY,
    name               TEXT NOT NULL,
    category           TEXT NOT NULL DEFAULT '',
    market_growth_pct  TEXT NOT NULL,   -- exact decimal
    competitive_gap    INTEGER NOT NULL CHECK (competitive_gap BETWEEN 0 AND 5),
    gap_note           TEXT NOT NULL DEFAULT '',
    user_pain          INTEGER NOT NULL CHECK (user_pain BETWEEN 0 AND 5),
    pain_note          TEXT NOT NULL DEFAULT '',
    brand_fit          INTEGER NOT NULL CHECK (brand_fit BETWEEN 0 AND 5),
    expected_unit_cost INTEGER NOT NULL,
    expected_price     INTEGER NOT NULL,
    personas           TEXT NOT NULL DEFAULT '',
    notes              TEXT NOT NULL DEFAULT '',
    product_id         INTEGER REFERENCES product(id)
);

CREATE TABLE plan (
    id            INTEGER PRIMARY KEY,
    horizon       TEXT NOT NULL CHECK (horizon IN ('short','mid','long')),
    title         TEXT NOT NULL,
    due_on        INTEGER,
    status        TEXT NOT NULL DEFAULT 'todo' CHECK (status IN ('todo','doing','done','dropped')),
    target_metric TEXT,
    target_value  TEXT,
    batch_id      INTEGER REFERENCES clearance_batch(id) ON DELETE SET NULL,
    note          TEXT NOT NULL DEFAULT ''
);

-- The audit log: one change_set per user action or import, its rows' old and new values.
CREATE TABLE change_set (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    kind    TEXT NOT NULL,
    summary TEXT NOT NULL,
    undone  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE change (
    id            INTEGER PRIMARY KEY,
    change_set_id INTEGER NOT NULL REFERENCES change_set(id) ON DELETE CASCADE,
    table_name    TEXT NOT NULL,
    row_key       TEXT NOT NULL,
    old_value     TEXT,            -- JSON of the row before; NULL: row did not exist
    new_value     TEXT             -- JSON of the row after; NULL: row deleted
);
CREATE INDEX change_by_set ON change(change_set_id);
"#,
    // 2: imports are undoable. An order line remembers the import that last wrote it;
    // lines an undone import had added wait in order_line_undone for a redo.
    r#"
ALTER TABLE order_line ADD COLUMN import_set INTEGER;
CREATE TABLE order_line_undone (
    set_id      INTEGER NOT NULL,
    order_id    INTEGER NOT NULL,
    line_no     INTEGER NOT NULL,
    product_id  INTEGER NOT NULL,
    day         INTEGER NOT NULL,
    ordered_at  TEXT NOT NULL,
    qty         INTEGER NOT NULL,
    unit_price  INTEGER NOT NULL,
    discount    INTEGER NOT NULL,
    customer_id INTEGER,
    channel     TEXT,
    import_set  INTEGER
);
CREATE INDEX order_line_undone_set ON order_line_undone(set_id);
-- Imports recorded before this version kept no rows to undo with.
UPDATE change_set SET kind = 'import_legacy' WHERE kind = 'import';
"#,
    // 3: the seed review's personas, as data every database starts with.
    r#"
INSERT OR IGNORE INTO persona (code, label) VALUES
    ('tech_geeks', '科技极客 tech geeks'),
    ('pet_parents', '宠物主妈妈 pet-owner parents'),
    ('environmentalists', '环保主义者 environmentalists');
"#,
    // 4: settings the seller set in the app (they win over the config file), by key as
    // the config file names them (`margin_floor`, `scoring.launch_at`), values as text.
    r#"
CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"#,
    // 5: a compact copy of the order lines for a fast open (see `line_cache`), used only
    // while `valid` is 1; triggers clear it on any change to order_line.
    concat!(
        r#"
CREATE TABLE line_cache (
    part  INTEGER PRIMARY KEY,
    lines INTEGER NOT NULL,
    data  BLOB NOT NULL
);
CREATE TABLE line_cache_state (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    valid INTEGER NOT NULL
);
INSERT INTO line_cache_state (id, valid) VALUES (1, 0);
"#,
        line_cache_triggers!()
    ),
    // 6: a product's own lead time, in days from order to stock (for reorder); NULL:
    // the `lead_time_days` setting applies.
    r#"
ALTER TABLE product ADD COLUMN lead_time_days INTEGER
    CHECK (lead_time_days IS NULL OR (lead_time_days >= 0 AND lead_time_days <= 36500));
"#,
    // 7: plans over time (METRICS.md "Plans over time"): the day a plan starts, its
    // metric's value then (the baseline, exact decimal text; NULL: undefined then), the
    // category a category's figure follows, and whether the baseline is still to be
    // computed: that needs a review of the data as of the start with the settings in
    // force, which the session makes and saves on the next open (`baseline_due` 1).
    // Plans made before start on the day they were made (see `plan_starts!`); one
    // that follows a clearance batch starts with the batch, from 0, and has neither.
    concat!(
        r#"
ALTER TABLE plan ADD COLUMN starts_on INTEGER;
ALTER TABLE plan ADD COLUMN baseline TEXT;
ALTER TABLE plan ADD COLUMN category TEXT;
ALTER TABLE plan ADD COLUMN baseline_due INTEGER NOT NULL DEFAULT 1 CHECK (baseline_due IN (0, 1));
"#,
        plan_starts!(),
        r#"
UPDATE plan SET baseline_due = 0
    WHERE target_metric IS NULL OR target_metric IN ('batch_cash_recovered', 'batch_units_cleared');
"#
    ),
    // 8: the first frame's figures kept with the data (see `first_frame`): drawn when
    // the app opens, before the order lines are read; triggers on every table the
    // figures read delete it on any change.
    concat!(
        r#"
CREATE TABLE first_frame (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    key  TEXT NOT NULL,
    data TEXT NOT NULL
);
"#,
        first_frame_line_triggers!(),
        first_frame_other_triggers!()
    ),
];
