//! Everything, for scripts and backups: each deck with its topics and every card as
//! `show --json` prints it, plus the full review log with the state before and after.

use std::io;

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use serde_json::ser::{CompactFormatter, Formatter};

use super::{ExportDeck, ExportError, ExportOptions, ExportSummary, ReviewLog, write_atomically};
use crate::card::{Card, Review};
use crate::scheduler::{CardState, Grade, MasteryRule};

/// Version of the JSON layout; bumped on any incompatible change.
pub const JSON_EXPORT_VERSION: u32 = 1;

/// Bytes encoded before each write: few writes, each large enough to pass the output's
/// own buffer by rather than be copied into it.
const CHUNK_BYTES: usize = 1 << 20;

/// Writes the JSON export (atomically). As a backup it holds every card, retired ones
/// too (with `status: retired`), and always the progress, read card by card from `log`:
/// one card's reviews are in memory at a time, never the whole history.
pub fn write_json(
    path: &std::path::Path,
    decks: &[ExportDeck],
    log: &mut dyn ReviewLog,
    opts: &ExportOptions,
) -> Result<ExportSummary, ExportError> {
    let mut summary = ExportSummary::default();
    // The encoder writes into memory, where only serde could fail (it does not on these
    // values); a failed write is the disk's or the pipe's doing.
    let encoded = |e: io::Error| ExportError::Json(serde_json::Error::io(e));
    write_atomically(path, |out| {
        let mut enc = Encoder::default();
        enc.head(opts).map_err(encoded)?;
        for (i, deck) in decks.iter().enumerate() {
            enc.deck_head(i, deck).map_err(encoded)?;
            for (j, card) in deck.cards.iter().enumerate() {
                let reviews = log.reviews_of(card.id)?;
                enc.card(j, card, &opts.rule, &reviews).map_err(encoded)?;
                summary.notes += 1;
                summary.cards += 1;
                summary.reviews += reviews.len();
                if enc.buf.len() >= CHUNK_BYTES {
                    out.write_all(&enc.buf).map_err(ExportError::io(path))?;
                    enc.buf.clear();
                }
            }
            enc.buf.extend_from_slice(b"]}");
        }
        enc.buf.extend_from_slice(b"]}\n");
        out.write_all(&enc.buf).map_err(ExportError::io(path))
    })?;
    Ok(summary)
}

/// The export's bytes, exactly those `serde_json::to_writer` gives for the layout derived
/// with serde (the tests keep that derivation and compare): the card's own fields go
/// through serde, as `show --json` has them; the reviews, a million in a large history and
/// each in two places, are written here without serde's generic path and chrono's
/// `Display`, which were most of the export's time. Numbers and strings still go through
/// serde_json's formatter.
#[derive(Default)]
struct Encoder {
    /// What is not yet written out.
    buf: Vec<u8>,
    /// The current card's `log`, built beside its `reviews` in one pass.
    log: Vec<u8>,
}

impl Encoder {
    /// `{"version":…,"exported_at":…,"today":…,"decks":[`
    fn head(&mut self, opts: &ExportOptions) -> io::Result<()> {
        self.buf.extend_from_slice(b"{\"version\":");
        CompactFormatter.write_u32(&mut self.buf, JSON_EXPORT_VERSION)?;
        self.buf.extend_from_slice(b",\"exported_at\":");
        instant(&mut self.buf, opts.now)?;
        self.buf.extend_from_slice(b",\"today\":");
        day(&mut self.buf, opts.today)?;
        self.buf.extend_from_slice(b",\"decks\":[");
        Ok(())
    }

    /// The `index`th deck up to its cards: `{"slug":…,"title":…,"topics":[…],"cards":[`
    fn deck_head(&mut self, index: usize, deck: &ExportDeck) -> io::Result<()> {
        if index > 0 {
            self.buf.push(b',');
        }
        self.buf.extend_from_slice(b"{\"slug\":");
        serde_json::to_writer(&mut self.buf, &deck.slug).map_err(io::Error::from)?;
        self.buf.extend_from_slice(b",\"title\":");
        serde_json::to_writer(&mut self.buf, &deck.title).map_err(io::Error::from)?;
        self.buf.extend_from_slice(b",\"topics\":");
        serde_json::to_writer(&mut self.buf, &deck.topics).map_err(io::Error::from)?;
        self.buf.extend_from_slice(b",\"cards\":[");
        Ok(())
    }

