//! Card identity across re-imports, pure: which stored card each card of a new version of
//! a document is. Progress follows the text, not the number: identical text first, then
//! nearly identical text (a typo fix), then the same key.

use std::collections::HashMap;

use serde::Serialize;

use crate::deck::{CardDraft, CardKind};

/// A card already in the database, as the matcher needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Existing {
    pub id: i64,
    pub key: String,
    pub kind: CardKind,
    pub parent_id: Option<i64>,
    pub question: String,
    pub retired: bool,
}

/// What an import did (or, with `--dry-run`, would do).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ImportCounts {
    pub added: usize,
    pub updated: usize,
    pub retired: usize,
    pub unchanged: usize,
    /// Retired cards whose question came back: their history is theirs again. In JSON only
    /// when there are some, so the contract's four counts stay the object's shape otherwise.
    #[serde(skip_serializing_if = "is_zero")]
    pub restored: usize,
    /// Cards that kept their answer because the file gave none at all (see
    /// `DeckSource::keeps_answers`); reported on stderr, not in the JSON.
    #[serde(skip)]
    pub kept_answers: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl std::ops::AddAssign for ImportCounts {
    fn add_assign(&mut self, other: ImportCounts) {
        self.added += other.added;
        self.updated += other.updated;
        self.retired += other.retired;
        self.unchanged += other.unchanged;
        self.restored += other.restored;
        self.kept_answers += other.kept_answers;
    }
}

/// For each draft, the index into `existing` of the card it continues, if any; plus the
/// active existing cards no draft continues (to be retired).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matching {
    pub matches: Vec<Option<usize>>,
    pub retire: Vec<usize>,
}

/// Texts at least this similar (Dice over character pairs) count as the same question edited.
const SAME_QUESTION: f64 = 0.5;
/// Beyond this many candidate pairs the similarity pass is skipped; matching then falls back
/// to keys, which is what a wholesale rewrite of a large deck needs anyway.
const MAX_SIMILARITY_PAIRS: usize = 400_000;

/// Matches a new version of a deck (`drafts`, in document order) to the stored cards.
pub fn match_cards(existing: &[Existing], drafts: &[CardDraft]) -> Matching {
    let mut matches = vec![None; drafts.len()];
    let mut taken = vec![false; existing.len()];

    let mains: Vec<usize> = (0..drafts.len())
        .filter(|&i| drafts[i].kind == CardKind::Main)
        .collect();
    let old_mains: Vec<usize> = (0..existing.len())
        .filter(|&i| existing[i].kind == CardKind::Main)
        .collect();
    match_group(
        existing,
        drafts,
        &mains,
        &old_mains,
        &mut matches,
        &mut taken,
        |k| k,
    );

    // Follow-ups are matched among the follow-ups of the card their parent continues.
    let mut children: HashMap<i64, Vec<usize>> = HashMap::new();
    for (i, e) in existing.iter().enumerate() {
        if let Some(parent) = e.parent_id {
            children.entry(parent).or_default().push(i);
        }
    }
    let mut main_index: HashMap<&str, usize> = HashMap::new();
    for &m in &mains {
        main_index.entry(drafts[m].key.as_str()).or_insert(m);
    }
    let mut new_children: Vec<(usize, Vec<usize>)> = Vec::new();
    for (i, d) in drafts.iter().enumerate() {
        if let Some(parent) = d.parent_key.and_then(|k| main_index.get(k)) {
            match new_children.last_mut() {
                Some((p, list)) if p == parent => list.push(i),
                _ => new_children.push((*parent, vec![i])),
            }
        }
    }
    for (parent, kids) in new_children {
        let Some(old_parent) = matches[parent] else {
            continue;
        };
        let Some(old_kids) = children.get(&existing[old_parent].id) else {
            continue;
        };
        match_group(
            existing,
            drafts,
            &kids,
            old_kids,
            &mut matches,
            &mut taken,
            item_number,
        );
    }

    let retire = (0..existing.len())
        .filter(|&i| !taken[i] && !existing[i].retired)
        .collect();
    Matching { matches, retire }
}

/// The follow-up's own number: `3` of `12.3`.
fn item_number(key: &str) -> &str {
    key.rsplit('.').next().unwrap_or(key)
}

