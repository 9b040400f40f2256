//! Anki's text-import shape: a tab-separated file whose header lines tell Anki the
//! separator, that fields are HTML, and which columns hold the guid, note type, deck and
//! tags. Same guids and fields as the `.apkg`, so either updates the other's notes.
//! Anki's text importer does not create note types: a collection that has never imported
//! the `.apkg` skips every row ("missing note type"), so import the `.apkg` once first
//! (tests/anki/roundtrip.sh checks both).

use std::borrow::Cow;
use std::path::Path;

use super::anki::NOTETYPE_NAME;
use super::fields::{FIELD_NAMES, NoteFields, deck_name, note_guid, tags};
use super::{
    ExportDeck, ExportError, ExportOptions, ExportSummary, exported_cards, write_atomically,
};

/// Writes every exported card as one row (atomically). Progress does not travel in this
/// format; `opts` is taken for symmetry with the other writers.
pub fn write_csv(
    path: &Path,
    decks: &[ExportDeck],
    _opts: &ExportOptions,
) -> Result<ExportSummary, ExportError> {
    let mut summary = ExportSummary::default();
    write_atomically(path, |out| {
        let io = ExportError::io(path);
        let mut text = String::new();
        text.push_str("#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n");
        text.push_str("#deck column:3\n#tags column:9\n#columns:GUID\tNotetype\tDeck\t");
        text.push_str(&FIELD_NAMES.join("\t"));
        text.push_str("\tTags\n");
        for deck in decks {
            for card in exported_cards(deck) {
                let fields = NoteFields::of(card);
                let guid = note_guid(&card.deck_slug, &card.key);
                let deck = plain_cell(&deck_name(&deck.title, &card.topic));
                let tags = tags(card).join(" ");
                let cells = [guid.as_str(), NOTETYPE_NAME, deck.as_str()]
                    .into_iter()
                    .chain(fields.as_array())
                    .chain([tags.as_str()]);
                for (i, cell) in cells.enumerate() {
                    if i > 0 {
                        text.push('\t');
                    }
                    text.push_str(&quoted(cell));
                }
                text.push('\n');
                summary.notes += 1;
                summary.cards += 1;
            }
        }
        out.write_all(text.as_bytes()).map_err(io)
    })?;
    Ok(summary)
}

/// A cell as RFC 4180 has it: in double quotes, inner quotes doubled, whenever it holds a
/// quote, the separator or a line break, so that Anki's importer and any CSV reader see one
/// row per card with its own fields (a deck title starting with `"` would otherwise open a
/// quoted field that swallows the rows after it).
fn quoted(cell: &str) -> Cow<'_, str> {
    if cell.contains(['"', '\t', '\n', '\r']) {
        Cow::Owned(format!("\"{}\"", cell.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A cell that is not HTML (the deck name): no tab or line break may split the row.
fn plain_cell(text: &str) -> String {
    text.replace(['\t', '\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixtures::{deck, options};

    #[test]
    fn header_tells_anki_the_layout_and_rows_follow_it() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("deck.txt");
        let summary = write_csv(&path, &[deck()], &options(false))?;
        assert_eq!(summary.notes, 5);
        let text = std::fs::read_to_string(&path)?;
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[..7],
            [
                "#separator:tab",
                "#html:true",
                "#guid column:1",
                "#notetype column:2",
                "#deck column:3",
                "#tags column:9",
                "#columns:GUID\tNotetype\tDeck\tQuestion\tContext\tAnswer\tTopic\tKey\tTags",
            ]
        );
        assert_eq!(lines.len(), 7 + 5);
        let follow_up: Vec<&str> = lines[8].split('\t').collect();
        assert_eq!(
            follow_up,
            [
                note_guid("interview", "1.1").as_str(),
                "recall question",
                "Собеседование::Основы Python",
                "Когда __new__?",
                "Объясните __init__ &amp; &lt;T&gt;",
                "",
                "Основы Python",
                "1.1",
                "interview Основы_Python followup",
            ]
        );
        // The code block's tab and newlines stay inside their field.
        assert!(lines[7].split('\t').count() == 9);
        assert!(lines[7].contains("def __init__(self):<br>&#9;pass"));
        Ok(())
    }
}
