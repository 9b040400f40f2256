//! The structural pass: which lines are code, which are headings (ATX or setext), and what
//! each heading is (title, topic, question, part of a question, other), decided from the
//! whole document before any card is built. Pure; one pass over the lines plus one over the
//! headings.

use super::{levels, scan, table};

/// What the structural pass saw on one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum LineKind {
    /// Ordinary text (or a blank line).
    Text,
    /// YAML front matter, or the `===`/`---` under a setext heading: belongs to no card.
    Skip,
    /// A fence line or a line inside a fenced block; `open` is the 1-based line of its opening
    /// fence.
    Code { open: usize },
    /// A heading: index into `Outline::headings`.
    Heading(usize),
}

/// What a heading is in this document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Role {
    /// A `#` heading: the deck title (the first one) and a section.
    Title,
    /// A section: a topic when questions fall under it.
    Section,
    /// A main question; `key` is the number or label as written, if any.
    Question { key: Option<String>, text: String },
    /// A sub-heading inside a question: part of its body or answer.
    Inner,
    /// Any other heading: ends the question above; what follows belongs to no card.
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct HeadingInfo<'a> {
    pub line: usize,
    pub level: usize,
    pub text: &'a str,
    pub role: Role,
    /// A label heading's number and its question, in the paragraph below it (`## Вопрос 1:`
    /// / `Чем …?`), its lines joined.
    pub asked: Option<(String, String)>,
    /// The question below the label comes after a snippet, which is its body (and front).
    pub asked_after_code: bool,
}

/// How the document writes its questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    /// Questions are headings (`### 12.`, `## Вопрос 1:`, `### What is X?`).
    Headings,
    /// `Q:` / `A:` pairs.
    QuestionAnswer,
    /// Items of lists under section headings, and rows of question tables.
    Lists,
    /// `<details>` blocks whose `<summary>` asks the question and whose content answers it.
    Details,
}

pub(super) struct Outline<'a> {
    pub kinds: Vec<LineKind>,
    pub headings: Vec<HeadingInfo<'a>>,
    pub shape: Shape,
    /// Whether any follow-up marker appears outside code: then text under a question heading
    /// is its body (the seed's family); otherwise it is an unmarked answer.
    pub has_markers: bool,
    /// Whether any answer label (`A:`) appears outside code. In the `QuestionAnswer` shape
    /// without one, the text under each question is its answer.
    pub has_answer_labels: bool,
    /// Questions labelled `Q.` and answers `A.` ([`scan::dotted_label`]).
    pub dotted_pairs: bool,
    /// In the `QuestionAnswer` shape: its questions are bold lines (`**What is X?**`), with
    /// no `Q:` labels in the document.
    pub bold_questions: bool,
    /// Those bold questions have their answers on the same line (`**What is X?** It is …`).
    pub bold_inline: bool,
    /// In the `Lists` shape: for each section (0 = before the first heading, then one per
    /// heading), whether its top-level list items are questions.
    pub question_lists: Vec<bool>,
    /// In the `Lists` shape: for each section, whether its questions are answered by the
    /// paragraphs under them, at the margin (`1. What is X?` / blank / `X is …`).
    pub answered_lists: Vec<bool>,
    /// In the `Lists` shape: for each line, whether it opens a sub-list or a code block
    /// that answers the question above it ([`block_answers`]).
    pub block_answers: Vec<bool>,
    /// In the `Lists` shape: for each line, whether it is an item of a list in a list
    /// question's answer ([`answer_items`]).
    pub answer_items: Vec<bool>,
    /// The opening line of a code block that is never closed.
    pub unclosed_fence: Option<usize>,
    /// In the `Details` shape: the line (1-based) of each question's `<details>`, and its
    /// summary.
    pub details: std::collections::BTreeMap<usize, String>,
    /// The line (1-based) of each `<details>` at the margin whose summary names an answer
    /// (`Answer`, `Show answer`, `Ответ`).
    pub answer_details: std::collections::BTreeSet<usize>,
    /// Lines opening a `<details>` block whose summary names a hint (`💡 Hint`,
    /// `Подсказка`): it stays on the front, and a block after it answers.
    pub hint_details: std::collections::BTreeSet<usize>,
    /// A quiz whose options are task lists with the right one ticked, and how many task
    /// lists tick anything ([`scan::one_ticked_runs`]).
    pub ticked_quiz: bool,
    pub ticked_lists: usize,
    /// In the `Lists` shape: each row of a question table, by its line (1-based).
    pub table_rows: std::collections::BTreeMap<usize, table::Row<'a>>,
    /// A question label alone on its line (`**Вопрос:**`, Telegram's and Notion's way) and
    /// the line (both 1-based) of the question it labels, the next that says something.
    pub labels_alone: std::collections::BTreeMap<usize, usize>,
}

/// How strongly a heading reads as a question by itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Strength {
    None,
    /// Ends with `?`, or an answer label follows it.
    Plain,
    /// Numbered or labelled: `12.`, `1.1`, `Вопрос 1:`.
    Numbered,
}

