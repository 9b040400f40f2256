-- Anki's schema 11 indexes whose keys come in no order, created after the rows are in (a sort
-- then, rather than an insert at a random place per row).
CREATE INDEX ix_cards_nid ON cards (nid);
CREATE INDEX ix_cards_sched ON cards (did, queue, due);
CREATE INDEX ix_revlog_cid ON revlog (cid);
CREATE INDEX ix_notes_csum ON notes (csum);