/// Matches `new` drafts to `old` existing cards in three passes.
fn match_group(
    existing: &[Existing],
    drafts: &[CardDraft],
    new: &[usize],
    old: &[usize],
    matches: &mut [Option<usize>],
    taken: &mut [bool],
    key_of: impl Fn(&str) -> &str + Sync,
) {
    // 1. Identical text; a retired card with the text comes back with its history. Among
    //    cards with one text, the one with the draft's key wins, else the first still open
    //    (active before retired, in stored order). Kept linear for documents that repeat one
    //    text thousands of times.
    struct SameText {
        /// Active candidates by key (keys are unique among active cards of a group).
        by_key: HashMap<String, usize>,
        /// All candidates, active first; `next` skips those already taken.
        order: Vec<usize>,
        next: usize,
    }
    let mut by_text: HashMap<&str, SameText> = HashMap::new();
    for &o in old {
        let group = by_text
            .entry(existing[o].question.as_str())
            .or_insert_with(|| SameText {
                by_key: HashMap::new(),
                order: Vec::new(),
                next: 0,
            });
        group.order.push(o);
        if !existing[o].retired {
            group
                .by_key
                .entry(key_of(&existing[o].key).to_string())
                .or_insert(o);
        }
    }
    for group in by_text.values_mut() {
        group.order.sort_by_key(|&o| existing[o].retired);
    }
    for &n in new {
        let Some(group) = by_text.get_mut(drafts[n].question) else {
            continue;
        };
        let same_key = group
            .by_key
            .get(key_of(&drafts[n].key))
            .copied()
            .filter(|&o| !taken[o]);
        let pick = same_key.or_else(|| {
            while group.next < group.order.len() && taken[group.order[group.next]] {
                group.next += 1;
            }
            group.order.get(group.next).copied()
        });
        if let Some(o) = pick {
            matches[n] = Some(o);
            taken[o] = true;
        }
    }

    let open_new: Vec<usize> = new
        .iter()
        .copied()
        .filter(|&n| matches[n].is_none())
        .collect();
    let open_old: Vec<usize> = old
        .iter()
        .copied()
        .filter(|&o| !taken[o] && !existing[o].retired)
        .collect();
    if open_new.is_empty() || open_old.is_empty() {
        return;
    }

    // 2. Nearly identical text, best pairs first. Every pair's score is computed, through
    //    an index from each character pair to the stored texts holding it: the work is the
    //    pairs two texts share, not every pair of every two texts (the two cores split it).
    if open_new.len() * open_old.len() <= MAX_SIMILARITY_PAIRS {
        let old_pairs: Vec<Pairs> = open_old
            .iter()
            .map(|&o| char_pairs(&existing[o].question))
            .collect();
        let mut holders: HashMap<u64, Vec<(usize, u32)>> = HashMap::new();
        for (j, pairs) in old_pairs.iter().enumerate() {
            for &(pair, count) in &pairs.runs {
                holders.entry(pair).or_default().push((j, count));
            }
        }
        let score_row = |n: usize| -> Vec<(f64, bool, usize, usize)> {
            let pairs = char_pairs(drafts[n].question);
            let mut shared = vec![0usize; open_old.len()];
            for (pair, count) in &pairs.runs {
                for &(j, theirs) in holders.get(pair).map(Vec::as_slice).unwrap_or_default() {
                    shared[j] += (*count).min(theirs) as usize;
                }
            }
            let mut row = Vec::new();
            for (j, &o) in open_old.iter().enumerate() {
                let score = dice_of(shared[j], pairs.len, old_pairs[j].len);
                if score >= SAME_QUESTION {
                    let same_key = key_of(&existing[o].key) == key_of(&drafts[n].key);
                    row.push((score, same_key, n, o));
                }
            }
            row
        };
        let halves = open_new.split_at(open_new.len() / 2);
        let mut scored = std::thread::scope(|scope| {
            let first = scope.spawn(|| halves.0.iter().flat_map(|&n| score_row(n)).collect());
            let mut second: Vec<_> = halves.1.iter().flat_map(|&n| score_row(n)).collect();
            let mut all: Vec<_> = first.join().unwrap_or_default();
            all.append(&mut second);
            all
        });
        // Ties keep document order (a stable sort over rows made in order).
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)));
        for (_, _, n, o) in scored {
            if matches[n].is_none() && !taken[o] {
                matches[n] = Some(o);
                taken[o] = true;
            }
        }
    }

    // 3. The same key, whatever the text.
    let mut by_key: HashMap<&str, usize> = HashMap::new();
    for &o in &open_old {
        if !taken[o] {
            by_key.insert(key_of(&existing[o].key), o);
        }
    }
    for &n in &open_new {
        if matches[n].is_none()
            && let Some(o) = by_key.remove(key_of(&drafts[n].key))
        {
            matches[n] = Some(o);
            taken[o] = true;
        }
    }
}

/// The pairs of adjacent lower-cased characters of a text (spaces and punctuation left out),
/// as a sorted multiset: each distinct pair packed in one number, with its count. Counting
/// runs keeps a long text's list short, so comparing two is fast.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Pairs {
    runs: Vec<(u64, u32)>,
    len: usize,
}