/// Lines are already split and stripped of trailing whitespace. The lines of HTML comments
/// outside code are blanked (and marked [`LineKind::Skip`]): a reader never sees them, and a
/// commented-out question is no card.
pub(super) fn outline<'a>(lines: &mut [&'a str]) -> Outline<'a> {
    let mut kinds = vec![LineKind::Text; lines.len()];
    let mut headings: Vec<HeadingInfo<'a>> = Vec::new();
    let mut has_markers = false;
    let mut list_asks = false;
    let mut qa_lines = 0;
    let mut labels_alone = std::collections::BTreeMap::new();
    let mut bold_lines = 0;
    // Of them, those after an emoji (`🤔 **…?**`, a Telegram post's), as often a list
    // guide's asides (`💡 **Зачем это знать?**`).
    let mut emoji_bold_lines = 0;
    let mut inline_lines = 0;
    let mut qa_answers = false;
    let (mut dotted_questions, mut dotted_answers) = (false, false);
    let mut details = std::collections::BTreeMap::new();
    let mut answer_details = std::collections::BTreeSet::new();
    let mut hint_details = std::collections::BTreeSet::new();
    let mut open_details = 0usize;
    let mut table_rows = std::collections::BTreeMap::new();
    let mut start = 0;
    if lines.first() == Some(&"---")
        && let Some(end) = lines
            .iter()
            .skip(1)
            .position(|l| *l == "---" || *l == "...")
        && !lines[1..=end].iter().any(|l| l.starts_with('#'))
    {
        // YAML front matter: a `---` block at the very top, without headings in it.
        kinds[..end + 2].fill(LineKind::Skip);
        start = end + 2;
    } else if lines.first() == Some(&"+++")
        && let Some(end) = lines.iter().skip(1).position(|l| *l == "+++")
    {
        // Hugo's TOML front matter, whose `# comments` are no headings.
        kinds[..end + 2].fill(LineKind::Skip);
        start = end + 2;
    }
    // The open fence: its shape, indentation, opening line, and nested openings inside it.
    let mut fence: Option<(scan::Fence, usize, usize, usize)> = None;
    // Whether the open fence was opened by a list item's text.
    let mut in_item = false;
    let mut index = start;
    // The line after a summary written over several lines, read with its `<details>`.
    let mut skip_to = 0;
    // The column of the text of the list item the lines are under, if any.
    let mut item_column: Option<usize> = None;
    while index < lines.len() {
        let line = lines[index];
        let no = index + 1;
        // A block opened in a list item ends with the item, closed or not (CommonMark): a
        // line less indented than its fence.
        if fence.is_some()
            && in_item
            && !line.trim().is_empty()
            && fence.is_some_and(|(_, indent, _, _)| scan::split_indent(line).0 < indent)
        {
            fence = None;
            in_item = false;
        }
        if let Some((open, indent, open_line, depth)) = fence.as_mut() {
            kinds[index] = LineKind::Code { open: *open_line };
            let deeper = scan::split_indent(line).0 > *indent;
            if scan::fence_closes(*open, line) {
                if *depth > 0 {
                    *depth -= 1;
                } else if opens_nested(lines, index, *open, *indent) {
                    // The author's nested block (see `opens_nested`); CommonMark would end
                    // the outer block here and flip every later fence.
                    *depth += 1;
                } else {
                    fence = None;
                }
            } else if let Some((inner, info)) = scan::fence_open_info(line)
                && inner == *open
                && info
                && deeper
            {
                // An indented ```python inside an open fence: the author meant a nested
                // block (not valid CommonMark, which would end the outer block at the
                // inner close and flip every later fence).
                *depth += 1;
            }
            index += 1;
            continue;
        }
        if let Some(end) = html_comment_end(lines, index) {
            kinds[index..=end].fill(LineKind::Skip);
            lines[index..=end].fill("");
            index = end + 1;
            continue;
        }
        // A heading indented under a list item (`   #### Example` in the answer of `2. ###
        // What is a prototype chain`, as sudheerj's guides write) is the item's text.
        let indent = scan::split_indent(line).0;
        let under_item = indent >= 2 && item_column.is_some_and(|column| indent >= column);
        if indent < 2 && !line.trim().is_empty() {
            // Only an item that is a heading itself (`2. ### What is …`): under a plain one a
            // heading indented a little (`  ### Продвинутые вопросы`) is still meant as one.
            item_column = top_level_item(line)
                .filter(|(_, text)| text.starts_with('#'))
                .map(|_| {
                    let rest = &line[indent..];
                    let marker = rest.find([' ', '\t']).unwrap_or(rest.len());
                    let after = &rest[marker..];
                    indent + marker + (after.len() - after.trim_start().len())
                });
        }
        if !under_item && let Some(heading) = scan::heading(line) {
            kinds[index] = LineKind::Heading(headings.len());
            headings.push(HeadingInfo {
                line: no,
                level: heading.level,
                text: heading.text,
                role: Role::Other,
                asked: None,
                asked_after_code: false,
            });
        } else if let Some((open, _)) = scan::fence_open_info(line) {
            kinds[index] = LineKind::Code { open: no };
            fence = Some((open, scan::split_indent(line).0, no, 0));
        } else if let Some((open, column)) = item_fence(line) {
            // Indented as the item's text: its close there is no nested block's opening.
            kinds[index] = LineKind::Code { open: no };
            fence = Some((open, column, no, 0));
            in_item = true;
        } else if let Some(level) = setext_level(lines, index, &kinds) {
            kinds[index] = LineKind::Skip;
            kinds[index - 1] = LineKind::Heading(headings.len());
            headings.push(HeadingInfo {
                line: no - 1,
                level,
                text: lines[index - 1].trim(),
                role: Role::Other,
                asked: None,
                asked_after_code: false,
            });
        } else if !line.is_empty() {
            has_markers |= scan::is_exact_follow_up_marker(line);
            let alone = scan::question_label_alone(line)
                .then(|| labelled_below(lines, index))
                .flatten();
            if let Some(below) = alone {
                labels_alone.insert(no, below + 1);
            }
            qa_lines += usize::from(
                scan::qa_question(line).is_some()
                    || alone.is_some()
                    || scan::callout_question(line).is_some(),
            );
            list_asks |= top_level_item(line).is_some_and(|(_, text)| asks_item(text));
            if scan::bold_question(line).is_some() {
                bold_lines += 1;
                emoji_bold_lines += usize::from(scan::without_symbols(line).len() < line.len());
            }
            inline_lines += usize::from(scan::inline_bold_question(line).is_some());
            qa_answers |= scan::qa_label(line, &scan::ANSWER_WORDS).is_some();
            dotted_questions |= scan::dotted_label(line, 'Q').is_some();
            dotted_answers |= scan::dotted_label(line, 'A').is_some();
            // A question in a `<details>` summary: the block at the margin, not a list
            // item's answer.
            let (indent, rest) = scan::split_indent(line);
            let rest = scan::bullet_item(rest).unwrap_or(rest);
            let summary = (indent < 2 && open_details == 0)
                .then(|| scan::details_summary(rest, &lines[index + 1..]))
                .flatten();
            if let Some((summary, _)) = &summary
                && scan::names_an_answer(summary)
            {
                answer_details.insert(no);
            }
            if let Some((summary, _)) = &summary
                && scan::names_a_hint(summary)
            {
                hint_details.insert(no);
            }
            if let Some((summary, spans)) = summary
                && scan::summary_asks(&summary)
            {
                details.insert(no, summary);
                // The lines of a summary written over several are the question, read.
                if let Some(end) = spans {
                    kinds[index + 1..=index + end].fill(LineKind::Skip);
                    skip_to = index + end + 1;
                }
            }
            // A block inside another is part of its answer, not a question. (Most lines
            // hold no tag at all: a byte search first, the tag searches only then.)
            if line.as_bytes().contains(&b'<') {
                open_details = (open_details + line.matches("<details").count())
                    .saturating_sub(line.matches("</details>").count());
            }
        }
        index = (index + 1).max(skip_to);
    }
    let lines: &[&'a str] = lines;
    let (ticked_quiz, ticked_lists) = if lines
        .iter()
        .any(|l| l.contains("[x] ") || l.contains("[X] "))
    {
        scan::one_ticked_runs(lines)
    } else {
        (false, 0)
    };
    // A hint stays on the front only where a block after it, before the next heading,
    // answers (`✅ Solution`): a hint alone is what the guide gives for an answer.
    hint_details.retain(|&hint| {
        let next_heading = headings
            .iter()
            .map(|h| h.line)
            .find(|&line| line > hint)
            .unwrap_or(usize::MAX);
        answer_details
            .range(hint + 1..next_heading)
            .next()
            .is_some()
    });
    let unclosed_fence = fence.map(|(_, _, line, _)| line);
    for h in &headings {
        has_markers |= scan::is_exact_follow_up_marker(h.text);
    }
    // Headings that are only a question label and its number, by their key (`## Вопрос 1`).
    let labels: Vec<(usize, String)> = (0..headings.len())
        .filter(|&i| (2..=4).contains(&headings[i].level))
        .filter_map(|i| Some((i, scan::bare_question_label(headings[i].text)?)))
        .collect();
    // Two or more make a quiz: each asks what is below it.
    let quiz = labels.len() >= 2;
    for (i, key) in labels {
        // A label over question headings of its own is their topic (`## Task 1`, an
        // introduction, `### What algorithm would you use?`).
        let over_questions = || {
            headings[i + 1..]
                .iter()
                .take_while(|sub| sub.level > headings[i].level)
                .any(|sub| {
                    scan::asks_before_any_level_tag(sub.text)
                        || scan::question_heading(sub.text).is_some()
                })
        };
        // In a quiz of label headings, one over a snippet alone asks about it (`### Задача 3`,
        // the code, a `<details>` answer): its label is its question.
        // And only with an answer after it, before the next heading at its level or above:
        // a label, an answer's `<details>` or sub-heading (a README's `### Задача 1` over
        // `make test` answers nothing).
        let snippet_first = || {
            let end = headings[i + 1..]
                .iter()
                .find(|h| h.level <= headings[i].level)
                .map_or(lines.len(), |h| h.line - 1);
            let first = (headings[i].line..end)
                .find(|&j| !lines[j].trim().is_empty() && kinds[j] != LineKind::Skip);
            first.is_some_and(|j| matches!(kinds[j], LineKind::Code { .. }))
                && (headings[i].line..end).any(|j| match kinds[j] {
                    LineKind::Text => {
                        scan::answer_label(lines[j].trim_start()).is_some()
                            || answer_details.contains(&(j + 1))
                    }
                    LineKind::Heading(h) => scan::is_answer_heading(headings[h].text),
                    _ => false,
                })
        };
        let Some((asking, after_code)) =
            question_below_label(headings[i].line, lines, &kinds, quiz)
                .filter(|_| !over_questions())
        else {
            if quiz && !over_questions() && snippet_first() {
                let text = scan::without_symbols(headings[i].text.trim_matches(['*', '_', ' ']));
                let text = text.trim_end_matches([':', '.']).to_string();
                headings[i].asked = Some((key, text));
            }
            continue;
        };
        let text: Vec<&str> = lines[asking.clone()].iter().map(|l| l.trim()).collect();
        let h = &mut headings[i];
        h.asked = Some((key, text.join(" ")));
        h.asked_after_code = after_code;
        kinds[asking].fill(LineKind::Skip);
    }
    let mut strengths: Vec<Strength> = headings
        .iter()
        .map(|h| strength(h, lines, &kinds))
        .collect();
    decorated_and_behavioural(&headings, &mut strengths);
    deep_numbered_questions(&headings, &mut strengths);
    numbered_topics(&headings, &mut strengths);
    numbered_sections_of_pairs(&headings, &mut strengths, lines, &kinds);
    numbered_sections_of_lists(&headings, &mut strengths, lines, &kinds);
    ask_weakly(
        &headings,
        &mut strengths,
        lines,
        &kinds,
        list_asks || qa_lines > 0,
    );
    // Promoting a heading cannot change its parent's strongest child: its neighbours at its
    // level read as questions already. So one pass serves both steps.
    let (child, child_level) = direct_children(&headings, &strengths);
    let sub_titles = promote_among_questions(
        &headings,
        &mut strengths,
        &child,
        &child_level,
        lines,
        &kinds,
    );
    let questions = assign_roles(&mut headings, &strengths, &child);
    for i in sub_titles {
        if !matches!(headings[i].role, Role::Question { .. }) {
            headings[i].role = Role::Inner;
        }
    }
    let questions = questions - introductions_above_topics(&mut headings, &strengths);
    let mut question_lists = Vec::new();
    let mut answer_items = Vec::new();
    // `Q:` pairs, unless list questions outnumber them more than twice (a Notion page of
    // toggle lists with one section of `**Вопрос:**` cards).
    let qa_pairs = qa_lines >= 2 && {
        let items = self::answer_items(lines, &kinds);
        let titles: Vec<&str> = headings.iter().map(|h| h.text).collect();
        let lists = self::question_lists(lines, &kinds, &titles, &items);
        listed_questions(lines, &kinds, &lists, &items) <= 2 * qa_lines
    };
    let shape = if questions > 0 {
        Shape::Headings
    } else if qa_pairs {
        Shape::QuestionAnswer
    } else {
        answer_items = self::answer_items(lines, &kinds);
        let titles: Vec<&str> = headings.iter().map(|h| h.text).collect();
        question_lists = self::question_lists(lines, &kinds, &titles, &answer_items);
        // `<details>` under list questions are their answers, whatever the summaries say.
        let lists = question_lists.contains(&true);
        if !lists && details.len() >= 2 {
            Shape::Details
        } else {
            // Tables are read with lists only: one under a question heading is its answer.
            // Beside list questions, a table asks only through a column named so: a table of
            // `Mutable?` rows may be an answer's.
            table_rows = table::question_rows(lines, &kinds, !lists);
            // A table after a list question in its section is part of that question.
            if lists {
                let mut asked = false;
                let after_question: Vec<bool> = lines
                    .iter()
                    .zip(&kinds)
                    .enumerate()
                    .map(|(index, (line, kind))| {
                        match kind {
                            LineKind::Heading(_) => asked = false,
                            LineKind::Text if !answer_items[index] => {
                                asked |= top_level_item(line).is_some_and(|(_, t)| asks_item(t));
                            }
                            _ => {}
                        }
                        asked
                    })
                    .collect();
                table_rows.retain(|&no, _| !after_question[no - 1]);
            }
            // Bold question lines are weaker than a `Q:` label, a table of questions and
            // most list questions: a bold question may be a sub-title (a README's), and a
            // list under a bold question may be its follow-ups.
            let listed = listed_questions(lines, &kinds, &question_lists, &answer_items);
            // Emoji-led bold lines count only in a guide with no list questions.
            let bold_lines = if listed > 0 {
                bold_lines - emoji_bold_lines
            } else {
                bold_lines
            };
            let bold = if bold_lines >= 2 {
                bold_lines
            } else {
                inline_lines
            };
            if bold >= 2 && table_rows.is_empty() && bold >= listed {
                Shape::QuestionAnswer
            } else {
                Shape::Lists
            }
        }
    };
    if shape != Shape::Details {
        details.clear();
    }
    if shape != Shape::Lists {
        question_lists.clear();
    }
    let (answered_lists, block_answers) = if shape == Shape::Lists {
        let answered = answered_lists(lines, &kinds, &question_lists, &answer_items);
        let blocks = block_answers(
            lines,
            &kinds,
            &headings,
            &question_lists,
            &answered,
            &answer_items,
        );
        (answered, blocks)
    } else {
        answer_items.clear();
        (Vec::new(), Vec::new())
    };
    Outline {
        kinds,
        headings,
        shape,
        has_markers,
        has_answer_labels: qa_answers || (dotted_questions && dotted_answers),
        dotted_pairs: dotted_questions && dotted_answers,
        bold_questions: shape == Shape::QuestionAnswer && qa_lines < 2,
        bold_inline: shape == Shape::QuestionAnswer && qa_lines < 2 && bold_lines < 2,
        question_lists,
        answered_lists,
        block_answers,
        answer_items,
        unclosed_fence,
        details,
        answer_details,
        hint_details,
        ticked_quiz,
        ticked_lists,
        table_rows,
        labels_alone,
    }
}

