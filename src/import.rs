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
        if let Some(parent) = d.parent_key.as_deref().and_then(|k| main_index.get(k)) {
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
    key_of: impl Fn(&str) -> &str,
) {
    // 1. Identical text; a retired card with the text comes back with its history.
    let mut by_text: HashMap<&str, Vec<usize>> = HashMap::new();
    for &o in old {
        by_text
            .entry(existing[o].question.as_str())
            .or_default()
            .push(o);
    }
    for candidates in by_text.values_mut() {
        candidates.sort_by_key(|&o| existing[o].retired);
    }
    for &n in new {
        let Some(candidates) = by_text.get_mut(drafts[n].question.as_str()) else {
            continue;
        };
        let same_key = candidates.iter().position(|&o| {
            key_of(&existing[o].key) == key_of(&drafts[n].key) && !existing[o].retired
        });
        let pick = same_key.or_else(|| (!candidates.is_empty()).then_some(0));
        if let Some(at) = pick {
            let o = candidates.remove(at);
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

    // 2. Nearly identical text, best pairs first.
    if open_new.len() * open_old.len() <= MAX_SIMILARITY_PAIRS {
        let old_pairs: Vec<Vec<(char, char)>> = open_old
            .iter()
            .map(|&o| char_pairs(&existing[o].question))
            .collect();
        let mut scored = Vec::new();
        for &n in &open_new {
            let pairs = char_pairs(&drafts[n].question);
            for (j, &o) in open_old.iter().enumerate() {
                let score = dice(&pairs, &old_pairs[j]);
                if score >= SAME_QUESTION {
                    let same_key = key_of(&existing[o].key) == key_of(&drafts[n].key);
                    scored.push((score, same_key, n, o));
                }
            }
        }
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

/// Sorted pairs of adjacent lower-cased characters, ignoring spaces and punctuation runs.
fn char_pairs(text: &str) -> Vec<(char, char)> {
    let chars: Vec<char> = text
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    let mut pairs: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
    pairs.sort_unstable();
    pairs
}

/// Dice's coefficient of two sorted multisets: 1.0 for the same text, 0.0 for nothing shared.
fn dice(a: &[(char, char)], b: &[(char, char)]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * shared as f64 / (a.len() + b.len()) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn main(key: &str, q: &str) -> CardDraft {
        CardDraft {
            key: key.into(),
            kind: CardKind::Main,
            parent_key: None,
            topic: 0,
            question: q.into(),
            body: None,
            answer: None,
            level: None,
        }
    }

    fn follow(parent: &str, n: u32, q: &str) -> CardDraft {
        CardDraft {
            key: format!("{parent}.{n}"),
            kind: CardKind::Followup,
            parent_key: Some(parent.into()),
            ..main("", q)
        }
    }

    /// Existing cards built from drafts, with ids 1.. and parent links by key.
    fn stored(drafts: &[CardDraft]) -> Vec<Existing> {
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
                parent_id: d.parent_key.as_deref().map(|k| ids[k]),
                question: d.question.clone(),
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

    fn v1() -> Vec<CardDraft> {
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
        new[2].question = "Объясните работу сборщика мусора в Python".into();
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
        new[4].question = "Расскажите про протокол __get__ / __set__".into();
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
}
