//! Exports: Anki packages, Anki-shaped CSV, and JSON with everything.
