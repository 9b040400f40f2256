//! Screens of the session as text, pure: the same strings go to a terminal, a pipe or a test.
//!
//! Prose is wrapped to the screen width by display width (Cyrillic and CJK measure right);
//! fenced code is kept verbatim, since rewrapping code changes its meaning.

use chrono::NaiveDate;
use unicode_width::UnicodeWidthStr;

use crate::card::Card;
use crate::deck::CardKind;
use crate::scheduler::{DRILL_PASS_GRADE, Grade, LAST_DAY, Outcome, Reason, ReviewKind};
use crate::text;

use super::Summary;
use crate::markdown;
use crate::text::Style;

/// Which side of a card a screen shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Front,
    Back,
}

/// A card on screen: the card, why it is in the session and where it stands in it.
#[derive(Debug, Clone, Copy)]
pub struct Shown<'a> {
    pub card: &'a Card,
    pub reason: Reason,
    /// 1-based place in the session.
    pub index: usize,
    /// Cards in the session so far (grows as drills are appended).
    pub total: usize,
}

/// The question side: header, the parent question for a follow-up, the question and body.
pub fn render_front(shown: Shown<'_>, style: Style) -> String {
    let mut out = Vec::new();
    question_part(&mut out, shown, style);
    out.push(rule("", style));
    out.push(style.dim(&text::fit(
        "Enter show answer · 0-5 grade · u undo · s suspend · n note · q quit · ? keys",
        style.columns(),
    )));
    text::finish(out)
}

/// The answer side: the question again, the answer, the learner's note and the grades with
/// what each would do (`outcomes`, indexed by grade, as the answer would write them).
pub fn render_back(
    shown: Shown<'_>,
    outcomes: &[Outcome; 6],
    today: NaiveDate,
    style: Style,
) -> String {
    let card = shown.card;
    let mut out = Vec::new();
    question_part(&mut out, shown, style);
    out.push(rule("Answer", style));
    match card.answer.as_deref().filter(|a| !a.trim().is_empty()) {
        Some(answer) => out.extend(markdown::render(answer, style.columns(), style)),
        None => out.push(style.dim("No answer in the deck (n writes a note of your own).")),
    }
    if let Some(note) = card.note.as_deref().filter(|n| !n.trim().is_empty()) {
        out.push(rule("Your note", style));
        out.extend(markdown::render(note, style.columns(), style));
    }
    out.push(rule("", style));
    out.extend(grade_lines(card, outcomes, today, style));
    out.push(style.dim(&text::fit(
        "0-5 grade · u undo · s suspend · n note · q quit · ? keys",
        style.columns(),
    )));
    text::finish(out)
}

/// The six grades, each with its SM-2 label and what it would do, read from `outcomes`: the
/// days until the card comes back, or, in today's drill, whether the drill ends.
pub fn grade_lines(
    card: &Card,
    outcomes: &[Outcome; 6],
    today: NaiveDate,
    style: Style,
) -> Vec<String> {
    let mut lines = Vec::new();
    // Only where the grades drill: practice (cram) leaves today's drill alone.
    if card.state.in_drill(today) && outcomes.iter().any(|o| o.kind == ReviewKind::Drill) {
        let pass = DRILL_PASS_GRADE.value();
        lines.push(style.bold(&format!(
            "Drill: {pass} or 5 ends it; 0-{} brings the card back at the end.",
            pass - 1
        )));
    }
    let label_width = Grade::ALL
        .iter()
        .map(|g| g.label().width())
        .max()
        .unwrap_or(0);
    for outcome in outcomes {
        let label = outcome.grade.label();
        let pad = " ".repeat(label_width - label.width());
        let effect = match (outcome.kind, outcome.in_drill(today)) {
            (ReviewKind::Drill, true) => "again at the end".to_string(),
            (ReviewKind::Drill, false) => "drill done".to_string(),
            (ReviewKind::Schedule, false) => comes_back(outcome, today),
            // Below 4 the card also comes back at the end of today's session (SM-2 step 7).
            (ReviewKind::Schedule, true) => format!("{}, again today", comes_back(outcome, today)),
            // Practice outside the schedule: nothing moves.
            (ReviewKind::Cram | ReviewKind::Interview, _) => "schedule unchanged".to_string(),
        };
        lines.push(format!(
            "  {}  {label}{pad}  → {effect}",
            style.accent(&outcome.grade.to_string()),
        ));
    }
    lines
}

/// When a scheduling answer brings the card back: SM-2's interval, or, when an interview date
/// pulled the due date in, the days until then with the interval it stands for.
fn comes_back(outcome: &Outcome, today: NaiveDate) -> String {
    let interval = outcome.after.sm2.interval_days;
    let until_due = outcome
        .after
        .due
        .and_then(|due| u32::try_from((due - today).num_days()).ok());
    match until_due {
        Some(until) if until < interval && outcome.after.due < Some(LAST_DAY) => {
            format!(
                "{} (before the interview; SM-2: {})",
                days(until),
                days(interval)
            )
        }
        _ => days(interval),
    }
}

