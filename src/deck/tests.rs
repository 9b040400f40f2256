//! Parser tests over the bundled deck, fixture decks and malformed input.