fn char_pairs(text: &str) -> Pairs {
    let chars: Vec<char> = text
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    let mut pairs: Vec<u64> = chars
        .windows(2)
        .map(|w| (u64::from(w[0]) << 32) | u64::from(w[1]))
        .collect();
    pairs.sort_unstable();
    let mut runs: Vec<(u64, u32)> = Vec::new();
    for p in &pairs {
        match runs.last_mut() {
            Some((last, n)) if last == p => *n += 1,
            _ => runs.push((*p, 1)),
        }
    }
    Pairs {
        runs,
        len: pairs.len(),
    }
}

/// Dice's coefficient of two pair multisets: 1.0 for the same text, 0.0 for nothing shared.
#[cfg(test)]
fn dice(a: &Pairs, b: &Pairs) -> f64 {
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.runs.len() && j < b.runs.len() {
        let ((pa, na), (pb, nb)) = (a.runs[i], b.runs[j]);
        match pa.cmp(&pb) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += na.min(nb) as usize;
                i += 1;
                j += 1;
            }
        }
    }
    dice_of(shared, a.len, b.len)
}

/// Dice's coefficient from the pairs two texts share and how many each has.
fn dice_of(shared: usize, len_a: usize, len_b: usize) -> f64 {
    if len_a + len_b == 0 {
        return 1.0;
    }
    2.0 * shared as f64 / (len_a + len_b) as f64
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn main<'a>(key: &str, q: &'a str) -> CardDraft<'a> {
        CardDraft {
            key: key.into(),
            kind: CardKind::Main,
            parent_key: None,
            topic: 0,
            question: q,
            body: None,
            answer: None,
            level: None,
        }
    }

    fn follow<'a>(parent: &'a str, n: u32, q: &'a str) -> CardDraft<'a> {
        CardDraft {
            key: format!("{parent}.{n}"),
            kind: CardKind::Followup,
            parent_key: Some(parent),
            ..main("", q)
        }
    }

    /// Existing cards built from drafts, with ids 1.. and parent links by key.
    pub(crate) fn stored(drafts: &[CardDraft]) -> Vec<Existing> {
        let ids: HashMap<&str, i64> = drafts
            .iter()
            .enumerate()
            .map(|(i, d)| (d.key.as_str(), i as i64 + 1))
            .collect();
        drafts
            .iter()
            .enumerate()
            .map(|(i, d)| Existing {
                id: i as i64 + 1,
                key: d.key.clone(),
                kind: d.kind,
                parent_id: d.parent_key.map(|k| ids[k]),
                question: d.question.to_string(),
                retired: false,
            })
            .collect()
    }

    fn ids(existing: &[Existing], m: &Matching) -> Vec<Option<i64>> {
        m.matches
            .iter()
            .map(|o| o.map(|i| existing[i].id))
            .collect()
    }

    fn v1() -> Vec<CardDraft<'static>> {
        vec![
            main("1", "Что такое GIL в Python?"),
            follow("1", 1, "Почему GIL был введен?"),
            main("2", "Объясните работу сборщика мусора"),
            follow("2", 1, "Как работает reference counting?"),
            main("3", "Что такое дескрипторы?"),
        ]
    }

    #[test]
    fn the_same_document_matches_card_for_card() {
        let old = stored(&v1());
        let m = match_cards(&old, &v1());
        assert_eq!(
            ids(&old, &m),
            vec![Some(1), Some(2), Some(3), Some(4), Some(5)]
        );
        assert!(m.retire.is_empty());
    }

    #[test]
    fn a_typo_fix_keeps_the_card() {
        let old = stored(&v1());
        let mut new = v1();
        new[2].question = "Объясните работу сборщика мусора в Python";
        let m = match_cards(&old, &new);
        assert_eq!(m.matches[2], Some(2));
    }

    #[test]
    fn an_insertion_in_the_middle_keeps_progress_on_the_right_questions() {
        let old = stored(&v1());
        let new = vec![
            main("1", "Что такое GIL в Python?"),
            follow("1", 1, "Почему GIL был введен?"),
            main("2", "Что такое метаклассы?"),
            follow("2", 1, "Когда их использовать?"),
            main("3", "Объясните работу сборщика мусора"),
            follow("3", 1, "Как работает reference counting?"),
            main("4", "Что такое дескрипторы?"),
        ];
        let m = match_cards(&old, &new);
        assert_eq!(
            ids(&old, &m),
            vec![Some(1), Some(2), None, None, Some(3), Some(4), Some(5)]
        );
        assert!(m.retire.is_empty());
    }

    #[test]
    fn an_insertion_plus_a_typo_on_a_shifted_question_still_follows_the_text() {
        let old = stored(&v1());
        let new = vec![
            main("1", "Что такое GIL в Python?"),
            main("2", "Что такое метаклассы?"),
            main("3", "Объясните работу сборщика мусора!"),
            main("4", "Что такое дескрипторы?"),
        ];
        let m = match_cards(&old, &new);
        assert_eq!(ids(&old, &m), vec![Some(1), None, Some(3), Some(5)]);
        assert_eq!(m.retire, vec![1, 3]); // the follow-ups that are gone
    }

    #[test]
    fn a_removed_question_is_retired_with_its_follow_ups() {
        let old = stored(&v1());
        let new = vec![v1()[0].clone(), v1()[1].clone(), v1()[4].clone()];
        let m = match_cards(&old, &new);
        assert_eq!(ids(&old, &m), vec![Some(1), Some(2), Some(5)]);
        assert_eq!(m.retire, vec![2, 3]);
    }

    #[test]
    fn a_rewritten_question_keeps_its_number_identity() {
        let old = stored(&v1());
        let mut new = v1();
        new[4].question = "Расскажите про протокол __get__ / __set__";
        let m = match_cards(&old, &new);
        assert_eq!(m.matches[4], Some(4));
    }

    #[test]
    fn a_retired_question_that_comes_back_gets_its_card_back() {
        let mut old = stored(&v1());
        old[4].retired = true;
        let m = match_cards(&old, &v1());
        assert_eq!(m.matches[4], Some(4));
        assert!(m.retire.is_empty());
    }

    #[test]
    fn follow_ups_match_within_their_parent() {
        let old = stored(&v1());
        let mut new = v1();
        new.insert(2, follow("1", 2, "Как работает reference counting?"));
        let m = match_cards(&old, &new);
        // Same text as 2.1, but under another parent: a new card.
        assert_eq!(m.matches[2], None);
        assert_eq!(m.matches[4], Some(3));
    }

    #[test]
    fn dice_scores() {
        let a = char_pairs("night");
        assert_eq!(dice(&a, &char_pairs("night")), 1.0);
        assert_eq!(dice(&a, &char_pairs("xyzzy")), 0.0);
        assert!((dice(&a, &char_pairs("nacht")) - 0.25).abs() < 1e-9);
    }

    /// The first pass as it was first written (a scan and a removal per draft): the linear
    /// version must pick the same cards.
    fn identical_text_reference(existing: &[Existing], drafts: &[CardDraft]) -> Vec<Option<usize>> {
        let mut by_text: HashMap<&str, Vec<usize>> = HashMap::new();
        for (o, e) in existing.iter().enumerate() {
            by_text.entry(e.question.as_str()).or_default().push(o);
        }
        for c in by_text.values_mut() {
            c.sort_by_key(|&o| existing[o].retired);
        }
        drafts
            .iter()
            .map(|d| {
                let c = by_text.get_mut(d.question)?;
                let at = c
                    .iter()
                    .position(|&o| existing[o].key == d.key && !existing[o].retired)
                    .or_else(|| (!c.is_empty()).then_some(0))?;
                Some(c.remove(at))
            })
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn identical_texts_match_as_the_first_rule_says(
            old in proptest::collection::vec((0usize..4, proptest::bool::ANY), 0..40),
            new in proptest::collection::vec(0usize..4, 0..40),
        ) {
            let texts = ["Same?", "Other?", "Third?", "Fourth?"];
            let drafts: Vec<CardDraft> = new
                .iter()
                .enumerate()
                .map(|(i, &t)| main(&(i + 1).to_string(), texts[t]))
                .collect();
            let mut existing = stored(
                &old.iter()
                    .enumerate()
                    .map(|(i, &(t, _))| main(&(i + 1).to_string(), texts[t]))
                    .collect::<Vec<_>>(),
            );
            for (e, &(_, retired)) in existing.iter_mut().zip(&old) {
                e.retired = retired;
            }
            let matching = match_cards(&existing, &drafts);
            let reference = identical_text_reference(&existing, &drafts);
            // Every draft the first pass matches is matched to the same card.
            for (got, want) in matching.matches.iter().zip(&reference) {
                if want.is_some() {
                    proptest::prop_assert_eq!(got, want);
                }
            }
        }

        #[test]
        fn the_pair_index_counts_what_the_merge_counts(a in "[a-dа-г ]{0,60}", b in "[a-dа-г ]{0,60}") {
            let (pa, pb) = (char_pairs(&a), char_pairs(&b));
            let mut holders: HashMap<u64, u32> = HashMap::new();
            for &(pair, n) in &pb.runs {
                holders.insert(pair, n);
            }
            let shared: usize = pa
                .runs
                .iter()
                .map(|(pair, n)| holders.get(pair).map_or(0, |m| (*n).min(*m) as usize))
                .sum();
            proptest::prop_assert_eq!(dice_of(shared, pa.len, pb.len), dice(&pa, &pb));
        }
    }
}
