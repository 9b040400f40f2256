-- recall database, schema version 1 (PRAGMA user_version).
-- Applied in one transaction by src/store/migrate.rs; later versions add migrations after it.

-- A Markdown deck, identified by its file stem.
CREATE TABLE decks (
    id           INTEGER PRIMARY KEY,
    slug         TEXT NOT NULL UNIQUE,
    title        TEXT NOT NULL,
    -- Path the deck was last imported from, or 'bundled'.
    source       TEXT NOT NULL,
    -- Fingerprint of the file last imported (recall version + SHA-1 of its bytes): an
    -- identical file is known unchanged without parsing it again.
    fingerprint  TEXT,
    imported_at  TEXT NOT NULL
);

-- A '## ' section of a deck that holds questions.
CREATE TABLE topics (
    id        INTEGER PRIMARY KEY,
    deck_id   INTEGER NOT NULL REFERENCES decks(id),
    name      TEXT NOT NULL,
    position  INTEGER NOT NULL,
    UNIQUE (deck_id, name)
);

-- One main question or follow-up, with the learner's state. Rows are never deleted: a
-- question removed from its document is retired, keeping its history.
CREATE TABLE cards (
    id               INTEGER PRIMARY KEY,
    deck_id          INTEGER NOT NULL REFERENCES decks(id),
    topic_id         INTEGER NOT NULL REFERENCES topics(id),
    parent_id        INTEGER REFERENCES cards(id),
    key              TEXT NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('main', 'followup')),
    -- Document order within the deck: a follow-up stands right after its parent.
    position         INTEGER NOT NULL,
    question         TEXT NOT NULL,
    body             TEXT,
    answer           TEXT,
    -- The learner's own note.
    note             TEXT,
    -- When question, body, answer or note last changed (RFC 3339), for Anki's note mod.
    text_changed_at  TEXT NOT NULL,
    retired          INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
    suspended        INTEGER NOT NULL DEFAULT 0 CHECK (suspended IN (0, 1)),
    -- Opened by hand with `recall unlock`, whatever the mastery gate says.
    unlocked         INTEGER NOT NULL DEFAULT 0 CHECK (unlocked IN (0, 1)),
    -- SM-2 state: a cache of the review log, written in the same transaction as each review.
    repetitions      INTEGER NOT NULL DEFAULT 0,
    interval_days    INTEGER NOT NULL DEFAULT 0,
    ease_hundredths  INTEGER NOT NULL DEFAULT 250,
    due              TEXT,     -- YYYY-MM-DD; NULL while new
    lapses           INTEGER NOT NULL DEFAULT 0,
    last_grade       INTEGER,  -- last scheduling grade
    drill_day        TEXT,     -- day of an unfinished same-day drill
    introduced_on    TEXT      -- day of the first scheduling review; NULL while new
);
-- Card references (`12`, `deck:12`) name active cards only.
CREATE UNIQUE INDEX cards_active_key ON cards (key, deck_id) WHERE retired = 0;
CREATE INDEX cards_parent ON cards (parent_id) WHERE parent_id IS NOT NULL;
-- Document order, for listings and exports.
CREATE INDEX cards_order ON cards (deck_id, position);
-- The daily queue reads these in order and stops early: new cards in document order, due
-- reviews oldest first.
CREATE INDEX cards_new ON cards (deck_id, position) WHERE introduced_on IS NULL AND retired = 0;
CREATE INDEX cards_due ON cards (due, deck_id, position) WHERE introduced_on IS NOT NULL AND retired = 0;
CREATE INDEX cards_drill ON cards (drill_day) WHERE drill_day IS NOT NULL;
CREATE INDEX cards_introduced ON cards (introduced_on) WHERE introduced_on IS NOT NULL;

-- Append-only review log: one row per grade, with the whole state before and after, so undo
-- restores exactly and another scheduler can be replayed over it. Undo removes the last row.
CREATE TABLE reviews (
    id                      INTEGER PRIMARY KEY,
    card_id                 INTEGER NOT NULL REFERENCES cards(id),
    answered_at             TEXT NOT NULL,   -- RFC 3339, UTC
    day                     TEXT NOT NULL,   -- scheduling day, YYYY-MM-DD
    grade                   INTEGER NOT NULL CHECK (grade BETWEEN 0 AND 5),
    kind                    TEXT NOT NULL CHECK (kind IN ('schedule', 'drill')),
    taken_ms                INTEGER,
    before_repetitions      INTEGER NOT NULL,
    before_interval_days    INTEGER NOT NULL,
    before_ease_hundredths  INTEGER NOT NULL,
    before_due              TEXT,
    before_lapses           INTEGER NOT NULL,
    before_last_grade       INTEGER,
    before_drill_day        TEXT,
    before_introduced_on    TEXT,
    after_repetitions       INTEGER NOT NULL,
    after_interval_days     INTEGER NOT NULL,
    after_ease_hundredths   INTEGER NOT NULL,
    after_due               TEXT,
    after_lapses            INTEGER NOT NULL,
    after_last_grade        INTEGER,
    after_drill_day         TEXT,
    after_introduced_on     TEXT
);
CREATE INDEX reviews_card ON reviews (card_id, id);
-- By day, covering what the daily limits, retention and streak figures read.
CREATE INDEX reviews_day ON reviews (day, kind, grade, card_id);

-- Settings the learner changed; defaults live in the code.
CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
