//! What the Anki package and the Anki-shaped CSV share: note fields rendered as HTML, tags,
//! deck names, and identifiers that stay the same from one export to the next.

use std::ops::Range;

use sha1::{Digest, Sha1};

use crate::card::Card;
use crate::deck::CardKind;

/// Anki separates a note's fields with the unit separator.
pub const FIELD_SEPARATOR: char = '\x1f';

/// Field names of the one note type, in order; `Question` is the sort field.
pub const FIELD_NAMES: [&str; 5] = ["Question", "Context", "Answer", "Topic", "Key"];

/// Anki reads ids as creation times in milliseconds (the browser's "Created" column, the
/// `added:` search, Check Database). Derived ids therefore land between 2001-09-09
/// (10^12 ms) and 2018-07 (plus 2^39 ms): in the past, positive and far below 2^53.
const ID_BASE_MS: i64 = 1_000_000_000_000;
const ID_SPAN_MS: u64 = 1 << 39;

/// A card's note as Anki stores it: five HTML fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteFields {
    pub question: String,
    pub context: String,
    pub answer: String,
    pub topic: String,
    pub key: String,
}

impl NoteFields {
    /// Question = the question and, for a main question, its body; Context = the parent
    /// question of a follow-up; Answer = the written answer, then the learner's note.
    pub fn of(card: &Card) -> NoteFields {
        let field = |push: fn(&Card, &mut String)| {
            let mut text = String::new();
            push(card, &mut text);
            text
        };
        NoteFields {
            question: field(push_question),
            context: field(push_context),
            answer: field(push_answer),
            topic: field(|card, out| push_escaped(out, &card.topic)),
            key: field(|card, out| push_escaped(out, &card.key)),
        }
    }

    /// [`NoteFields::joined`] of `card`'s fields, written after what `out` holds rather
    /// than made field by field (an Anki export renders a hundred thousand notes); returns
    /// where the question lies in `out`.
    pub fn push_joined(card: &Card, out: &mut String) -> Range<usize> {
        let start = out.len();
        push_question(card, out);
        let question = start..out.len();
        let rest: [fn(&Card, &mut String); 4] = [
            push_context,
            push_answer,
            |card, out| push_escaped(out, &card.topic),
            |card, out| push_escaped(out, &card.key),
        ];
        for push in rest {
            out.push(FIELD_SEPARATOR);
            push(card, out);
        }
        question
    }

    pub fn as_array(&self) -> [&str; 5] {
        [
            &self.question,
            &self.context,
            &self.answer,
            &self.topic,
            &self.key,
        ]
    }
}

/// The Question field: the question, and for a main question its body.
fn push_question(card: &Card, out: &mut String) {
    push_escaped(out, &card.question);
    if let Some(body) = card.body.as_deref().filter(|b| !b.trim().is_empty()) {
        out.push_str("<div class=\"body\">");
        push_markdown(out, body);
        out.push_str("</div>");
    }
}

/// The Context field: a follow-up's parent question.
fn push_context(card: &Card, out: &mut String) {
    if let (CardKind::Followup, Some(parent)) = (card.kind, card.parent_question.as_deref()) {
        push_escaped(out, parent);
    }
}

/// The Answer field: the written answer, then the learner's note.
fn push_answer(card: &Card, out: &mut String) {
    if let Some(answer) = card.answer.as_deref().filter(|a| !a.trim().is_empty()) {
        push_markdown(out, answer);
    }
    if let Some(note) = card.note.as_deref().filter(|n| !n.trim().is_empty()) {
        out.push_str("<div class=\"learner-note\"><b>My note:</b><br>");
        push_markdown(out, note);
        out.push_str("</div>");
    }
}

/// The bytes [`push_escaped`] replaces, as a table: it is asked for every byte of every field.
const SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    let special = b"&<>\"\t\r\n";
    while i < special.len() {
        table[special[i] as usize] = true;
        i += 1;
    }
    table
};