/// The index of the line a question label alone at `index` labels: the next one that says
/// something, within a blank line, if it is plain text (no label, heading, item or block).
fn labelled_below(lines: &[&str], index: usize) -> Option<usize> {
    let below = (index + 1..lines.len().min(index + 3)).find(|&i| !lines[i].trim().is_empty())?;
    let text = lines[below].trim();
    let own = scan::starts_block(text)
        || scan::qa_label(text, &scan::ANSWER_WORDS).is_some()
        || scan::answer_label(text).is_some()
        || top_level_item(text).is_some()
        || scan::is_rule(text);
    (!own).then_some(below)
}

/// Whether the bare fence at `index`, inside a block opened at `outer` columns, opens a
/// nested block: the next fence line below has its indentation, and either it is indented
/// deeper than the block's own fence, or two closing fences follow each other there
/// (`` ``` `` / `` ``` ``: two blocks end).
fn opens_nested(lines: &[&str], index: usize, fence: scan::Fence, outer: usize) -> bool {
    let indent = scan::split_indent(lines[index]).0;
    let below = lines[index + 1..]
        .iter()
        .position(|l| scan::fence_closes(fence, l) || scan::fence_open_info(l).is_some());
    let Some(k) = below.map(|k| index + 1 + k) else {
        return false;
    };
    if scan::split_indent(lines[k]).0 != indent {
        return false;
    }
    indent > outer
        || lines
            .get(k + 1)
            .is_some_and(|l| scan::fence_closes(fence, l))
}

/// The last line of the HTML comment that starts at line `index` (`<!-- … -->`, on one line
/// or several), when the comment's lines hold nothing else. An unclosed one is text: taken
/// for a comment, it would hide the rest of the document.
fn html_comment_end(lines: &[&str], index: usize) -> Option<usize> {
    let body = lines[index].trim_start().strip_prefix("<!--")?;
    let ends = |text: &str| text.trim_end().ends_with("-->");
    if body.contains("-->") {
        return ends(body).then_some(index);
    }
    let end = index + 1 + lines[index + 1..].iter().position(|l| l.contains("-->"))?;
    ends(lines[end]).then_some(end)
}

/// A `===` or `---` line under a one-line paragraph makes that line a heading.
fn setext_level(lines: &[&str], index: usize, kinds: &[LineKind]) -> Option<usize> {
    let line = lines[index];
    let (indent, rest) = scan::split_indent(line);
    let level = match rest.as_bytes().first()? {
        b'=' => 1,
        b'-' => 2,
        _ => return None,
    };
    if indent > 3 || !rest.bytes().all(|b| b == rest.as_bytes()[0]) || index == 0 {
        return None;
    }
    let above = lines[index - 1];
    let (above_indent, above_rest) = scan::split_indent(above);
    if above.is_empty()
        || above_indent > 3
        || kinds[index - 1] != LineKind::Text
        || scan::numbered_item(above_rest).is_some()
        || scan::bullet_item(above_rest).is_some()
        || above_rest.starts_with(['>', '|', '<'])
        || scan::is_rule(above)
    {
        return None;
    }
    // Only a one-line paragraph: `text\n---` after more text is more likely a rule to the
    // reader than a heading.
    let single = index < 2 || lines[index - 2].is_empty() || kinds[index - 2] != LineKind::Text;
    single.then_some(level)
}

/// Headings that ask only by a weaker sign: a tag or an emoji after the `?` (`What is
/// MVCC? 🔥`), a verb that asks (`Explain partitions and offsets`), or a question word
/// without the `?` (`What is a prototype chain`). Such a heading is just as often an
/// introduction (`## Что внутри? 👇`), a footer (`## Напишите нам в телеграм`), a
/// sub-title (`### What is new in v2`) or a section of list questions (`## Compare and swap
/// (CAS)`). So it asks only where its place says so: between question headings at its
/// level (as a question phrased as a title does; at a section's edge, the other side's in
/// the next section), or, in a document with no other questions at all, as one of two or
/// more, or, by a question word, where most of its level's questions are written so
/// ([`worded_questions`]); and never over list questions of its own.
fn ask_weakly(
    headings: &[HeadingInfo<'_>],
    strengths: &mut [Strength],
    lines: &[&str],
    kinds: &[LineKind],
    other_questions: bool,
) {
    let weak: Vec<bool> = headings
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let end = headings.get(i + 1).map_or(lines.len(), |n| n.line - 1);
            let lists_below = (h.line..end).any(|j| {
                kinds[j] == LineKind::Text
                    && top_level_item(lines[j]).is_some_and(|(_, text)| asks_item(text))
            });
            strengths[i] == Strength::None
                && (2..=4).contains(&h.level)
                && (scan::asks_before_tags(h.text)
                    || scan::asks_by_verb(h.text)
                    || scan::asks_by_interrogative(h.text))
                && !lists_below
        })
        .collect();
    // A `?` before a level tag asks, but it counts with the weaker signs here: a guide whose
    // questions are all tagged, one with a level and one with an emoji, asks them all.
    let tagged = |s: Strength, h: &HeadingInfo<'_>| {
        s == Strength::Plain && scan::asks_before_level_tag(h.text)
    };
    let strong = strengths
        .iter()
        .zip(headings)
        .any(|(&s, h)| s != Strength::None && !tagged(s, h));
    if !strong {
        let tagged = strengths
            .iter()
            .zip(headings)
            .filter(|&(&s, h)| tagged(s, h))
            .count();
        if !other_questions && weak.iter().filter(|w| **w).count() + tagged >= 2 {
            for (strength, weak) in strengths.iter_mut().zip(&weak) {
                if *weak {
                    *strength = Strength::Plain;
                }
            }
        }
        return;
    }
    // The heading at `i`'s level next to it one way, past weak ones and deeper headings,
    // is a question heading. (Not across a section's edge: a section's first or last
    // heading that asks weakly, `### Why is this important`, is as often its introduction
    // or its closing words.)
    let bounded = |i: usize, steps: &mut dyn Iterator<Item = usize>| {
        let level = headings[i].level;
        for j in steps {
            match headings[j].level {
                l if l > level => continue,
                l if l < level => return false,
                _ if weak[j] => continue,
                _ => return strengths[j] != Strength::None,
            }
        }
        false
    };
    // The first heading of its level under its parent, if it is a system-design prompt
    // (`Design a URL shortener`), needs a question after it only: an introduction may start
    // with `Explain`, seldom with `Design a`.
    let first_of_level = |i: usize| {
        headings[..i]
            .iter()
            .rev()
            .find(|h| h.level <= headings[i].level)
            .is_none_or(|h| h.level < headings[i].level)
    };
    let among: Vec<bool> = (0..headings.len())
        .map(|i| {
            let before = bounded(i, &mut (0..i).rev())
                || (first_of_level(i) && scan::design_a_prompt(headings[i].text));
            weak[i] && before && bounded(i, &mut (i + 1..headings.len()))
        })
        .collect();
    let worded = worded_questions(headings, strengths, &weak);
    for ((strength, among), worded) in strengths.iter_mut().zip(among).zip(worded) {
        if among || worded {
            *strength = Strength::Plain;
        }
    }
}

