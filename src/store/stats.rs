//! Aggregates for `stats`, `forecast` and `history`, done in SQL so a million-row log is
//! never loaded whole.