/// Appends `text` with the characters HTML gives a meaning to escaped. Nothing else is
/// interpreted, so `__init__` stays `__init__`. The characters replaced are ASCII, so the
/// text between them is copied whole rather than character by character.
fn push_escaped(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(at) = rest.bytes().position(|b| SPECIAL[usize::from(b)]) {
        out.push_str(&rest[..at]);
        out.push_str(match rest.as_bytes()[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            // A raw tab would split a CSV row; the entity shows the same in `<pre>`.
            b'\t' => "&#9;",
            b'\n' => "<br>",
            // `\r`, dropped.
            _ => "",
        });
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

/// Appends `text` as HTML: the small part of Markdown that deck bodies and answers use.
/// Fenced code blocks become `<pre><code>` (verbatim, escaped), inline code becomes
/// `<code>`, `**bold**` becomes `<b>`, and line breaks become `<br>`. No emphasis with `_`
/// or `*`, so dunder names survive. The result holds no raw newline or tab.
fn push_markdown(out: &mut String, text: &str) {
    let mut lines = text.lines();
    let mut first = true;
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        if let Some(lang) = trimmed.strip_prefix("```") {
            let lang = lang.trim();
            if lang.is_empty() {
                out.push_str("<pre><code>");
            } else {
                out.push_str("<pre><code class=\"language-");
                push_escaped(out, lang);
                out.push_str("\">");
            }
            let mut first_code = true;
            for code in lines.by_ref() {
                if code.trim_start().starts_with("```") {
                    break;
                }
                if !first_code {
                    out.push_str("<br>");
                }
                push_escaped(out, code);
                first_code = false;
            }
            out.push_str("</code></pre>");
            first = true;
            continue;
        }
        if !first {
            out.push_str("<br>");
        }
        push_inline(out, line);
        first = false;
    }
}

/// One line of prose: inline code spans and `**bold**`, everything else escaped.
fn push_inline(out: &mut String, line: &str) {
    let mut rest = line;
    while let Some(start) = rest.find('`') {
        let after = &rest[start + 1..];
        let Some(len) = after.find('`') else { break };
        push_bold(out, &rest[..start]);
        out.push_str("<code>");
        push_escaped(out, &after[..len]);
        out.push_str("</code>");
        rest = &after[len + 1..];
    }
    push_bold(out, rest);
}

fn push_bold(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(start) = find_stars(rest) {
        let after = &rest[start + 2..];
        let Some(len) = find_stars(after).filter(|&len| len > 0) else {
            break;
        };
        push_escaped(out, &rest[..start]);
        out.push_str("<b>");
        push_escaped(out, &after[..len]);
        out.push_str("</b>");
        rest = &after[len + 2..];
    }
    push_escaped(out, rest);
}

/// Where `**` first occurs in `text`: `str::find` with a one-byte needle is a fast scan,
/// with a two-byte one it sets up a substring search for every line.
fn find_stars(text: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = text[from..].find('*') {
        let star = from + at;
        if text.as_bytes().get(star + 1) == Some(&b'*') {
            return Some(star);
        }
        from = star + 1;
    }
    None
}

/// The entities [`plain_text`] decodes, with what they stand for.
const ENTITIES: [(&str, &str); 6] = [
    ("&nbsp;", " "),
    ("&lt;", "<"),
    ("&gt;", ">"),
    ("&quot;", "\""),
    ("&#9;", "\t"),
    ("&amp;", "&"),
];

/// A field's text as Anki's sort field and duplicate check see it: tags removed, the
/// entities we write decoded.
pub fn plain_text(html: &str) -> String {
    let mut without_tags = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        without_tags.push_str(&rest[..open]);
        match rest[open..].find('>') {
            Some(close) => rest = &rest[open + close + 1..],
            None => {
                rest = "";
            }
        }
    }
    without_tags.push_str(rest);
    // One pass decodes what replacing each entity in turn would: an entity holds no `&`
    // inside, so two never overlap, and `&amp;` becomes a `&` that starts no other.
    let mut plain = String::with_capacity(without_tags.len());
    let mut rest = without_tags.as_str();
    while let Some(amp) = rest.find('&') {
        plain.push_str(&rest[..amp]);
        rest = &rest[amp..];
        match ENTITIES.iter().find(|(name, _)| rest.starts_with(name)) {
            Some((name, text)) => {
                plain.push_str(text);
                rest = &rest[name.len()..];
            }
            None => {
                plain.push('&');
                rest = &rest[1..];
            }
        }
    }
    plain.push_str(rest);
    plain
}

