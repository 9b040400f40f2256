-- Schema version 2: practice kinds in the review log, levels on cards, and a journal of the
-- learner's other changes so that `undo` can take back any of them.

-- Reviews outside the schedule (cram sessions, mock interviews) are logged too. SQLite cannot
-- change a CHECK constraint in place: the table is rebuilt with the same rows and ids.
CREATE TABLE reviews_v2 (
    id                      INTEGER PRIMARY KEY,
    card_id                 INTEGER NOT NULL REFERENCES cards(id),
    answered_at             TEXT NOT NULL,
    day                     TEXT NOT NULL,
    grade                   INTEGER NOT NULL CHECK (grade BETWEEN 0 AND 5),
    kind                    TEXT NOT NULL CHECK (kind IN ('schedule', 'drill', 'cram', 'interview')),
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
INSERT INTO reviews_v2 SELECT * FROM reviews;
DROP TABLE reviews;
ALTER TABLE reviews_v2 RENAME TO reviews;
CREATE INDEX reviews_card ON reviews (card_id, id);
CREATE INDEX reviews_day ON reviews (day, kind, grade, card_id);

-- The level a main question is asked at, from the deck or its answer file; NULL unmarked.
ALTER TABLE cards ADD COLUMN level TEXT CHECK (level IN ('junior', 'middle', 'senior'));

-- Suspensions and unlocks, newest last, so `undo` can take back the last change of any kind.
-- `after_review` is the newest review id when the change was made: a change is newer than
-- every review whose id is not above it.
CREATE TABLE changes (
    id            INTEGER PRIMARY KEY,
    card_id       INTEGER NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
    at            TEXT NOT NULL,   -- RFC 3339, UTC
    day           TEXT NOT NULL,   -- scheduling day, YYYY-MM-DD
    what          TEXT NOT NULL CHECK (what IN ('suspend', 'unsuspend', 'unlock')),
    after_review  INTEGER NOT NULL
);