    /// The `index`th card of its deck: its view with `reviews`, then `log`.
    fn card(
        &mut self,
        index: usize,
        card: &Card,
        rule: &MasteryRule,
        reviews: &[Review],
    ) -> io::Result<()> {
        if index > 0 {
            self.buf.push(b',');
        }
        serde_json::to_writer(&mut self.buf, &card.view(rule, None)).map_err(io::Error::from)?;
        // `reviews` is the view's last field, left out when `None`: reopen the object.
        self.buf.pop();
        self.buf.extend_from_slice(b",\"reviews\":[");
        self.log.clear();
        self.log.extend_from_slice(b"],\"log\":[");
        for (i, review) in reviews.iter().enumerate() {
            if i > 0 {
                self.buf.push(b',');
                self.log.push(b',');
            }
            // What both places share, encoded once.
            let shared = self.buf.len();
            self.buf.extend_from_slice(b"{\"at\":");
            instant(&mut self.buf, review.answered_at)?;
            self.buf.extend_from_slice(b",\"day\":");
            day(&mut self.buf, review.day)?;
            self.buf.extend_from_slice(b",\"grade\":");
            CompactFormatter.write_u8(&mut self.buf, review.grade.value())?;
            self.buf.extend_from_slice(b",\"kind\":\"");
            self.buf.extend_from_slice(review.kind.as_str().as_bytes());
            self.buf.push(b'"');
            self.log.extend_from_slice(&self.buf[shared..]);

            // As `show --json`: the interval, ease and due the review left.
            let after = &review.after;
            self.buf.extend_from_slice(b",\"interval\":");
            CompactFormatter.write_u32(&mut self.buf, after.sm2.interval_days)?;
            self.buf.extend_from_slice(b",\"ease\":");
            CompactFormatter.write_f64(&mut self.buf, after.sm2.ease())?;
            self.buf.extend_from_slice(b",\"due\":");
            optional_day(&mut self.buf, after.due)?;
            self.buf.extend_from_slice(b",\"taken_ms\":");
            optional_u64(&mut self.buf, review.taken_ms)?;
            self.buf.push(b'}');

            // The log: the full state on both sides.
            self.log.extend_from_slice(b",\"taken_ms\":");
            optional_u64(&mut self.log, review.taken_ms)?;
            self.log.extend_from_slice(b",\"before\":");
            state(&mut self.log, &review.before)?;
            self.log.extend_from_slice(b",\"after\":");
            state(&mut self.log, after)?;
            self.log.push(b'}');
        }
        self.buf.extend_from_slice(&self.log);
        self.buf.extend_from_slice(b"]}");
        Ok(())
    }
}

/// A card's state around a review, as the log has it.
fn state(out: &mut Vec<u8>, s: &CardState) -> io::Result<()> {
    out.extend_from_slice(b"{\"repetitions\":");
    CompactFormatter.write_u32(out, s.sm2.repetitions)?;
    out.extend_from_slice(b",\"interval\":");
    CompactFormatter.write_u32(out, s.sm2.interval_days)?;
    out.extend_from_slice(b",\"ease\":");
    CompactFormatter.write_f64(out, s.sm2.ease())?;
    out.extend_from_slice(b",\"due\":");
    optional_day(out, s.due)?;
    out.extend_from_slice(b",\"lapses\":");
    CompactFormatter.write_u32(out, s.lapses)?;
    out.extend_from_slice(b",\"last_grade\":");
    match s.last_grade {
        Some(grade) => CompactFormatter.write_u8(out, Grade::value(grade))?,
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"drill_day\":");
    optional_day(out, s.drill_day)?;
    out.extend_from_slice(b",\"introduced_on\":");
    optional_day(out, s.introduced_on)?;
    out.push(b'}');
    Ok(())
}