/// Anki's `csum`: the first 8 hex digits of the SHA-1 of the first field's plain text.
pub fn field_checksum(plain: &str) -> i64 {
    let digest = Sha1::digest(plain.as_bytes());
    i64::from(u32::from_be_bytes([
        digest[0], digest[1], digest[2], digest[3],
    ]))
}

/// The first 64 bits of the SHA-1 of `parts` joined by the unit separator.
fn hash64(parts: &[&str]) -> u64 {
    let mut hasher = Sha1::new();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            hasher.update([0x1f]);
        }
        hasher.update(part.as_bytes());
    }
    let digest = hasher.finalize();
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    u64::from_be_bytes(first)
}

/// An id that depends only on `parts`; see `ID_BASE_MS` for its range.
pub fn stable_id(parts: &[&str]) -> i64 {
    let offset = hash64(parts) % ID_SPAN_MS;
    // The span is 2^39, so the offset fits.
    ID_BASE_MS + i64::try_from(offset).unwrap_or(0)
}

const BASE62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// The note guid: deck slug and card key hashed, in base 62 (no character that a CSV
/// reader or Anki's search would treat specially). Same card, same guid, in every export.
pub fn note_guid(deck_slug: &str, card_key: &str) -> String {
    guid_text(guid_hash(deck_slug, card_key))
}

/// The hash behind [`note_guid`].
pub fn guid_hash(deck_slug: &str, card_key: &str) -> u64 {
    hash64(&["recall", deck_slug, card_key])
}

/// The guid of a [`guid_hash`]: the number in base 62.
pub fn guid_text(hash: u64) -> String {
    let mut text = String::with_capacity(11);
    push_guid_text(hash, &mut text);
    text
}

/// [`guid_text`], written after what `out` holds.
pub fn push_guid_text(hash: u64, out: &mut String) {
    // A u64 is at most 11 digits in base 62.
    let mut digits = [0u8; 11];
    let mut start = digits.len();
    let mut n = hash;
    loop {
        start -= 1;
        digits[start] = BASE62[(n % 62) as usize];
        n /= 62;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[start..].iter().map(|&b| char::from(b)));
}

/// `Deck title::Topic`, Anki's hierarchy separator between them, and only there: a `::` in
/// a title or topic would make levels the author did not mean.
pub fn deck_name(title: &str, topic: &str) -> String {
    format!("{}::{}", deck_level(title), deck_level(topic))
}

/// One level of an Anki deck name: the text, each run of colons made one, none at its ends
/// (`Questions:` next to the `::` separator would make `:::`, which Anki splits elsewhere).
pub fn deck_level(name: &str) -> String {
    let mut level = String::with_capacity(name.len());
    for c in name.trim().trim_matches(':').trim().chars() {
        if !(c == ':' && level.ends_with(':')) {
            level.push(c);
        }
    }
    level
}

/// Anki tags hold no spaces; `::` would make a hierarchy we do not mean.
fn tag(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join("_")
        .replace("::", ":")
}