/// What a session says after the note editor: the note as kept, or none left.
pub fn note_said(kept: Option<&str>) -> &'static str {
    match kept {
        Some(_) => "Note saved.",
        None => "Note removed.",
    }
}

/// The keys of the session, for `?`.
pub fn render_help() -> String {
    [
        "Keys:",
        "  Enter, space  show the answer",
        "  0-5           grade (0 blackout … 5 perfect); best after seeing the answer",
        "  u             undo the last grade of this session",
        "  s             suspend this card",
        "  n             write a note on this card (shown with the answer)",
        "  q, Esc        quit; everything graded is kept",
        "  ?             this list",
    ]
    .join("\n")
}

/// The end of the session, or the nothing-due message when the queue was empty.
pub fn render_summary(summary: &Summary, style: Style) -> String {
    let mut out = Vec::new();
    if summary.started_with == 0 {
        out.push(nothing_due(summary));
        return text::finish(out);
    }
    let cards = text::count(summary.cards, "card", "cards");
    let mut head = format!("Reviewed {cards}");
    if summary.drill_reviews > 0 {
        head.push_str(&format!(
            " ({} in drills)",
            text::count(summary.drill_reviews, "review", "reviews")
        ));
    }
    head.push('.');
    out.push(style.bold(&head));
    if summary.reviews > 0 {
        let grades: Vec<String> = summary
            .grades
            .iter()
            .enumerate()
            .map(|(grade, count)| format!("{grade}: {count}"))
            .collect();
        out.push(format!("Grades  {}", grades.join("  ")));
    }
    for unlocked in &summary.unlocked {
        let n = unlocked.followups.len();
        out.push(format!(
            "Unlocked {} of question {}.",
            text::count(n, "follow-up", "follow-ups"),
            unlocked.parent
        ));
    }
    if summary.suspended > 0 {
        out.push(format!(
            "Suspended {}.",
            text::count(summary.suspended, "card", "cards")
        ));
    }
    if summary.left > 0 {
        out.push(format!(
            "Stopped early: {} left for today.",
            text::count(summary.left, "card", "cards")
        ));
    }
    out.push(match summary.due_tomorrow {
        0 => match summary.next_due {
            Some(day) => format!(
                "Nothing due tomorrow. Next review on {day} ({}).",
                text::relative(day, summary.today)
            ),
            None => "Nothing due tomorrow.".to_string(),
        },
        // Reviews and new cards told apart, as `due` does: `forecast` counts reviews alone.
        n => match (n - summary.new_tomorrow, summary.new_tomorrow) {
            (_, 0) | (0, _) => format!("Due tomorrow: {}.", text::count(n, "card", "cards")),
            (reviews, new) => format!(
                "Due tomorrow: {} ({}, {new} new).",
                text::count(n, "card", "cards"),
                text::count(reviews, "review", "reviews")
            ),
        },
    });
    text::finish(out)
}

fn nothing_due(summary: &Summary) -> String {
    if summary.total_cards == 0 {
        return "No cards yet. Add a deck with `recall import FILE`.".to_string();
    }
    match summary.next_due {
        Some(day) => format!(
            "Nothing due today. Next review on {day} ({}).",
            text::relative(day, summary.today)
        ),
        None => {
            "Nothing due today, and nothing scheduled: the remaining cards are locked or suspended."
                .to_string()
        }
    }
}

/// An interval as the grade list shows it: `15 d`.
pub fn days(interval_days: u32) -> String {
    format!("{interval_days} d")
}

fn question_part(out: &mut Vec<String>, shown: Shown<'_>, style: Style) {
    let card = shown.card;
    let width = style.columns();
    // Where the card stands, and how much of today's session is left with it.
    let left = shown.total.saturating_sub(shown.index) + 1;
    let place = format!("{left} left · {}/{}", shown.index, shown.total);
    let title = format!("{} › {}", card.deck_title, card.topic);
    let room = width.saturating_sub(place.width() + 2);
    let title = text::fit(&title, room);
    let gap = " ".repeat(width.saturating_sub(title.width() + place.width()).max(1));
    out.push(format!(
        "{}{gap}{}",
        style.bold(&title),
        style.accent(&place)
    ));
    let what = match card.kind {
        CardKind::Main => "Question",
        CardKind::Followup => "Follow-up",
    };
    out.push(text::fit(
        &format!("{what} {} · {}", card.key, shown.reason.as_str()),
        width,
    ));
    out.push(rule("", style));
    if let (CardKind::Followup, Some(parent)) = (card.kind, card.parent_question.as_deref()) {
        let parent_key = card.parent_key.as_deref().unwrap_or("");
        let context = format!("Main question {parent_key}: {parent}");
        out.extend(markdown::render_context(&context, width, style));
        out.push(String::new());
    }
    out.extend(markdown::render_question(&card.question, width, style));
    if let Some(body) = card.body.as_deref().filter(|b| !b.trim().is_empty()) {
        out.push(String::new());
        out.extend(markdown::render(body, width, style));
    }
}