fn optional_u64(out: &mut Vec<u8>, n: Option<u64>) -> io::Result<()> {
    match n {
        Some(n) => CompactFormatter.write_u64(out, n)?,
        None => out.extend_from_slice(b"null"),
    }
    Ok(())
}

fn optional_day(out: &mut Vec<u8>, d: Option<NaiveDate>) -> io::Result<()> {
    match d {
        Some(d) => day(out, d),
        None => {
            out.extend_from_slice(b"null");
            Ok(())
        }
    }
}

/// `"YYYY-MM-DD"`, as chrono's serde writes a date; years outside 0–9999 (signed, wider)
/// are left to chrono.
fn day(out: &mut Vec<u8>, d: NaiveDate) -> io::Result<()> {
    let Ok(year @ 0..=9999) = u32::try_from(d.year()) else {
        return serde_json::to_writer(out, &d).map_err(io::Error::from);
    };
    let mut text = *b"\"0000-00-00\"";
    digits(&mut text[1..5], year);
    digits(&mut text[6..8], d.month());
    digits(&mut text[9..11], d.day());
    out.extend_from_slice(&text);
    Ok(())
}

/// `"YYYY-MM-DDTHH:MM:SS[.mmm]Z"`, as chrono's serde writes an instant (RFC 3339, the
/// fraction only when there is one). Recall stores whole milliseconds; anything else (finer
/// fractions, a leap second, years outside 0–9999) is left to chrono.
fn instant(out: &mut Vec<u8>, at: DateTime<Utc>) -> io::Result<()> {
    let at_naive = at.naive_utc();
    let (date, time) = (at_naive.date(), at_naive.time());
    let nanos = time.nanosecond();
    let year = u32::try_from(date.year()).ok().filter(|&y| y <= 9999);
    let (Some(year), true) = (year, nanos < 1_000_000_000 && nanos % 1_000_000 == 0) else {
        return serde_json::to_writer(out, &at).map_err(io::Error::from);
    };
    let mut text = *b"\"0000-00-00T00:00:00.000Z\"";
    digits(&mut text[1..5], year);
    digits(&mut text[6..8], date.month());
    digits(&mut text[9..11], date.day());
    digits(&mut text[12..14], time.hour());
    digits(&mut text[15..17], time.minute());
    digits(&mut text[18..20], time.second());
    if nanos == 0 {
        out.extend_from_slice(&text[..20]);
        out.extend_from_slice(b"Z\"");
    } else {
        digits(&mut text[21..24], nanos / 1_000_000);
        out.extend_from_slice(&text);
    }
    Ok(())
}

