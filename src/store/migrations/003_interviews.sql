-- Schema version 3: mock interviews. The answers themselves are reviews of kind 'interview';
-- these tables say which interview each belongs to and which main answer a follow-up followed.

CREATE TABLE interviews (
    id          INTEGER PRIMARY KEY,
    started_at  TEXT NOT NULL,      -- RFC 3339, UTC
    day         TEXT NOT NULL,      -- scheduling day, YYYY-MM-DD
    planned     INTEGER NOT NULL,   -- main questions chosen
    followups   INTEGER NOT NULL,   -- follow-ups allowed after a correct main answer
    minutes     INTEGER             -- the time budget; NULL for none
);

-- Taking a review back (undo) takes its place in the interview with it.
CREATE TABLE interview_answers (
    review_id       INTEGER PRIMARY KEY REFERENCES reviews(id) ON DELETE CASCADE,
    interview_id    INTEGER NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
    main_review_id  INTEGER REFERENCES interview_answers(review_id) ON DELETE CASCADE
);
CREATE INDEX interview_answers_interview ON interview_answers (interview_id, review_id);