/// A horizontal rule across the width, with an optional label: `── Answer ─────`.
fn rule(label: &str, style: Style) -> String {
    let width = style.columns();
    if label.is_empty() {
        return style.dim(&"─".repeat(width));
    }
    let head = format!("── {label} ");
    let tail = "─".repeat(width.saturating_sub(head.width()));
    style.dim(&format!("{head}{tail}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::card::CardState;
    use crate::interview::pacing::pull_in;
    use crate::review::tests::{followup, main_card};
    use crate::scheduler::Sm2State;
    use crate::text::wrap;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
    }

    fn shown(card: &Card, reason: Reason) -> Shown<'_> {
        Shown {
            card,
            reason,
            index: 7,
            total: 23,
        }
    }

    const LONG_QUESTION: &str = "Объясните внутреннее устройство list в CPython и почему append() \
        имеет амортизированную сложность O(1), а вставка в начало списка — линейную, и как это \
        связано с перераспределением памяти при росте массива указателей";

    const BODY: &str = "**Пример из вашего кода:**\n\
        ```python\n\
        def handler(request):  # обработчик, который ничего не знает о ширине экрана и не должен\n    \
            return JsonResponse({\"items\": list(Item.objects.values_list(\"name\", flat=True))})\n\
        ```\n\
        **Ключевые аспекты:**\n\
        - Почему запрос к базе данных внутри обработчика выполняется синхронно и что будет под нагрузкой в несколько тысяч запросов в секунду\n\
        - Сериализация";

    fn long_main() -> Card {
        Card {
            body: Some(BODY.to_string()),
            answer: Some(
                "Массив указателей с запасом: при переполнении CPython выделяет новый \
                блок примерно на 12,5% больше и копирует указатели, так что в среднем добавление \
                стоит O(1)."
                    .to_string(),
            ),
            note: Some("Сравнить с collections.deque".to_string()),
            ..main_card(1, "3", LONG_QUESTION)
        }
    }

    fn code_lines() -> Vec<&'static str> {
        BODY.lines().skip(2).take(2).collect()
    }

    fn assert_fits(screen: &str, width: usize) {
        let code = code_lines();
        for line in screen.lines() {
            // Code keeps its lines whatever the width, indented under the prose.
            if line.strip_prefix("    ").is_some_and(|l| code.contains(&l)) {
                continue;
            }
            assert!(line.width() <= width, "{} columns: {line}", line.width());
        }
    }

    #[test]
    fn long_cyrillic_screens_hold_at_80_columns() {
        let main = long_main();
        let mut follow = followup(2, &main, 3, LONG_QUESTION);
        follow.deck_title =
            "Собеседование Python Backend разработчика: 80 вопросов с углублением знаний"
                .to_string();
        follow.topic = "Продвинутый Python и внутреннее устройство интерпретатора".to_string();
        for card in [&main, &follow] {
            let front = render_front(shown(card, Reason::Review), Style::plain(80));
            let back = render_back(
                shown(card, Reason::Review),
                &sm2(card),
                today(),
                Style::plain(80),
            );
            assert_fits(&front, 80);
            assert_fits(&back, 80);
        }
        let front = render_front(shown(&follow, Reason::New), Style::plain(80));
        assert!(
            front.lines().next().unwrap().ends_with("…  17 left · 7/23"),
            "{front}"
        );
        assert!(front.contains("Main question 3: Объясните"), "{front}");
    }

    #[test]
    fn code_blocks_are_kept_verbatim() {
        let main = long_main();
        let front = render_front(shown(&main, Reason::New), Style::plain(60));
        let code: Vec<String> = code_lines().iter().map(|l| format!("    {l}")).collect();
        assert!(front.contains(&code.join("\n")), "{front}");
        assert_fits(&front, 60);
    }

    #[test]
    fn list_items_wrap_under_their_text() {
        let lines = wrap("- один два три четыре пять шесть", 16);
        assert_eq!(lines, vec!["- один два три", "  четыре пять", "  шесть"]);
        let lines = wrap("12. alpha beta gamma", 12);
        assert_eq!(lines, vec!["12. alpha", "    beta", "    gamma"]);
    }

    #[test]
    fn a_word_longer_than_the_line_is_cut() {
        let lines = wrap("ab ccccccccccccccc d", 6);
        assert_eq!(lines, vec!["ab", "cccccc", "cccccc", "ccc d"]);
    }

    /// The outcomes a review session without an interview date previews: SM-2's own.
    fn sm2(card: &Card) -> [Outcome; 6] {
        card.state.outcomes(today())
    }

    fn grade_line(card: &Card, grade: usize) -> String {
        let lines = grade_lines(card, &sm2(card), today(), Style::plain(80));
        lines[grade]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn a_new_card_shows_one_day_for_every_grade() {
        let card = main_card(1, "1", "Q");
        // 0-3 also bring the card back at the end of today's session.
        assert_eq!(grade_line(&card, 0), "0 blackout → 1 d, again today");
        assert_eq!(grade_line(&card, 3), "3 right, hard → 1 d, again today");
        assert_eq!(grade_line(&card, 4), "4 right, hesitated → 1 d");
        assert_eq!(grade_line(&card, 5), "5 perfect → 1 d");
    }

    #[test]
    fn a_card_after_two_passes_shows_the_multiplied_interval() {
        let mut card = main_card(1, "1", "Q");
        card.state.sm2 = Sm2State {
            repetitions: 2,
            interval_days: 6,
            ease_hundredths: 250,
        };
        assert_eq!(grade_line(&card, 4), "4 right, hesitated → 15 d");
        // EF as it was before the review: a 5 raises it only afterwards.
        assert_eq!(grade_line(&card, 5), "5 perfect → 15 d");
        assert_eq!(
            grade_line(&card, 2),
            "2 wrong, easy to recall → 1 d, again today"
        );
    }

    #[test]
    fn an_interview_date_shows_the_day_the_card_really_comes_back() {
        let mut card = main_card(1, "1", "Q");
        card.state.sm2 = Sm2State {
            repetitions: 2,
            interval_days: 6,
            ease_hundredths: 250,
        };
        // The interview is in 5 days: a 15-day interval is pulled in to its eve, 4 days away.
        let interview = today().checked_add_days(chrono::Days::new(5));
        let outcomes = sm2(&card).map(|o| pull_in(o, interview, today()));
        let lines = grade_lines(&card, &outcomes, today(), Style::plain(80));
        let line = |g: usize| lines[g].split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(
            line(4),
            "4 right, hesitated → 4 d (before the interview; SM-2: 15 d)"
        );
        // A failed card comes back tomorrow anyway: nothing to pull in.
        assert_eq!(line(2), "2 wrong, easy to recall → 1 d, again today");
    }

    #[test]
    fn a_card_in_drill_shows_how_the_drill_ends() {
        let mut card = main_card(1, "1", "Q");
        card.state = CardState::default()
            .outcome(Grade::new(2).unwrap(), today())
            .after;
        let lines = grade_lines(&card, &sm2(&card), today(), Style::plain(80));
        assert_eq!(
            lines[0],
            "Drill: 4 or 5 ends it; 0-3 brings the card back at the end."
        );
        assert_eq!(
            lines[1].trim_end(),
            "  0  blackout               → again at the end"
        );
        assert_eq!(
            lines[5].trim_end(),
            "  4  right, hesitated       → drill done"
        );
        // Crammed, the same card's grades change nothing: no word of its drill.
        let crammed = sm2(&card).map(|o| Outcome {
            kind: ReviewKind::Cram,
            after: o.before,
            ..o
        });
        let lines = grade_lines(&card, &crammed, today(), Style::plain(80));
        assert_eq!(lines.len(), 6);
        assert_eq!(
            lines[0].trim_end(),
            "  0  blackout               → schedule unchanged"
        );
    }

    #[test]
    fn colour_only_when_asked() {
        let card = long_main();
        let plain = render_back(
            shown(&card, Reason::New),
            &sm2(&card),
            today(),
            Style::plain(80),
        );
        assert!(!plain.contains('\u{1b}'));
        let colour = render_back(
            shown(&card, Reason::New),
            &sm2(&card),
            today(),
            Style {
                color: true,
                width: 80,
            },
        );
        assert!(colour.contains('\u{1b}'));
        assert_eq!(console::strip_ansi_codes(&colour), plain);
    }

    #[test]
    fn front_screen_snapshot() {
        let main = long_main();
        insta::assert_snapshot!(render_front(shown(&main, Reason::Review), Style::plain(80)));
    }

    #[test]
    fn back_screen_snapshot() {
        let main = long_main();
        let follow = Card {
            answer: None,
            ..followup(
                2,
                &main,
                3,
                "Что происходит при попытке изменить tuple, содержащий изменяемые объекты?",
            )
        };
        insta::assert_snapshot!(render_back(
            shown(&follow, Reason::New),
            &sm2(&follow),
            today(),
            Style::plain(80)
        ));
    }
}