/// Writes `n` in decimal into all of `place`, zero-padded (`n` fits).
fn digits(place: &mut [u8], mut n: u32) {
    for b in place.iter_mut().rev() {
        *b = b'0' + (n % 10) as u8;
        n /= 10;
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use chrono::{NaiveTime, TimeZone};
    use proptest::prelude::*;
    use serde::Serialize;
    use serde_json::{Value, json};

    use super::*;
    use crate::card::{CardView, ReviewKind};
    use crate::deck::{CardKind, Level};
    use crate::export::fixtures::{deck, log, options};
    use crate::scheduler::{Progress, Sm2State};

    #[test]
    fn json_holds_decks_cards_and_full_review_log() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("backup.json");
        let summary = write_json(&path, &[deck()], &mut log(), &options(false))?;
        assert_eq!(
            summary,
            ExportSummary {
                notes: 6,
                cards: 6,
                reviews: 5
            }
        );
        let value: Value = serde_json::from_str(&std::fs::read_to_string(&path)?)?;
        assert_eq!(value["version"], json!(1));
        assert_eq!(value["exported_at"], json!("2026-01-09T12:00:00Z"));
        let deck = &value["decks"][0];
        assert_eq!(deck["slug"], json!("interview"));
        assert_eq!(deck["title"], json!("Собеседование"));
        assert_eq!(deck["topics"], json!(["Основы Python", "Web фреймворки"]));
        let cards = deck["cards"].as_array().ok_or("cards")?;
        let statuses: Vec<&str> = cards.iter().filter_map(|c| c["status"].as_str()).collect();
        assert_eq!(
            statuses,
            ["new", "locked", "review", "retired", "suspended", "locked"]
        );
        let reviewed = &cards[2];
        assert_eq!(reviewed["key"], json!("2"));
        assert_eq!(reviewed["ease"], json!(2.28));
        assert_eq!(reviewed["due"], json!("2026-01-10"));
        assert_eq!(reviewed["reviews"].as_array().map(Vec::len), Some(5));
        assert_eq!(
            reviewed["log"][2],
            json!({
                "at": "2026-01-08T10:02:00Z",
                "day": "2026-01-08",
                "grade": 2,
                "kind": "schedule",
                "taken_ms": 90000,
                "before": {"repetitions": 2, "interval": 6, "ease": 2.5, "due": "2026-01-08",
                           "lapses": 0, "last_grade": 4, "drill_day": null,
                           "introduced_on": "2026-01-01"},
                "after": {"repetitions": 0, "interval": 1, "ease": 2.18, "due": "2026-01-09",
                          "lapses": 1, "last_grade": 2, "drill_day": "2026-01-08",
                          "introduced_on": "2026-01-01"},
            })
        );
        Ok(())
    }

    /// The layout as serde wrote it before the encoder (`#[derive(Serialize)]`, the card's
    /// view flattened beside its log): what the encoder's bytes are compared with.
    mod reference {
        use super::*;

        #[derive(Serialize)]
        pub struct Export<'a> {
            version: u32,
            exported_at: DateTime<Utc>,
            today: NaiveDate,
            decks: Vec<Deck<'a>>,
        }

        #[derive(Serialize)]
        struct Deck<'a> {
            slug: &'a str,
            title: &'a str,
            topics: &'a [String],
            cards: Vec<JsonCard>,
        }

        #[derive(Serialize)]
        struct JsonCard {
            #[serde(flatten)]
            view: CardView,
            log: Vec<JsonReview>,
        }

        #[derive(Serialize)]
        struct JsonReview {
            at: DateTime<Utc>,
            day: NaiveDate,
            grade: Grade,
            kind: ReviewKind,
            taken_ms: Option<u64>,
            before: JsonState,
            after: JsonState,
        }

        #[derive(Serialize)]
        struct JsonState {
            repetitions: u32,
            interval: u32,
            ease: f64,
            due: Option<NaiveDate>,
            lapses: u32,
            last_grade: Option<Grade>,
            drill_day: Option<NaiveDate>,
            introduced_on: Option<NaiveDate>,
        }

        fn state(s: &CardState) -> JsonState {
            JsonState {
                repetitions: s.sm2.repetitions,
                interval: s.sm2.interval_days,
                ease: s.sm2.ease(),
                due: s.due,
                lapses: s.lapses,
                last_grade: s.last_grade,
                drill_day: s.drill_day,
                introduced_on: s.introduced_on,
            }
        }

        /// The whole export, `serde_json::to_writer` and a newline, as `write_json` wrote it.
        pub fn bytes(
            decks: &[ExportDeck],
            log: &HashMap<i64, Vec<Review>>,
            opts: &ExportOptions,
        ) -> Vec<u8> {
            let export = Export {
                version: JSON_EXPORT_VERSION,
                exported_at: opts.now,
                today: opts.today,
                decks: decks
                    .iter()
                    .map(|deck| Deck {
                        slug: &deck.slug,
                        title: &deck.title,
                        topics: &deck.topics,
                        cards: deck
                            .cards
                            .iter()
                            .map(|card| {
                                let reviews = log.get(&card.id).cloned().unwrap_or_default();
                                JsonCard {
                                    view: card.view(&opts.rule, Some(&reviews)),
                                    log: reviews
                                        .iter()
                                        .map(|r| JsonReview {
                                            at: r.answered_at,
                                            day: r.day,
                                            grade: r.grade,
                                            kind: r.kind,
                                            taken_ms: r.taken_ms,
                                            before: state(&r.before),
                                            after: state(&r.after),
                                        })
                                        .collect(),
                                }
                            })
                            .collect(),
                    })
                    .collect(),
            };
            let mut bytes = serde_json::to_vec(&export).unwrap();
            bytes.push(b'\n');
            bytes
        }
    }

    fn written(
        decks: &[ExportDeck],
        log: &HashMap<i64, Vec<Review>>,
        opts: &ExportOptions,
    ) -> Result<Vec<u8>, Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("backup.json");
        write_json(&path, decks, &mut log.clone(), opts)?;
        Ok(std::fs::read(&path)?)
    }

    #[test]
    fn fixture_export_is_the_bytes_serde_wrote() -> Result<(), Box<dyn std::error::Error>> {
        let (decks, log, opts) = (vec![deck(), deck()], log(), options(false));
        let ours = written(&decks, &log, &opts)?;
        assert_eq!(
            String::from_utf8(ours)?,
            String::from_utf8(reference::bytes(&decks, &log, &opts))?
        );
        assert_eq!(
            written(&[], &log, &opts)?,
            reference::bytes(&[], &log, &opts)
        );
        Ok(())
    }

    fn encoded(write: impl FnOnce(&mut Vec<u8>) -> io::Result<()>) -> String {
        let mut out = Vec::new();
        write(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn dates_and_instants_are_written_as_chrono_writes_them() {
        let days = [
            (date(2026, 1, 8), "\"2026-01-08\""),
            (date(0, 1, 1), "\"0000-01-01\""),
            (date(9999, 12, 31), "\"9999-12-31\""),
            (date(10000, 1, 1), "\"+10000-01-01\""),
            (date(-1, 12, 31), "\"-0001-12-31\""),
        ];
        for (d, text) in days {
            assert_eq!(encoded(|out| day(out, d)), text);
            assert_eq!(serde_json::to_string(&d).unwrap(), text);
        }
        let at = |d: NaiveDate, h, m, s, nano| {
            let time = NaiveTime::from_hms_nano_opt(h, m, s, nano).unwrap();
            Utc.from_utc_datetime(&d.and_time(time))
        };
        let instants = [
            (
                at(date(2026, 1, 8), 10, 2, 0, 0),
                "\"2026-01-08T10:02:00Z\"",
            ),
            (
                at(date(2026, 1, 8), 9, 5, 7, 4_000_000),
                "\"2026-01-08T09:05:07.004Z\"",
            ),
            (
                at(date(2026, 12, 31), 23, 59, 59, 999_000_000),
                "\"2026-12-31T23:59:59.999Z\"",
            ),
            (
                at(date(2026, 1, 8), 0, 0, 0, 123_456_000),
                "\"2026-01-08T00:00:00.123456Z\"",
            ),
            (
                at(date(2026, 1, 8), 0, 0, 0, 1),
                "\"2026-01-08T00:00:00.000000001Z\"",
            ),
            // A leap second.
            (
                at(date(2016, 12, 31), 23, 59, 59, 1_500_000_000),
                "\"2016-12-31T23:59:60.500Z\"",
            ),
            (
                at(date(12026, 1, 8), 1, 2, 3, 0),
                "\"+12026-01-08T01:02:03Z\"",
            ),
            (at(date(-3, 1, 8), 1, 2, 3, 0), "\"-0003-01-08T01:02:03Z\""),
        ];
        for (t, text) in instants {
            assert_eq!(encoded(|out| instant(out, t)), text);
            assert_eq!(serde_json::to_string(&t).unwrap(), text);
        }
    }

    #[test]
    fn states_write_ease_nulls_and_dates_as_serde_does() {
        let mut s = CardState::default();
        assert_eq!(
            encoded(|out| state(out, &s)),
            r#"{"repetitions":0,"interval":0,"ease":2.5,"due":null,"lapses":0,"last_grade":null,"drill_day":null,"introduced_on":null}"#
        );
        s.sm2 = Sm2State {
            repetitions: 3,
            interval_days: 16,
            ease_hundredths: 130,
        };
        s.due = Some(date(2026, 2, 1));
        s.lapses = 2;
        s.last_grade = Some(Grade::new(0).unwrap());
        s.drill_day = Some(date(2026, 1, 16));
        s.introduced_on = Some(date(2025, 12, 31));
        assert_eq!(
            encoded(|out| state(out, &s)),
            r#"{"repetitions":3,"interval":16,"ease":1.3,"due":"2026-02-01","lapses":2,"last_grade":0,"drill_day":"2026-01-16","introduced_on":"2025-12-31"}"#
        );
        for (hundredths, text) in [(300, "3.0"), (228, "2.28"), (101, "1.01"), (0, "0.0")] {
            s.sm2.ease_hundredths = hundredths;
            let written = encoded(|out| state(out, &s));
            assert!(written.contains(&format!("\"ease\":{text},")), "{written}");
        }
    }

    #[test]
    fn card_texts_are_escaped_as_serde_does() -> Result<(), Box<dyn std::error::Error>> {
        let mut deck = deck();
        deck.title = "Кавычки \"и\" \\ слэш".to_string();
        deck.cards[0].question =
            "q \"x\" \\ \u{0}\u{1f}\u{8}\u{c}\n\r\t \u{7f} é 😀 \u{2028}".to_string();
        deck.cards[0].body = None;
        let (decks, log, opts) = (vec![deck], log(), options(false));
        let ours = String::from_utf8(written(&decks, &log, &opts)?)?;
        assert!(
            ours.contains(r#""title":"Кавычки \"и\" \\ слэш""#),
            "{ours}"
        );
        assert!(
            ours.contains(
                "\"question\":\"q \\\"x\\\" \\\\ \\u0000\\u001f\\b\\f\\n\\r\\t \u{7f} é 😀 \u{2028}\",\"body\":null,"
            ),
            "{ours}"
        );
        assert_eq!(ours.as_bytes(), reference::bytes(&decks, &log, &opts));
        Ok(())
    }

    fn text() -> impl Strategy<Value = String> {
        let tricky = prop::sample::select(vec![
            '"', '\\', '/', '\n', '\r', '\t', '\u{0}', '\u{8}', '\u{c}', '\u{1f}', '\u{7f}', 'é',
            'ж', '😀', '\u{2028}', '\u{fffd}',
        ]);
        prop::collection::vec(prop_oneof![any::<char>(), tricky], 0..10)
            .prop_map(|chars| chars.into_iter().collect())
    }

    /// Mostly days near now, some anywhere chrono can count (years beyond 0–9999 too).
    fn any_day() -> impl Strategy<Value = NaiveDate> {
        prop_oneof![3 => 739_000i32..740_500, 1 => -90_000_000i32..90_000_000]
            .prop_filter_map("a day chrono has", NaiveDate::from_num_days_from_ce_opt)
    }

    fn any_instant() -> impl Strategy<Value = DateTime<Utc>> {
        let nanos = prop_oneof![
            Just(0u32),
            (0u32..1000).prop_map(|ms| ms * 1_000_000),
            0u32..1_000_000_000,
            // Leap seconds (chrono takes them in the last second of a minute).
            (0u32..1000).prop_map(|ms| 1_000_000_000 + ms * 1_000_000),
            1_000_000_000u32..2_000_000_000,
        ];
        let seconds = prop_oneof![0u32..86_400, (0u32..1440).prop_map(|m| m * 60 + 59)];
        (any_day(), seconds, nanos).prop_filter_map("a time chrono has", |(d, s, n)| {
            NaiveTime::from_num_seconds_from_midnight_opt(s, n)
                .map(|t| Utc.from_utc_datetime(&d.and_time(t)))
        })
    }

    fn any_state() -> impl Strategy<Value = CardState> {
        let ease = prop_oneof![3 => 100u32..400, 1 => any::<u32>()];
        let grade = prop::option::of((0u8..=5).prop_map(|g| Grade::new(g).unwrap()));
        (
            (any::<u32>(), any::<u32>(), ease),
            prop::option::of(any_day()),
            any::<u32>(),
            grade,
            prop::option::of(any_day()),
            prop::option::of(any_day()),
        )
            .prop_map(
                |(
                    (repetitions, interval_days, ease_hundredths),
                    due,
                    lapses,
                    last_grade,
                    drill_day,
                    introduced_on,
                )| {
                    CardState {
                        sm2: Sm2State {
                            repetitions,
                            interval_days,
                            ease_hundredths,
                        },
                        due,
                        lapses,
                        last_grade,
                        drill_day,
                        introduced_on,
                    }
                },
            )
    }

    fn any_review() -> impl Strategy<Value = Review> {
        let kind = prop::sample::select(vec![
            ReviewKind::Schedule,
            ReviewKind::Drill,
            ReviewKind::Cram,
            ReviewKind::Interview,
        ]);
        (
            any_instant(),
            any_day(),
            (0u8..=5).prop_map(|g| Grade::new(g).unwrap()),
            kind,
            prop::option::of(any::<u64>()),
            any_state(),
            any_state(),
        )
            .prop_map(
                |(answered_at, day, grade, kind, taken_ms, before, after)| Review {
                    id: 0,
                    card_id: 0,
                    answered_at,
                    day,
                    grade,
                    kind,
                    taken_ms,
                    before,
                    after,
                },
            )
    }

    /// A card with its reviews; ids are given when the deck is put together.
    fn any_card() -> impl Strategy<Value = (Card, Vec<Review>)> {
        let texts = (
            text(),
            text(),
            prop::option::of(text()),
            prop::option::of(text()),
            prop::option::of(text()),
            prop::option::of(text()),
        );
        let flags = (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>());
        let level = prop::option::of(prop::sample::select(vec![
            Level::Junior,
            Level::Middle,
            Level::Senior,
        ]));
        let parent = prop::option::of((text(), any_state()));
        (
            texts,
            flags,
            level,
            parent,
            any_state(),
            any_instant(),
            prop::collection::vec(any_review(), 0..4),
        )
            .prop_map(
                |(
                    (key, question, body, answer, note, topic),
                    (retired, suspended, unlocked, _),
                    level,
                    parent,
                    state,
                    text_changed_at,
                    reviews,
                )| {
                    let card = Card {
                        id: 0,
                        deck_slug: "d".to_string(),
                        deck_title: "D".to_string(),
                        topic: topic.unwrap_or_default(),
                        key,
                        kind: if parent.is_some() {
                            CardKind::Followup
                        } else {
                            CardKind::Main
                        },
                        parent_key: parent.as_ref().map(|(key, _)| key.clone()),
                        parent_question: parent.as_ref().map(|(key, _)| format!("{key}?")),
                        parent_progress: parent.as_ref().map(|(_, s)| Progress {
                            repetitions: s.sm2.repetitions,
                            interval_days: s.sm2.interval_days,
                            last_grade: s.last_grade,
                        }),
                        question,
                        body,
                        answer,
                        note,
                        text_changed_at,
                        retired,
                        suspended,
                        unlocked,
                        state,
                        level,
                    };
                    (card, reviews)
                },
            )
    }

    fn any_deck() -> impl Strategy<Value = (ExportDeck, Vec<Vec<Review>>)> {
        (
            text(),
            text(),
            prop::collection::vec(text(), 0..3),
            prop::collection::vec(any_card(), 0..4),
        )
            .prop_map(|(slug, title, topics, cards)| {
                let (cards, logs) = cards.into_iter().unzip();
                (
                    ExportDeck {
                        slug,
                        title,
                        topics,
                        cards,
                    },
                    logs,
                )
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        #[test]
        fn encoder_writes_the_bytes_serde_writes(
            decks in prop::collection::vec(any_deck(), 0..3),
            now in any_instant(),
            today in any_day(),
        ) {
            let mut log = HashMap::new();
            let mut next_id = 1;
            let decks: Vec<ExportDeck> = decks
                .into_iter()
                .map(|(mut deck, logs)| {
                    for (card, mut reviews) in deck.cards.iter_mut().zip(logs) {
                        card.id = next_id;
                        next_id += 1;
                        for review in &mut reviews {
                            review.card_id = card.id;
                        }
                        log.insert(card.id, reviews);
                    }
                    deck
                })
                .collect();
            let opts = ExportOptions { with_progress: false, now, today, rule: MasteryRule::default() };
            let ours = written(&decks, &log, &opts).unwrap();
            let theirs = reference::bytes(&decks, &log, &opts);
            prop_assert_eq!(String::from_utf8(ours).unwrap(), String::from_utf8(theirs).unwrap());
        }
    }
}