/// Headings that ask by an interrogative word (`### What is a prototype chain`) where a
/// guide writes most of its questions so: at their level (2 to 4), two or more of them, more
/// than twice as many as the questions with a `?` or a number, and with those most of the
/// headings there. Only headings under no question (a sub-heading `### How does it scale`
/// under `## What is Kafka?` stays part of it).
fn worded_questions(
    headings: &[HeadingInfo<'_>],
    strengths: &[Strength],
    weak: &[bool],
) -> Vec<bool> {
    // Each heading's parent: the nearest heading above it at a shallower level.
    let mut stack: Vec<usize> = Vec::new();
    let free: Vec<bool> = (0..headings.len())
        .map(|i| {
            while stack
                .last()
                .is_some_and(|&p| headings[p].level >= headings[i].level)
            {
                stack.pop();
            }
            let free = stack.iter().all(|&p| strengths[p] == Strength::None);
            stack.push(i);
            free
        })
        .collect();
    let worded = |i: usize| weak[i] && scan::asks_by_interrogative(headings[i].text);
    let mut out = vec![false; headings.len()];
    for level in 2..=4 {
        let at: Vec<usize> = (0..headings.len())
            .filter(|&i| headings[i].level == level && free[i])
            .collect();
        let strong = at
            .iter()
            .filter(|&&i| strengths[i] != Strength::None)
            .count();
        let words = at.iter().filter(|&&i| worded(i)).count();
        // Twice as many as the others at least: a guide of `?` questions with a few
        // headings of its own (`## What is included`, `## Can I contribute`) is not one.
        if words >= 2 && words > 2 * strong && (strong + words) * 2 > at.len() {
            for &i in &at {
                out[i] = worded(i);
            }
        }
    }
    out
}

/// Numbered headings that are topics, not questions. A number only a mark makes (`## #1
/// …`, keycaps) numbers a question when its heading asks by itself or two headings or more
/// are numbered so (not a closing `## #1 tip for the interview`). And a `##` heading that
/// is numbered but asks nothing, over sub-headings that ask, is their topic (`## 1. Basics`
/// over `### What is a list?`), as a `##` topic may carry a number (DESIGN §2).
fn numbered_topics(headings: &[HeadingInfo<'_>], strengths: &mut [Strength]) {
    let asks =
        |h: &HeadingInfo<'_>| scan::asks_before_any_level_tag(h.text) || scan::asks_by_verb(h.text);
    let marked: Vec<usize> = (0..headings.len())
        .filter(|&i| {
            strengths[i] == Strength::Numbered
                && headings[i].asked.is_none()
                && scan::marked_heading_number(headings[i].text)
        })
        .collect();
    if marked.len() < 2 {
        for i in marked {
            if !asks(&headings[i]) {
                strengths[i] = Strength::None;
            }
        }
    }
    for i in 0..headings.len() {
        let h = &headings[i];
        if strengths[i] != Strength::Numbered || h.level > 2 || h.asked.is_some() || asks(h) {
            continue;
        }
        let asking_below = (i + 1..headings.len())
            .take_while(|&j| headings[j].level > h.level)
            .any(|j| strengths[j] != Strength::None);
        if asking_below {
            strengths[i] = Strength::None;
        }
    }
}

/// A guide whose numbered headings are sections of list questions (`## 1. Junior level`
/// over `1. What is a variable?`, `2. What is a loop?`): when every question heading of the
/// document is a `##` heading (or names a level), numbered, asks nothing itself (no `?`)
/// and holds only list items that ask (two or more), they are its sections, and the items
/// its questions. One such heading among questions answered in prose stays a question, as
/// does a `###` numbered heading (DESIGN §2): its list may be sub-questions.
fn numbered_sections_of_lists(
    headings: &[HeadingInfo<'_>],
    strengths: &mut [Strength],
    lines: &[&str],
    kinds: &[LineKind],
) {
    let holds_list_questions = |i: usize| {
        let h = &headings[i];
        let end = headings.get(i + 1).map_or(lines.len(), |n| n.line - 1);
        let mut asking = 0;
        for j in h.line..end {
            let line = lines[j];
            if line.trim().is_empty() || kinds[j] == LineKind::Skip {
                continue;
            }
            if kinds[j] != LineKind::Text {
                return false;
            }
            match top_level_item(line) {
                Some((_, text)) if asks_or_requests(text) => asking += 1,
                // Continuation lines and sub-items of an item belong to it.
                None if scan::split_indent(line).0 >= 2 => {}
                _ => return false,
            }
        }
        asking >= 2
    };
    let sections: Vec<usize> = (0..headings.len())
        .filter(|&i| strengths[i] != Strength::None)
        .collect();
    let all_sections = !sections.is_empty()
        && sections.iter().all(|&i| {
            strengths[i] == Strength::Numbered
                && headings[i].asked.is_none()
                && !scan::asks_before_any_level_tag(headings[i].text)
                // A `###` numbered heading is a main question (the bundled deck's shape),
                // unless it names a level.
                && (headings[i].level <= 2 || levels::section_level(headings[i].text).is_some())
                && holds_list_questions(i)
        });
    if all_sections {
        for i in sections {
            strengths[i] = Strength::None;
        }
    }
}

/// Habr's layout: a heading that is only a question label and its number (`## Вопрос 1:`,
/// `### Question 2`, `Q3.`), on line `heading_line`, with the question as the paragraph
/// below it. Returns the lines that ask (the paragraph up to its last line ending in `?`,
/// or all of it when none does: a task told in sentences, `Дан код. Определите, что он
/// выведет.`), and whether a snippet came first.
fn question_below_label(
    heading_line: usize,
    lines: &[&str],
    kinds: &[LineKind],
    quiz: bool,
) -> Option<(std::ops::Range<usize>, bool)> {
    // (A setext heading's underline is its own.)
    let first = |from: usize, code: bool| {
        (from..lines.len()).find(|&i| {
            !lines[i].trim().is_empty()
                && kinds[i] != LineKind::Skip
                && (code || !matches!(kinds[i], LineKind::Code { .. }))
        })
    };
    let mut index = first(heading_line, true)?;
    // A question that opens on its snippet asks after it (`## Вопрос 3`, the code, then
    // `Что выведет этот код?`); the snippet stays its body.
    let after_code = matches!(kinds[index], LineKind::Code { .. });
    if after_code {
        index = first(index, false)?;
    }
    // A line of the paragraph: text that starts nothing of its own (a block, a link line,
    // an answer, a marker).
    let plain = |i: usize| {
        let line = lines[i].trim();
        kinds[i] == LineKind::Text
            && !line.is_empty()
            && !scan::starts_block(line)
            && !line.starts_with('[')
            && scan::answer_label(line).is_none()
            && scan::qa_question(line).is_none()
            && scan::qa_label(line, &scan::ANSWER_WORDS).is_none()
            && !scan::is_follow_up_marker(line)
            && !scan::is_rule(line)
    };
    let end = (index..lines.len())
        .find(|&i| !plain(i))
        .unwrap_or(lines.len());
    if end == index {
        return None;
    }
    let asks = |i: &usize| scan::ends_with_question_mark(lines[*i].trim());
    let end = match (index..end).rfind(asks) {
        // What follows the question in its paragraph (`Объясните почему.`) stays its body.
        Some(last) => last + 1,
        None if after_code => return None,
        None => end,
    };
    // `Consider the following snippet:` leads to the question, and is its front's first
    // line; a lone label (`**Условие:**`) is none. In a quiz of label headings, a lead-in
    // to anything else (`Какие утверждения верны:` over a list of options) asks too; a
    // single label heading elsewhere must lead to a snippet or a `?` line to ask.
    let last = lines[end - 1].trim();
    // A lead-in over a list of questions (`Ответьте на вопросы:`) is a section of them.
    let over_list_questions = || {
        (end..lines.len())
            .find(|&i| !lines[i].trim().is_empty())
            .and_then(|i| top_level_item(lines[i]))
            .is_some_and(|(_, item)| asks_in_list(item))
    };
    if scan::leads_in(last)
        && ((end - index == 1 && last.split_whitespace().count() < 2)
            || (!quiz && scan::lead_in_end(&lines[end..]) == 0)
            || over_list_questions())
    {
        return None;
    }
    Some((index..end, after_code))
}

fn strength(h: &HeadingInfo<'_>, lines: &[&str], kinds: &[LineKind]) -> Strength {
    if h.level < 2 || h.level > 4 || h.text.is_empty() {
        return Strength::None;
    }
    if h.asked.is_some() || scan::question_heading(h.text).is_some() {
        return Strength::Numbered;
    }
    if scan::asks_before_any_level_tag(h.text) {
        return Strength::Plain;
    }
    // The first non-blank line after the heading (a setext heading's underline aside): an
    // answer label makes it a question, and so does an answer's sub-heading (`#### Answer`).
    let next = lines
        .iter()
        .zip(kinds)
        .skip(h.line)
        .find(|(l, kind)| !l.is_empty() && **kind != LineKind::Skip);
    match next {
        Some((l, LineKind::Text)) if scan::answer_label(l.trim_start()).is_some() => {
            Strength::Plain
        }
        Some((l, LineKind::Heading(_)))
            if scan::heading(l)
                .is_some_and(|sub| sub.level > h.level && scan::is_answer_heading(sub.text)) =>
        {
            Strength::Plain
        }
        _ => Strength::None,
    }
}

/// A fence opened by a list item's text (`  - ```sh`, Logseq's blocks of code): its close,
/// indented to the item's text, ends it, and no later fence is read the other way round.
fn item_fence(line: &str) -> Option<(scan::Fence, usize)> {
    let rest = line.trim_start();
    let text = scan::bullet_item(rest).or_else(|| scan::numbered_item(rest).map(|(_, t)| t))?;
    let (fence, _) = scan::fence_open_info(text)?;
    let column = line.len() - line.trim_start().len() + rest.find(['`', '~'])?;
    Some((fence, column))
}

/// Headings that ask as a guide's style says they do, not alone: a question set between the
/// same emoji (`🔥 Что такое Event Loop? 🔥`), where two or more are (one is as often a
/// closing `## 🎉 Готовы к собеседованию? 🎉`); a behavioural prompt (`Tell me about a time
/// you …`, `Расскажите о себе`), where two or more are or other headings ask (one over a
/// list guide's questions, `## Tell me about yourself` / `1. Why us?`, is its section).
fn decorated_and_behavioural(headings: &[HeadingInfo<'_>], strengths: &mut [Strength]) {
    let open = |i: usize| strengths[i] == Strength::None && (2..=4).contains(&headings[i].level);
    let decorated: Vec<usize> = (0..headings.len())
        .filter(|&i| open(i) && scan::asks_between_symbols(headings[i].text))
        .collect();
    let prompts: Vec<usize> = (0..headings.len())
        .filter(|&i| open(i) && scan::behavioural_prompt(headings[i].text))
        .collect();
    let others = strengths.iter().any(|&s| s != Strength::None);
    if decorated.len() >= 2 {
        for &i in &decorated {
            strengths[i] = Strength::Plain;
        }
    }
    if prompts.len() >= 2 || others || decorated.len() >= 2 {
        for i in prompts {
            strengths[i] = Strength::Plain;
        }
    }
}

/// Numbered headings that are sections of questions asked otherwise than by headings (`## 1.
/// Basics` over `Q:` / `A:` pairs, `<details>` questions, bold question lines or a table of
/// questions): when every numbered heading at a level that asks nothing itself holds such a
/// question, two in all at least, they are topics, not questions that swallow the pairs.
fn numbered_sections_of_pairs(
    headings: &[HeadingInfo<'_>],
    strengths: &mut [Strength],
    lines: &[&str],
    kinds: &[LineKind],
) {
    let asks_at = |j: usize| {
        let line = lines[j].trim_start();
        kinds[j] == LineKind::Text
            && (scan::qa_question(line).is_some()
                || scan::bold_question(line).is_some()
                || scan::callout_question(line).is_some()
                || (line.starts_with("<details")
                    && scan::details_summary(line, &lines[j + 1..])
                        .is_some_and(|(summary, _)| scan::summary_asks(&summary)))
                || (line.starts_with('|') && table::asks_in_header(line)))
    };
    // How many such questions a section holds; none unless it opens with one (a heading
    // with text of its own first, `**Ответ:** …`, is a question whose answer asks more).
    let asks_below = |i: usize| -> usize {
        let h = &headings[i];
        let end = headings[i + 1..]
            .iter()
            .find(|n| n.level <= h.level)
            .map_or(lines.len(), |n| n.line - 1);
        let first = (h.line..end).find(|&j| !lines[j].trim().is_empty());
        if !first.is_some_and(asks_at) {
            return 0;
        }
        (h.line..end).filter(|&j| asks_at(j)).count()
    };
    let asks_itself = |i: usize| {
        headings[i].asked.is_some()
            || scan::question_heading(headings[i].text).is_some_and(|(_, text)| {
                scan::asks_before_any_level_tag(&text)
                    || scan::asks_by_verb(&text)
                    || scan::asks_by_interrogative(&text)
            })
    };
    for level in 2..=3 {
        let sections: Vec<usize> = (0..headings.len())
            .filter(|&i| headings[i].level == level && strengths[i] == Strength::Numbered)
            .collect();
        // Not where a numbered heading at the level asks: the guide asks in headings there.
        if sections.iter().any(|&i| asks_itself(i)) {
            continue;
        }
        let counts: Vec<usize> = sections.iter().map(|&i| asks_below(i)).collect();
        if !sections.is_empty()
            && counts.iter().all(|&n| n > 0)
            && counts.iter().sum::<usize>() >= 2
        {
            for i in sections {
                strengths[i] = Strength::None;
            }
        }
    }
}

/// A guide that numbers its questions at `#####` or `######` (`###### 1. What's the
/// output?`, Lydia Hallie's quiz), with no heading at the usual levels that reads as a
/// question: two such headings or more are its questions. Elsewhere a heading that deep is
/// a small label inside an answer (`##### 1. Parse the input`).
fn deep_numbered_questions(headings: &[HeadingInfo<'_>], strengths: &mut [Strength]) {
    if strengths.iter().any(|&s| s != Strength::None) {
        return;
    }
    let deep: Vec<usize> = (0..headings.len())
        .filter(|&i| headings[i].level >= 5 && scan::question_heading(headings[i].text).is_some())
        .collect();
    // And they must ask, most of them: `##### 1. Install Docker` numbers the steps of a
    // tutorial, whose guide asks elsewhere (in a list, in bold, in a table).
    let asking = deep
        .iter()
        .filter(|&&i| {
            scan::question_heading(headings[i].text).is_some_and(|(_, text)| {
                scan::asks_before_tags(&text)
                    || scan::asks_by_verb(&text)
                    || scan::asks_by_interrogative(&text)
            })
        })
        .count();
    if deep.len() >= 2 && asking * 2 > deep.len() {
        for i in deep {
            strengths[i] = Strength::Numbered;
        }
    }
}

/// Whether heading `i` reads as a question, given the strongest of its direct sub-headings:
/// not when they read as questions at least as strongly (it is then their topic).
fn reads_as_question(own: Strength, child: Strength) -> bool {
    own != Strength::None && child < own.max(Strength::Plain)
}

/// Guides phrase some questions as titles (`## Common Rate Limiting Algorithms`, `## Differences
/// Between Token Bucket and Leaky Bucket`) among others that end with `?`. Such a heading is
/// a question too when its place says so: it has text of its own and no sub-headings, and
/// the headings just before and after its run of such headings are questions at its level.
/// An introduction before the first question, or further reading after the last, stays out.
/// Between numbered questions, a title is the one above's sub-section instead: returned, to
/// be part of it.
fn promote_among_questions(
    headings: &[HeadingInfo<'_>],
    strengths: &mut [Strength],
    child: &[Strength],
    child_level: &[usize],
    lines: &[&str],
    kinds: &[LineKind],
) -> Vec<usize> {
    let question = |i: usize| reads_as_question(strengths[i], child[i]);
    let titled = |i: usize| {
        let h = &headings[i];
        strengths[i] == Strength::None
            && (2..=4).contains(&h.level)
            && !h.text.is_empty()
            && child_level[i] == 0
            && has_text(h, headings.get(i + 1), lines, kinds)
    };
    let mut promoted = Vec::new();
    let mut sub_titles = Vec::new();
    let mut i = 0;
    while i < headings.len() {
        if !titled(i) {
            i += 1;
            continue;
        }
        let level = headings[i].level;
        let mut end = i;
        while end + 1 < headings.len() && headings[end + 1].level == level && titled(end + 1) {
            end += 1;
        }
        let above = headings[..i].iter().rposition(|h| h.level <= level);
        let before = above.is_some_and(|p| headings[p].level == level && question(p));
        let after = headings
            .get(end + 1)
            .is_some_and(|h| h.level == level && question(end + 1));
        // Between numbered questions, an unnumbered title is the one above's sub-section
        // (`### 1. Что такое event loop?`, `### Пример`, `### 2. …`): the guide numbers what
        // it asks.
        let numbered = |p: usize| strengths[p] == Strength::Numbered;
        let among_numbered = before && after && above.is_some_and(numbered) && numbered(end + 1);
        // So is an answer's title after one, the last included (`## Вопрос 3` / `Что такое
        // TTY?` / `## Ответ`).
        let answer = before
            && above.is_some_and(numbered)
            && (i..=end).all(|j| scan::is_answer_heading(headings[j].text));
        if among_numbered || answer {
            sub_titles.extend(i..=end);
        } else if before && after {
            promoted.extend(i..=end);
        }
        i = end + 1;
    }
    for i in promoted {
        strengths[i] = Strength::Plain;
    }
    sub_titles
}

/// Whether anything but blank lines stands between heading `h` and the `next` one.
fn has_text(
    h: &HeadingInfo<'_>,
    next: Option<&HeadingInfo<'_>>,
    lines: &[&str],
    kinds: &[LineKind],
) -> bool {
    let end = next.map_or(lines.len(), |n| n.line - 1);
    (h.line..end).any(|i| !lines[i].trim().is_empty() && kinds[i] != LineKind::Skip)
}

/// For each heading, the strongest of its direct sub-headings (those at the level of its
/// first sub-heading) and that level (0: none).
fn direct_children(
    headings: &[HeadingInfo<'_>],
    strengths: &[Strength],
) -> (Vec<Strength>, Vec<usize>) {
    let mut child = vec![Strength::None; headings.len()];
    let mut child_level = vec![0usize; headings.len()];
    let mut stack: Vec<usize> = Vec::new();
    for j in 0..headings.len() {
        while stack
            .last()
            .is_some_and(|&p| headings[p].level >= headings[j].level)
        {
            stack.pop();
        }
        if let Some(&p) = stack.last() {
            if child_level[p] == 0 {
                child_level[p] = headings[j].level;
            }
            if child_level[p] == headings[j].level {
                child[p] = child[p].max(strengths[j]);
            }
        }
        stack.push(j);
    }
    (child, child_level)
}

/// Decides each heading's role; returns the number of question headings.
///
/// A heading that reads as a question is one unless its direct sub-headings read as
/// questions at least as strongly: then it is a topic (`## 1. Web Crawler` over `### Question
/// 1.1: …`). Headings below a question are part of it.
/// `child` is each heading's strongest direct sub-heading ([`direct_children`]).
fn assign_roles(
    headings: &mut [HeadingInfo<'_>],
    strengths: &[Strength],
    child: &[Strength],
) -> usize {
    let mut questions = 0;
    let mut open_question: Option<usize> = None;
    for (i, h) in headings.iter_mut().enumerate() {
        if h.level == 1 {
            open_question = None;
            h.role = Role::Title;
            continue;
        }
        // Under a `######` question, its answer's heading is shallower (`#### Answer: B`).
        let answers = |level: usize| {
            level >= 5 && (scan::is_answer_heading(h.text) || scan::answer_label(h.text).is_some())
        };
        if open_question.is_some_and(|level| h.level > level || answers(level)) {
            h.role = Role::Inner;
            continue;
        }
        open_question = None;
        let own = strengths[i];
        let is_question = reads_as_question(own, child[i]);
        h.role = if let (true, Some((number, asked))) = (is_question, &h.asked) {
            Role::Question {
                key: Some(number.clone()),
                text: scan::strip_leading_bold(asked).into_owned(),
            }
        } else if is_question && own == Strength::Numbered {
            match scan::question_heading(h.text) {
                Some((key, text)) => Role::Question {
                    key: Some(key),
                    text,
                },
                None => Role::Other,
            }
        } else if is_question {
            let text = scan::strip_leading_bold(h.text);
            Role::Question {
                key: None,
                text: scan::without_question_label(&text).to_string(),
            }
        } else if child[i] != Strength::None || h.level <= 2 {
            Role::Section
        } else {
            Role::Other
        };
        if matches!(h.role, Role::Question { .. }) {
            questions += 1;
            open_question = Some(h.level);
        }
    }
    questions
}

/// A guide whose questions stand under topics (`## Python` over `### What is pip?`) may
/// open or close with a heading at the topics' level that asks (`## Why this guide?`, `##
/// Для кого эта статья?`, `## Что почитать?`): before the first topic or after the last,
/// under no heading but the title, with no sub-headings, and unnumbered, it is an
/// introduction or a closing section, not a question. One or two such headings on a side
/// are; more are questions of their own before the topics (a guide's first dozen at `##`),
/// as are more than the questions under topics. Returns how many questions became
/// sections.
fn introductions_above_topics(headings: &mut [HeadingInfo<'_>], strengths: &[Strength]) -> usize {
    let is_question = |h: &HeadingInfo<'_>| matches!(h.role, Role::Question { .. });
    // Topics: sections that ask nothing themselves with a question under them (not `## Q.
    // What are the core modules?` over questions of its own); and the questions under them.
    let mut topics: Vec<usize> = Vec::new();
    let mut under_topics = 0;
    for (i, h) in headings.iter().enumerate() {
        if h.role != Role::Section || h.level < 2 || strengths[i] != Strength::None {
            continue;
        }
        let below = headings[i + 1..]
            .iter()
            .take_while(|sub| sub.level > h.level)
            .filter(|sub| is_question(sub))
            .count();
        if below > 0 {
            topics.push(i);
            under_topics += below;
        }
    }
    let (Some(&first), Some(&last)) = (topics.first(), topics.last()) else {
        return 0;
    };
    let topic_level = |level: usize| topics.iter().any(|&t| headings[t].level == level);
    let candidate = |i: usize| {
        let h = &headings[i];
        is_question(h)
            && strengths[i] == Strength::Plain
            && h.asked.is_none()
            && topic_level(h.level)
            && headings.get(i + 1).is_none_or(|next| next.level <= h.level)
            && headings[..i]
                .iter()
                .rev()
                .find(|p| p.level < h.level)
                .is_none_or(|p| p.level == 1)
    };
    let intro: Vec<usize> = (0..first).filter(|&i| candidate(i)).collect();
    let closing: Vec<usize> = (last + 1..headings.len())
        .filter(|&i| candidate(i))
        .collect();
    let mut demoted = 0;
    for run in [intro, closing] {
        if run.len() > 2 || run.len() > under_topics {
            continue;
        }
        // Only one that speaks of the guide or its reader: `## What is Docker?` before the
        // topics of a Q&A guide is its first question.
        let run: Vec<usize> = run
            .into_iter()
            .filter(|&i| scan::introduces(headings[i].text))
            .collect();
        for i in run {
            let h = &mut headings[i];
            h.role = if h.level <= 2 {
                Role::Section
            } else {
                Role::Other
            };
            demoted += 1;
        }
    }
    demoted
}

/// For each line, whether it is a top-level item of a list inside a list question's answer
/// rather than a question: under a question with text of its own, an item that asks
/// nothing; a bulleted item that asks nothing right under a numbered question (`2. What are
/// the ways to copy a list?` / `- a[:]`); an item whose numbering starts again (`1. What
/// JOIN types exist?` / `1. INNER`); and the items that go on with such a list. A
/// numbered item that goes on with the questions' numbering is the next question, and so
/// is an item that requests (`- Explain the GIL.`) after text that does not lead in to it
/// (`To tune it:` / `- Implement pooling.`).
fn answer_items(lines: &[&str], kinds: &[LineKind]) -> Vec<bool> {
    let mut items = vec![false; lines.len()];
    // A question is open; its number; text at the margin since, and whether its last line
    // leads in (`:`); the last line at the margin was an item of its answer's list,
    // numbered so.
    let mut open = false;
    let mut question: Option<u32> = None;
    let mut after_text = false;
    let mut led_in = false;
    let mut in_list = false;
    let mut answer: Option<u32> = None;
    for (index, (line, kind)) in lines.iter().zip(kinds).enumerate() {
        match kind {
            LineKind::Heading(_) => {
                (open, question, after_text, in_list, answer) = (false, None, false, false, None);
            }
            LineKind::Code { open: first } if *first == index + 1 => {
                after_text |= open && scan::split_indent(line).0 < 2;
                led_in = false;
                in_list = false;
            }
            LineKind::Text if !line.is_empty() => {
                let Some((number, text)) = top_level_item(line) else {
                    if scan::split_indent(line).0 < 2 {
                        after_text |= open && !scan::is_rule(line);
                        led_in = scan::leads_in(line);
                        in_list = false;
                    }
                    continue;
                };
                // A request ends an answer (`- Explain the GIL.` after `A lock.`); a statement
                // that opens with a question word (`- Когда таблица мала, …`) goes on with it.
                let asks = asks_item(text) || (imperative(text) && !in_list && !led_in);
                // A bulleted list that asks nothing under a numbered question: the list of
                // questions has ended (a bullet starts a list of its own), and it answers.
                let bullets_under = number.is_none() && question.is_some() && !asks;
                let follows =
                    |n: Option<u32>, after: Option<u32>| n.is_some() && n == after.map(|k| k + 1);
                // The question's own number again, asking, with nothing at the margin since,
                // is the next question: lists numbered `1.` on every item, which Markdown
                // counts on by itself.
                let restarts = number
                    .zip(question)
                    .is_some_and(|(n, q)| n < q || (n == q && (after_text || !asks)));
                let goes_on = in_list
                    && match number {
                        Some(_) => follows(number, answer),
                        None => !asks,
                    };
                let of_answer = open
                    && (restarts
                        || goes_on
                        || bullets_under
                        || (!follows(number, question) && (after_text || in_list) && !asks));
                items[index] = of_answer;
                if of_answer {
                    (in_list, answer) = (true, number);
                } else {
                    (open, question, after_text, in_list, answer) =
                        (true, number, false, false, None);
                }
            }
            _ => {}
        }
    }
    items
}

/// For the `Lists` shape: a section's top-level items are questions when at least half of
/// them end with `?`, request an answer ([`scan::requests`]: `Explain the GIL.`) or carry a
/// `<details>` answer, and they are not all links (a table of contents).
fn question_lists(
    lines: &[&str],
    kinds: &[LineKind],
    titles: &[&str],
    answer_items: &[bool],
) -> Vec<bool> {
    // Per section: items, items that ask or request, links, items that ask outright.
    let mut items = vec![(0usize, 0usize, 0usize, 0usize); titles.len() + 1];
    let mut section = 0;
    for (index, (line, kind)) in lines.iter().zip(kinds).enumerate() {
        match kind {
            LineKind::Heading(h) => section = h + 1,
            LineKind::Text if answer_items[index] => {}
            LineKind::Text => {
                let Some(text) = top_level_item(line).map(|(_, t)| t) else {
                    continue;
                };
                // An item that is a `<details>` block is a question of that shape, if any.
                if text.starts_with("<details") {
                    continue;
                }
                let counts = &mut items[section];
                counts.0 += 1;
                let details = lines[index + 1..]
                    .iter()
                    .find(|l| !l.is_empty())
                    .is_some_and(|l| l.trim_start().starts_with("<details"));
                // The item's text may go on over the next lines: its end is what asks.
                let mut end = text;
                for (l, k) in lines[index + 1..].iter().zip(&kinds[index + 1..]) {
                    let rest = l.trim();
                    if *k != LineKind::Text
                        || rest.is_empty()
                        || top_level_item(l).is_some()
                        || !scan::continues_item(end, rest)
                    {
                        break;
                    }
                    end = rest;
                }
                if details || asks_in_list(end) || asks_or_requests(text) {
                    counts.1 += 1;
                }
                if details || asks_in_list(end) {
                    counts.3 += 1;
                }
                if text.starts_with('[') && text.ends_with(')') {
                    counts.2 += 1;
                }
            }
            _ => {}
        }
    }
    // Requests alone make no list of questions (`## Tips` / `- Write clean code.`, `## How
    // to use this list` / `- Read …`) in a guide that asks elsewhere, unless an item asks
    // outright or the section's title names questions or tasks.
    let named = |section: usize| {
        section
            .checked_sub(1)
            .and_then(|h| titles.get(h))
            .is_some_and(|t| scan::names_questions(t))
    };
    let asks_somewhere = items.iter().any(|&(.., outright)| outright > 0);
    items
        .iter()
        .enumerate()
        .map(|(section, &(all, asked, links, outright))| {
            all > 0
                && asked * 2 >= all
                && links < all
                && (outright > 0 || named(section) || !asks_somewhere)
        })
        .collect()
}

/// For the `Lists` shape: a section's questions are answered by what follows each at the
/// margin when most of them (and at least two) have a paragraph or a code block of their
/// own before the next question. Text after the last question alone is more likely the
/// section's closing words.
fn answered_lists(
    lines: &[&str],
    kinds: &[LineKind],
    questions: &[bool],
    answer_items: &[bool],
) -> Vec<bool> {
    // Per section: questions, and questions with text of their own under them.
    let mut counts = vec![(0usize, 0usize); questions.len()];
    let mut section = 0;
    // Whether a question is open in this section, and whether text came under it.
    let mut open: Option<bool> = None;
    let mut blank_before = false;
    // The line above is a question that has ended (`?`): the next line is no more of it.
    let mut asked_above = false;
    let close = |counts: &mut Vec<(usize, usize)>, section: usize, open: Option<bool>| {
        if let (Some(answered), Some(c)) = (open, counts.get_mut(section)) {
            c.0 += 1;
            c.1 += usize::from(answered);
        }
    };
    for (index, (line, kind)) in lines.iter().zip(kinds).enumerate() {
        match kind {
            LineKind::Heading(h) => {
                close(&mut counts, section, open.take());
                section = h + 1;
            }
            LineKind::Text if !questions.get(section).copied().unwrap_or(false) => {}
            LineKind::Text if line.is_empty() => blank_before = true,
            LineKind::Text => {
                let item = top_level_item(line);
                let asks = item.is_some_and(|(_, text)| scan::ends_with_question_mark(text));
                if item.is_some() && !answer_items[index] {
                    close(&mut counts, section, open.replace(false));
                } else if let Some(answered) = open.as_mut()
                    && (blank_before || asked_above || answer_items[index])
                    && scan::split_indent(line).0 < 2
                    && !scan::is_rule(line)
                {
                    *answered = true;
                }
                asked_above = asks;
                blank_before = false;
            }
            LineKind::Code { open: first } => {
                if let Some(answered) = open.as_mut()
                    && scan::split_indent(lines[first - 1]).0 < 2
                {
                    *answered = true;
                }
                asked_above = false;
                blank_before = false;
            }
            LineKind::Skip => {}
        }
    }
    close(&mut counts, section, open);
    counts
        .iter()
        .map(|&(asked, answered)| answered >= 2 && answered * 2 > asked)
        .collect()
}

/// For the `Lists` shape: for each line, whether it opens a block that answers the list
/// question above it: the first item of a sub-list, or a code block's fence.
///
/// A question's sub-list may answer when the question asks (or requests), not about the
/// list it shows ([`shows_its_list`]), and the sub-list holds statements: no item asks,
/// labels an answer or is a lettered option or a checkbox. Sub-lists answer in a section
/// where most of its questions, two at least, have such a sub-list, that is not a quiz (by
/// its heading) and whose questions are not answered at the margin (where a sub-list is the
/// options). In a guide where a few questions carry options or lines to compare, those stay
/// part of their questions.
///
/// In a section whose questions are answered, at the margin or by indented paragraphs (two
/// at least, and most of its questions counting those a block answers), such a sub-list or
/// a code block right under a question, with nothing after it, is that question's answer,
/// as the paragraphs are the others': nothing else could be (`2. What are the benefits of
/// tuples?` / `   - Immutable`). Code stays on the front under a question that points at
/// it (`What is the output?`, `Что выведет этот код?`).
fn block_answers(
    lines: &[&str],
    kinds: &[LineKind],
    headings: &[HeadingInfo<'_>],
    questions: &[bool],
    answered: &[bool],
    answer_items: &[bool],
) -> Vec<bool> {
    /// The open question: whether it asks, whether its first line requests (`Перечислите
    /// виды JOIN.`), whether its text has ended (`?`), whether it points at what it
    /// shows, its first block's first line, whether that is code and whether it may answer,
    /// once one is seen; whether anything came after that block, and whether an indented
    /// paragraph came first (its answer).
    struct Open {
        asks: bool,
        requests: bool,
        ended: bool,
        shows: bool,
        list: Option<(usize, bool)>,
        code: bool,
        more: bool,
        paragraph: bool,
    }
    /// Per section: its questions, the sub-lists that may answer where most questions
    /// have one, the questions answered by an indented paragraph, and the blocks that
    /// stand alone under a question.
    #[derive(Clone, Default)]
    struct Section {
        count: usize,
        found: Vec<usize>,
        paragraphs: usize,
        alone: Vec<usize>,
    }
    let mut firsts = vec![false; lines.len()];
    let mut sections: Vec<Section> = vec![Section::default(); questions.len()];
    let mut quiz = vec![false; questions.len()];
    let mut section = 0;
    // The level of the quiz heading the sections are under, if any.
    let mut quiz_level: Option<usize> = None;
    let mut open: Option<Open> = None;
    let mut blank_before = false;
    let close = |open: Option<Open>, s: &mut Section| {
        let Some(q) = open else {
            return;
        };
        s.paragraphs += usize::from(q.paragraph);
        if let (true, false, Some((first, may))) = (q.asks, q.shows, q.list) {
            if may && !q.code {
                s.found.push(first);
            }
            if (may || q.code) && !q.more {
                s.alone.push(first);
            }
        }
    };
    for (index, (line, kind)) in lines.iter().zip(kinds).enumerate() {
        let here = questions.get(section).copied().unwrap_or(false);
        match kind {
            LineKind::Heading(h) => {
                if let Some(s) = sections.get_mut(section) {
                    close(open.take(), s);
                }
                section = h + 1;
                if let Some(heading) = headings.get(*h) {
                    if quiz_level.is_some_and(|level| heading.level <= level) {
                        quiz_level = None;
                    }
                    if quiz_level.is_none() && is_quiz_title(heading.text) {
                        quiz_level = Some(heading.level);
                    }
                }
                if let Some(q) = quiz.get_mut(section) {
                    *q = quiz_level.is_some();
                }
            }
            LineKind::Text if !here => {}
            LineKind::Text if line.is_empty() => blank_before = true,
            LineKind::Text => {
                let after_blank = std::mem::replace(&mut blank_before, false);
                let Some(s) = sections.get_mut(section) else {
                    continue;
                };
                let (indent, rest) = scan::split_indent(line);
                if let Some((_, text)) = top_level_item(line).filter(|_| !answer_items[index]) {
                    close(open.take(), s);
                    s.count += 1;
                    open = Some(Open {
                        asks: asks_or_requests(text),
                        requests: requests(text),
                        ended: scan::ends_with_question_mark(text),
                        shows: shows_its_list(text),
                        list: None,
                        code: false,
                        more: false,
                        paragraph: false,
                    });
                    continue;
                }
                let Some(q) = open.as_mut() else {
                    continue;
                };
                // An item of the answer's list at the margin (`2. What are the ways to copy
                // a list?` / `- a[:]`) stands for a sub-list.
                let item = (indent >= 2 || answer_items[index])
                    .then(|| {
                        scan::bullet_item(rest)
                            .or_else(|| scan::numbered_item(rest).map(|(_, text)| text))
                    })
                    .flatten();
                let list_indent = q.list.map(|(first, _)| scan::split_indent(lines[first]).0);
                match (&mut q.list, item) {
                    // An indented paragraph under the question, its text ended: its answer.
                    (None, None)
                        if indent >= 2
                            && !scan::starts_block(rest)
                            && (after_blank || q.ended || scan::answer_opening(rest).is_some()) =>
                    {
                        q.paragraph = true;
                        q.list = Some((index, false));
                        q.more = true;
                    }
                    // The question's text going on (`- What is virtual memory and` / `  why
                    // is it useful?`).
                    (None, None) if indent < 2 || !scan::starts_block(rest) => {
                        q.asks = asks_in_list(rest) || q.requests;
                        q.ended = scan::ends_with_question_mark(rest);
                        q.shows |= shows_its_list(rest);
                        if indent < 2 {
                            close(open.take(), s);
                        }
                    }
                    (None, Some(text)) => q.list = Some((index, states(text))),
                    (Some((_, may)), Some(text)) if !q.code => *may &= states(text),
                    // An answer labelled under it: the sub-list was something else.
                    (Some((_, may)), None) if scan::answer_opening(rest).is_some() => {
                        *may = false;
                        q.more = true;
                    }
                    // The sub-list's items going on, or what is nested in them.
                    (Some(_), None)
                        if !q.code && list_indent.is_some_and(|first| indent > first) => {}
                    (Some(_), _) => q.more = true,
                    _ => {}
                }
            }
            // Code first under a question is its body, whatever list follows; it answers
            // where it stands alone.
            LineKind::Code { open: first } => {
                blank_before = false;
                if let Some(q) = open.as_mut()
                    && *first == index + 1
                {
                    // A sub-list item that opens the code (`  - ```sh`) is an item of it.
                    let item = scan::split_indent(line).0 >= 2 && item_fence(line).is_some();
                    match q.list {
                        None if item => q.list = Some((index, true)),
                        Some(_) if item && !q.code => {}
                        None => {
                            q.list = Some((index, false));
                            q.code = true;
                        }
                        // Code nested in the sub-list's items is theirs.
                        Some((item, _))
                            if !q.code
                                && scan::split_indent(line).0
                                    > scan::split_indent(lines[item]).0 => {}
                        Some(_) => q.more = true,
                    }
                }
            }
            LineKind::Skip => {}
        }
    }
    if let Some(s) = sections.get_mut(section) {
        close(open, s);
    }
    for (i, s) in sections.iter().enumerate() {
        if quiz[i] {
            continue;
        }
        let at_margin = answered.get(i).copied().unwrap_or(false);
        if !at_margin && s.found.len() >= 2 && s.found.len() * 2 > s.count {
            for &first in &s.found {
                firsts[first] = true;
            }
        }
        let indented = s.paragraphs >= 2 && (s.paragraphs + s.alone.len()) * 2 > s.count;
        if at_margin || indented {
            for &first in &s.alone {
                firsts[first] = true;
            }
        }
    }
    firsts
}

/// Whether a sub-list's item states something, as an answer's does: it does not ask (`?`,
/// `Explain …`, `Расскажите …`), label an answer, letter an option (`a) …`, `(b) …`, `C.
/// …`) or tick a box (`[ ] …`).
fn states(text: &str) -> bool {
    !(scan::letters_option(text)
        || scan::ends_with_question_mark(text)
        || scan::asks_by_verb(text)
        || scan::answer_opening(text).is_some()
        || ["[ ]", "[x]", "[X]"].iter().any(|b| text.starts_with(b)))
}

/// A heading over a quiz or a self-check, whose sub-lists are options, in its sections and
/// those under it: `Quiz`, `MCQ`, `Multiple choice`, `Test yourself`, `Викторина`, `Тест по
/// Python`, `Тесты`, `Проверь себя`, `Самопроверка`.
fn is_quiz_title(text: &str) -> bool {
    const PHRASES: [&str; 6] = [
        "multiple choice",
        "test yourself",
        "self-check",
        "self check",
        "проверь себя",
        "проверьте себя",
    ];
    let lower = text.to_lowercase();
    lower.split(|c: char| !c.is_alphanumeric()).any(|w| {
        matches!(
            w,
            "quiz" | "quizzes" | "mcq" | "mcqs" | "тест" | "тесты" | "викторина" | "самопроверка"
        )
    }) || PHRASES.iter().any(|phrase| lower.contains(phrase))
}

/// Whether a question asks about a list it shows under it: options to choose from
/// (`Which of the following …?`, `Выберите …`), items to compare (`What happens in the
/// following scenario?`, `Чем отличаются эти команды?`), or code whose output is asked
/// (`What is the output?`); `Which keyword …?` and `Какой уровень …?` choose one. Whole
/// words: `selector` or `Что из себя представляет …` point at nothing. (The plural `Какие
/// …?` is not one: `Какие типы индексов есть?` is answered by a list.)
fn shows_its_list(question: &str) -> bool {
    // `which` too: `Which keyword declares a constant?` is as often a choice as a list.
    const WORDS: [&str; 20] = [
        "following",
        "these",
        "those",
        "below",
        "which",
        "choose",
        "select",
        "options",
        "output",
        "print",
        "prints",
        "printed",
        "evaluate",
        "выберите",
        "ниже",
        "эти",
        "этих",
        "какой",
        "какая",
        "какое",
    ];
    const STEMS: [&str; 5] = [
        "следующ",
        "перечисленн",
        "приведенн",
        "приведённ",
        "выведет",
    ];
    // `which` and `какой` are words above; their plural and `что` choose only with `из`.
    const PAIRS: [(&str, &str); 2] = [("какие", "из"), ("что", "из")];
    let lower = question.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().enumerate().any(|(i, w)| {
        WORDS.contains(w)
            || STEMS.iter().any(|s| w.starts_with(s))
            || PAIRS.iter().any(|&(a, b)| {
                *w == a && words.get(i + 1) == Some(&b) && words.get(i + 2) != Some(&"себя")
            })
    }) || scan::points_at_code(question)
}

/// How many list items ask (`?`) or request in the sections whose lists are questions.
fn listed_questions(
    lines: &[&str],
    kinds: &[LineKind],
    questions: &[bool],
    answer_items: &[bool],
) -> usize {
    let mut section = 0;
    let mut count = 0;
    for (index, (line, kind)) in lines.iter().zip(kinds).enumerate() {
        match kind {
            LineKind::Heading(h) => section = h + 1,
            LineKind::Text
                if !answer_items[index] && questions.get(section).copied().unwrap_or(false) =>
            {
                count += usize::from(
                    top_level_item(line).is_some_and(|(_, t)| asks_item(t) || requests(t)),
                );
            }
            _ => {}
        }
    }
    count
}

/// Whether a list item asks as a question of a list of questions: as [`asks_item`], or
/// before a level tag (`What is a dict? (junior)`).
pub(super) fn asks_in_list(text: &str) -> bool {
    scan::asks_before_any_level_tag(text)
        || scan::inline_bold_question(text).is_some()
        || scan::dashed_question(text).is_some()
        || heading_item_asks(text)
}

/// Whether a list item asks as a question of a list of questions ([`asks_in_list`]) or
/// requests an answer ([`requests`]).
fn asks_or_requests(text: &str) -> bool {
    asks_in_list(text) || requests(text)
}

/// Whether a list item requests an answer without a `?` ([`scan::requests`]), its bold, a
/// `Q:` label or `###` aside.
fn requests(text: &str) -> bool {
    scan::requests(scan::item_question_text(text))
}

/// Whether a list item requests an answer by its verb ([`scan::imperative`]).
fn imperative(text: &str) -> bool {
    scan::imperative(scan::item_question_text(text))
}

/// Whether a list item is a heading written into it that asks by its first word, without
/// a `?` (`1. ### What is a prototype chain`, as the large GitHub guides write them): the
/// heading's `#`s mark it as the item's title, which prose under a question seldom has.
fn heading_item_asks(text: &str) -> bool {
    text.starts_with("##") && scan::asks_by_interrogative(scan::item_question_text(text))
}

/// Whether a list item's text asks: it ends with `?` (or a request after it, `Что такое
/// индекс? Приведите пример.`), or starts with a bold question answered after it (`**What
/// is X?** It is …`).
fn asks_item(text: &str) -> bool {
    scan::ends_with_question_mark(text)
        || scan::asks_then_requests(text)
        || scan::inline_bold_question(text).is_some()
        || scan::dashed_question(text).is_some()
        || heading_item_asks(text)
}

/// A list item at the left margin: its number (if numbered) and text.
pub(super) fn top_level_item(line: &str) -> Option<(Option<u32>, &str)> {
    let (indent, rest) = scan::split_indent(line);
    if indent > 1 {
        return None;
    }
    if let Some((n, text)) = scan::numbered_item(rest) {
        return Some((Some(n), text));
    }
    scan::bullet_item(rest).map(|t| (None, t))
}