/// The card's tags: deck slug, topic, and `main` or `followup`.
pub fn tags(card: &Card) -> Vec<String> {
    vec![
        tag(&card.deck_slug),
        tag(&card.topic),
        card.kind.as_str().to_string(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escape_html(text: &str) -> String {
        let mut out = String::new();
        push_escaped(&mut out, text);
        out
    }

    fn markdown_to_html(text: &str) -> String {
        let mut out = String::new();
        push_markdown(&mut out, text);
        out
    }

    #[test]
    fn a_deck_name_has_two_levels_whatever_its_title_and_topic_hold() {
        assert_eq!(deck_name(" Deck ", "Topic "), "Deck::Topic");
        assert_eq!(
            deck_name("C++ :: Qt", "Signals::Slots"),
            "C++ : Qt::Signals:Slots"
        );
        // The parent deck is named as its children's first level.
        assert_eq!(deck_level(" C++ :: Qt "), "C++ : Qt");
        assert_eq!(deck_name("Questions:", "a:::b"), "Questions::a:b");
    }

    #[test]
    fn the_fields_written_in_one_go_are_the_fields_joined() {
        for card in crate::export::fixtures::deck().cards {
            let fields = NoteFields::of(&card);
            let mut out = String::from("before");
            let question = NoteFields::push_joined(&card, &mut out);
            assert_eq!(out[question], fields.question);
            assert_eq!(out["before".len()..], fields.as_array().join("\u{1f}"));
        }
    }

    #[test]
    fn escaping_keeps_dunders_and_shows_special_characters() {
        assert_eq!(
            escape_html("__init__ & <T> \"x\""),
            "__init__ &amp; &lt;T&gt; &quot;x&quot;"
        );
        assert_eq!(escape_html("a\nb\tc"), "a<br>b&#9;c");
    }

    #[test]
    fn fenced_code_becomes_pre_code_verbatim() {
        let md = "Look:\n```python\ndef f(x):\n    return x < 1 and __name__\n```\nthen `a<b` and **Bold:** done";
        assert_eq!(
            markdown_to_html(md),
            "Look:<pre><code class=\"language-python\">def f(x):<br>    return x &lt; 1 and __name__</code></pre>then <code>a&lt;b</code> and <b>Bold:</b> done"
        );
    }

    #[test]
    fn bold_needs_two_stars_on_each_side() {
        assert_eq!(
            markdown_to_html("*a **b** c* ***d*** e**"),
            "*a <b>b</b> c* <b>*d</b>* e**"
        );
        assert_eq!(find_stars("a*b**"), Some(3));
        assert_eq!(find_stars("**"), Some(0));
        assert_eq!(find_stars("*a*"), None);
    }

    #[test]
    fn unpaired_markers_stay_as_written() {
        assert_eq!(markdown_to_html("a ` b ** c"), "a ` b ** c");
        assert_eq!(markdown_to_html("__init__ *x*"), "__init__ *x*");
    }

    #[test]
    fn plain_text_strips_tags_and_decodes() {
        assert_eq!(
            plain_text("a &lt;b&gt;<div class=\"body\">x &amp; y</div>"),
            "a <b>x & y"
        );
    }

    #[test]
    fn plain_text_decodes_as_replacing_each_entity_in_turn() {
        let in_turn = |html: &str| {
            let mut text = String::new();
            let mut in_tag = false;
            for c in html.chars() {
                match (in_tag, c) {
                    (false, '<') => in_tag = true,
                    (true, '>') => in_tag = false,
                    (false, _) => text.push(c),
                    (true, _) => {}
                }
            }
            ENTITIES
                .iter()
                .fold(text, |text, (name, with)| text.replace(name, with))
        };
        for html in [
            "&amp;lt; &l<b>t; &&amp;&#9;&nbsp;&quot",
            "a <unclosed & &gt;",
            "&amp;amp;<br>x&gt;&lt;&",
            "Щ &lt;Ж&gt; <div class=\"body\">&#9;код</div>",
        ] {
            assert_eq!(plain_text(html), in_turn(html), "{html}");
        }
    }

    #[test]
    fn checksum_is_the_first_32_bits_of_sha1() {
        // sha1("hello") = aaf4c61d...
        assert_eq!(field_checksum("hello"), 0xaaf4c61d);
    }

    #[test]
    fn guids_and_ids_are_stable_and_distinct() {
        assert_eq!(note_guid("d", "1.2"), note_guid("d", "1.2"));
        assert_ne!(note_guid("d", "1.2"), note_guid("d", "1.3"));
        assert_ne!(note_guid("d", "1"), note_guid("e", "1"));
        assert!(
            note_guid("d", "1")
                .chars()
                .all(|c| c.is_ascii_alphanumeric())
        );
        let id = stable_id(&["note", "x"]);
        assert_eq!(id, stable_id(&["note", "x"]));
        assert!((ID_BASE_MS..ID_BASE_MS + (1 << 39)).contains(&id));
    }
}
