//! What a deck document says, independent of any database.

use serde::Serialize;

use super::levels::Level;

/// One parsed Markdown deck.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deck {
    /// File stem, e.g. `python-backend-interview`; identifies the deck across imports.
    pub slug: String,
    /// The `# ` title, or the slug when the document has none.
    pub title: String,
    pub topics: Vec<Topic>,
}

/// A `## ` section that holds questions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topic {
    /// Heading text without its number and count: `Основы CI/CD`.
    pub name: String,
    pub questions: Vec<Question>,
}

/// A main question (`### 12. Text`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// The document's own number or label: `12`, `1.1`, `Сценарий 1`.
    pub key: String,
    /// 1-based line of the heading.
    pub line: usize,
    /// Heading text without its number.
    pub text: String,
    /// Paragraphs, lists and code between the heading and the follow-ups, verbatim.
    pub body: Option<String>,
    /// The `**Ответ:**` / `**Answer:**` block, if the author wrote one.
    pub answer: Option<String>,
    /// `**Level:** middle` under the heading, in the deck or its answer file, or a tag in
    /// the question's text (`[Senior]`).
    pub level: Option<Level>,
    /// The level the section it stands in names (`## Junior`): the question's when neither
    /// the deck nor its answer file gives it one of its own.
    pub section_level: Option<Level>,
    pub followups: Vec<FollowUp>,
}

/// An item of the list after `**Углубляющие вопросы:**`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUp {
    /// Item number as written (1-based).
    pub number: u32,
    /// 1-based line of the item.
    pub line: usize,
    pub text: String,
    /// A nested answer block under the item, if any.
    pub answer: Option<String>,
}

/// Whether a card is a main question or a follow-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CardKind {
    Main,
    Followup,
}

impl CardKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CardKind::Main => "main",
            CardKind::Followup => "followup",
        }
    }
}

/// One card as the document defines it, flattened in document order. Its text is borrowed
/// from the deck: a large deck's drafts would otherwise copy all of its text once more.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardDraft<'a> {
    /// `12` for a main question, `12.3` for its third follow-up.
    pub key: String,
    pub kind: CardKind,
    /// Key of the parent main question, for follow-ups.
    pub parent_key: Option<&'a str>,
    /// Index into `Deck::topics`.
    pub topic: usize,
    pub question: &'a str,
    pub body: Option<&'a str>,
    pub answer: Option<&'a str>,
    /// The main question's level; a follow-up takes its main question's.
    pub level: Option<Level>,
}

impl Deck {
    /// All cards in document order: each main question followed by its follow-ups.
    pub fn cards(&self) -> Vec<CardDraft<'_>> {
        let questions = self.topics.iter().flat_map(|t| &t.questions);
        let mut cards = Vec::with_capacity(questions.clone().map(|q| 1 + q.followups.len()).sum());
        for (topic_index, topic) in self.topics.iter().enumerate() {
            for q in &topic.questions {
                cards.push(CardDraft {
                    key: q.key.clone(),
                    kind: CardKind::Main,
                    parent_key: None,
                    topic: topic_index,
                    question: &q.text,
                    body: q.body.as_deref(),
                    answer: q.answer.as_deref(),
                    level: q.level.or(q.section_level),
                });
                for f in &q.followups {
                    cards.push(CardDraft {
                        key: format!("{}.{}", q.key, f.number),
                        kind: CardKind::Followup,
                        parent_key: Some(&q.key),
                        topic: topic_index,
                        question: &f.text,
                        body: None,
                        answer: f.answer.as_deref(),
                        level: q.level.or(q.section_level),
                    });
                }
            }
        }
        cards
    }
}
