//! Terminal drawings of the figures. Every mark is a distinct character, so the output reads
//! without colour; colour only adds to it. Widths are measured in terminal columns
//! (unicode-width), so Cyrillic or CJK topic names line up and never push a line past
//! [`Style::width`].

use chrono::{Datelike, Days, NaiveDate};
use console::Style as Look;
use unicode_width::UnicodeWidthStr;

use super::{Forecast, History, Stats, TopicStats};
use crate::text::{self, Style};

/// Width of a topic's progress bar when the line has room for it.
const BAR_WIDTH: usize = 20;
const MIN_BAR_WIDTH: usize = 10;
/// Topic names are cut to no less than this, even if the line then overflows.
const MIN_NAME_WIDTH: usize = 8;
/// The longest forecast bar, so a wide terminal does not stretch a handful of reviews.
const FORECAST_BAR_WIDTH: usize = 40;
/// `Mon ` in front of each heatmap row.
const ROW_LABEL_WIDTH: usize = 4;

/// The four parts of a topic's progress bar, in the order drawn.
#[derive(Debug, Clone, Copy)]
enum Segment {
    Mastered,
    InProgress,
    New,
    Locked,
}

impl Segment {
    const ALL: [Segment; 4] = [
        Segment::Mastered,
        Segment::InProgress,
        Segment::New,
        Segment::Locked,
    ];

    fn glyph(self) -> &'static str {
        match self {
            Segment::Mastered => "█",
            Segment::InProgress => "▓",
            Segment::New => "░",
            Segment::Locked => "·",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Segment::Mastered => "mastered",
            Segment::InProgress => "in progress",
            Segment::New => "new",
            Segment::Locked => "locked",
        }
    }

    fn look(self) -> Look {
        match self {
            Segment::Mastered => Look::new().green(),
            Segment::InProgress => Look::new().yellow(),
            Segment::New => Look::new().cyan(),
            Segment::Locked => Look::new().dim(),
        }
    }

    /// Suspended cards that are not mastered are in no segment.
    fn count(self, topic: &TopicStats) -> u32 {
        match self {
            Segment::Mastered => topic.mastered,
            Segment::InProgress => topic.in_progress,
            Segment::New => topic.new,
            Segment::Locked => topic.locked,
        }
    }
}

/// The progress table: one row per topic with counts, 30-day retention, average ease and a
/// bar of mastered / in progress / new / locked cards; then the total, a legend and today's
/// reviews and streak.
pub fn render_stats(stats: &Stats, style: &Style) -> String {
    const HEADERS: [&str; 5] = ["Cards", "Mastered", "Due", "Retention", "Ease"];
    let rows: Vec<(&TopicStats, [String; 5])> = stats
        .topics
        .iter()
        .chain([&stats.total])
        .map(|topic| {
            let cells = [
                topic.cards.to_string(),
                topic.mastered.to_string(),
                topic.due_today.to_string(),
                topic.retention_30d.map_or_else(|| "—".to_owned(), percent),
                topic
                    .average_ease
                    .map_or_else(|| "—".to_owned(), |ease| format!("{ease:.2}")),
            ];
            (topic, cells)
        })
        .collect();

    let mut column_widths = HEADERS.map(UnicodeWidthStr::width);
    for (_, cells) in &rows {
        for (width, cell) in column_widths.iter_mut().zip(cells) {
            *width = (*width).max(cell.width());
        }
    }
    // Two columns between the name and the numbers, one between numbers.
    let numbers_width = 2 + column_widths.iter().sum::<usize>() + (HEADERS.len() - 1);
    let natural_name_width = rows
        .iter()
        .map(|(topic, _)| topic.topic.width())
        .chain(["Topic".width()])
        .max()
        .unwrap_or(0);
    let min_name_width = MIN_NAME_WIDTH.min(natural_name_width);
    let room = style.width.saturating_sub(numbers_width);
    // A narrow terminal loses the bars before names are cut below their minimum.
    let show_bars = room >= min_name_width + 2 + MIN_BAR_WIDTH;
    let bar_room = if show_bars { 2 + BAR_WIDTH } else { 0 };
    let name_width = natural_name_width
        .min(room.saturating_sub(bar_room))
        .max(min_name_width);
    let bar_width = if show_bars {
        room.saturating_sub(name_width + 2)
            .clamp(MIN_BAR_WIDTH, BAR_WIDTH)
    } else {
        0
    };
    let topic_bar = |topic: &TopicStats| {
        if show_bars {
            bar(topic, bar_width, style)
        } else {
            String::new()
        }
    };

    let line = |name: &str, cells: &[String; 5], bar: &str, look: Look| {
        let mut text = text::pad(&text::fit(name, name_width), name_width);
        text.push(' ');
        for (cell, width) in cells.iter().zip(column_widths) {
            text.push(' ');
            text.push_str(&text::pad_left(cell, width));
        }
        let mut out = style.paint(&text, look);
        if !bar.is_empty() {
            out.push_str("  ");
            out.push_str(bar);
        }
        out
    };

    let mut out = Vec::with_capacity(rows.len() + 6);
    let headers = HEADERS.map(str::to_owned);
    let progress = if show_bars {
        style.paint("Progress", Look::new().bold())
    } else {
        String::new()
    };
    out.push(line("Topic", &headers, &progress, Look::new().bold()));
    // The last row is the total, drawn under a rule.
    let (total, topics) = match rows.split_last() {
        Some((total, topics)) => (Some(total), topics),
        None => (None, &rows[..]),
    };
    for (topic, cells) in topics {
        out.push(line(&topic.topic, cells, &topic_bar(topic), Look::new()));
    }
    let rule_width = name_width + numbers_width + if show_bars { 2 + bar_width } else { 0 };
    out.push(style.paint(&"─".repeat(rule_width), Look::new().dim()));
    if let Some((topic, cells)) = total {
        out.push(line(
            &topic.topic,
            cells,
            &topic_bar(topic),
            Look::new().bold(),
        ));
    }
    out.push(String::new());
    if show_bars {
        out.push(
            Segment::ALL
                .map(|segment| {
                    format!(
                        "{} {}",
                        style.paint(segment.glyph(), segment.look()),
                        segment.label()
                    )
                })
                .join("  "),
        );
    }
    out.extend(joined_if_it_fits(
        [
            format!(
                "Today: {}",
                text::count(stats.reviews_today as usize, "review", "reviews")
            ),
            format!(
                "streak: {}",
                text::count(stats.streak_days as usize, "day", "days")
            ),
        ],
        style.width,
    ));
    text::finish(out)
}

/// A topic's bar, `width` columns split in proportion to its segments. The boundaries are
/// rounded cumulatively, so the parts always fill the bar exactly.
fn bar(topic: &TopicStats, width: usize, style: &Style) -> String {
    let counts = Segment::ALL.map(|segment| u64::from(segment.count(topic)));
    let total: u64 = counts.iter().sum();
    if total == 0 {
        return String::new();
    }
    let width = width as u64;
    let mut out = String::new();
    let (mut sum, mut drawn) = (0, 0);
    for (segment, count) in Segment::ALL.into_iter().zip(counts) {
        sum += count;
        let end = (sum * width + total / 2) / total;
        let part = segment.glyph().repeat((end - drawn) as usize);
        drawn = end;
        if !part.is_empty() {
            out.push_str(&style.paint(&part, segment.look()));
        }
    }
    out
}

/// Reviews due per day: `Mon 03-02  ████████ 12`, bars scaled to the busiest day.
pub fn render_forecast(forecast: &Forecast, style: &Style) -> String {
    let days = text::count(forecast.days.len() as u32 as usize, "day", "days");
    let title = format!("Reviews due, next {days}");
    let explained = format!("{title} (overdue in today)");
    let mut out = vec![if explained.width() <= style.width {
        explained
    } else {
        text::fit(&title, style.width)
    }];
    let busiest = forecast.days.iter().map(|d| d.due).max().unwrap_or(0);
    // `Mon 03-02  ` + bar + ` 12`
    let fixed = 9 + 2 + 1 + busiest.to_string().len();
    let bar_width = style
        .width
        .saturating_sub(fixed)
        .clamp(1, FORECAST_BAR_WIDTH) as u64;
    let mut total: u32 = 0;
    for day in &forecast.days {
        total = total.saturating_add(day.due);
        let label = day.day.format("%a %m-%d").to_string();
        let mut line = format!("{}  ", style.paint(&label, Look::new().dim()));
        if day.due > 0 {
            // Rounded up, so every day with reviews shows at least one block.
            let length = (u64::from(day.due) * bar_width).div_ceil(u64::from(busiest));
            let bar = "█".repeat(length as usize);
            line.push_str(&style.paint(&bar, Look::new().cyan()));
            line.push(' ');
        }
        line.push_str(&day.due.to_string());
        out.push(line);
    }
    out.push(format!(
        "Total: {}",
        text::count(total as usize, "review", "reviews")
    ));
    text::finish(out)
}

/// A contributions-graph calendar: rows Monday to Sunday, one column per week (the current
/// week last), each day shaded by how many reviews it had, month names on top, then a
/// legend and the totals. Only the latest weeks that fit in the width are drawn; the totals
/// are those of the weeks drawn.
pub fn render_history(history: &History, style: &Style) -> String {
    const ROW_LABELS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    // Each week is a glyph and a space; the last space is not drawn.
    let fitting_weeks = style
        .width
        .saturating_sub(ROW_LABEL_WIDTH)
        .div_ceil(2)
        .max(1);
    let weeks = (history.weeks as usize).min(fitting_weeks);
    let skipped_days = (history.weeks as usize - weeks) * 7;
    let days = history.days.get(skipped_days..).unwrap_or(&[]);
    let from = history
        .from
        .checked_add_days(Days::new(skipped_days as u64))
        .unwrap_or(history.from);
    let levels = Levels::new(days.iter().map(|d| d.reviews));

    let mut out = vec![month_labels(from, weeks, style.width)];
    for (row, label) in ROW_LABELS.iter().enumerate() {
        let mut line = format!("{label} ");
        for week in 0..weeks {
            if week > 0 {
                line.push(' ');
            }
            match days.get(week * 7 + row) {
                Some(day) => {
                    let level = levels.level(day.reviews);
                    line.push_str(&style.paint(SHADES[level], shade_look(level)));
                }
                None => line.push(' '),
            }
        }
        out.push(line.trim_end().to_owned());
    }

    let legend: Vec<String> = if levels.max == 0 {
        vec![format!(
            "{} no reviews",
            style.paint(SHADES[0], shade_look(0))
        )]
    } else {
        std::iter::once(format!("{} 0", style.paint(SHADES[0], shade_look(0))))
            .chain((1..SHADES.len()).filter_map(|level| {
                let (low, high) = levels.range(level)?;
                let range = if low == high {
                    low.to_string()
                } else {
                    format!("{low}–{high}")
                };
                Some(format!(
                    "{} {range}",
                    style.paint(SHADES[level], shade_look(level))
                ))
            }))
            .collect()
    };
    let legend = legend.join("  ");
    let titled = format!("Reviews a day: {legend}");
    // Measured without the colour codes.
    out.push(if console::measure_text_width(&titled) <= style.width {
        titled
    } else {
        legend
    });

    let total = days
        .iter()
        .fold(0u32, |sum, d| sum.saturating_add(d.reviews));
    let active = days.iter().filter(|d| d.reviews > 0).count() as u32;
    out.extend(joined_if_it_fits(
        [
            format!(
                "Last {}: {} on {}",
                text::count(weeks as u32 as usize, "week", "weeks"),
                text::count(total as usize, "review", "reviews"),
                text::count(active as usize, "day", "days")
            ),
            format!(
                "streak: {}",
                text::count(history.streak_days as usize, "day", "days")
            ),
        ],
        style.width,
    ));
    text::finish(out)
}

/// Shades from no reviews to the busiest days.
const SHADES: [&str; 5] = ["·", "░", "▒", "▓", "█"];

fn shade_look(level: usize) -> Look {
    match level {
        0 => Look::new().dim(),
        1 => Look::new().color256(28),
        2 => Look::new().color256(34),
        3 => Look::new().color256(40),
        _ => Look::new().color256(46).bold(),
    }
}

/// Month names over the week columns where a month begins (by the week's Monday), skipping
/// one that would run into the next or past `width`.
fn month_labels(from: NaiveDate, weeks: usize, width: usize) -> String {
    let monday = |week: usize| from.checked_add_days(Days::new(7 * week as u64));
    let mut starts: Vec<(usize, NaiveDate)> = (0..weeks)
        .filter_map(|week| Some((week, monday(week)?)))
        .filter(|(week, day)| {
            *week == 0 || monday(week - 1).is_none_or(|before| before.month() != day.month())
        })
        .collect();
    // The first column's month only gets a name if it lasts long enough to hold it.
    if starts.get(1).is_some_and(|(week, _)| *week < 2) {
        starts.remove(0);
    }
    let mut line = " ".repeat(ROW_LABEL_WIDTH);
    for (week, day) in starts {
        let column = ROW_LABEL_WIDTH + 2 * week;
        let name = day.format("%b").to_string();
        if column >= line.len() && column + name.len() <= width {
            line.push_str(&" ".repeat(column - line.len()));
            line.push_str(&name);
            line.push(' ');
        }
    }
    line.trim_end().to_owned()
}

/// Shade levels by quartiles of the days with reviews, so one huge day does not wash out
/// the rest: level 1 + the number of thresholds a count reaches.
struct Levels {
    thresholds: [u32; 3],
    max: u32,
}

impl Levels {
    fn new(counts: impl Iterator<Item = u32>) -> Levels {
        let mut active: Vec<u32> = counts.filter(|n| *n > 0).collect();
        active.sort_unstable();
        let quartile = |k: usize| active.get(k * active.len() / 4).copied().unwrap_or(0);
        Levels {
            thresholds: [quartile(1), quartile(2), quartile(3)],
            max: active.last().copied().unwrap_or(0),
        }
    }

    fn level(&self, reviews: u32) -> usize {
        if reviews == 0 {
            return 0;
        }
        1 + self.thresholds.iter().filter(|t| reviews >= **t).count()
    }

    /// The counts drawn at `level` (1..=4), or `None` when no count is.
    fn range(&self, level: usize) -> Option<(u32, u32)> {
        let low = match level {
            1 => 1,
            _ => self.thresholds[level - 2],
        };
        let high = match level {
            4 => self.max,
            _ => self.thresholds[level - 1].checked_sub(1)?,
        };
        (low <= high).then_some((low, high))
    }
}

/// A share as a whole percentage; below 1 it never shows as 100%.
fn percent(share: f64) -> String {
    let mut percent = (share * 100.0).round();
    if share < 1.0 {
        percent = percent.min(99.0);
    }
    format!("{percent}%")
}

/// The parts on one line joined by ` · `, or one line each, capitalized, when that is too
/// wide.
fn joined_if_it_fits<const N: usize>(parts: [String; N], width: usize) -> Vec<String> {
    let joined = parts.join(" · ");
    if joined.width() <= width {
        return vec![joined];
    }
    parts
        .into_iter()
        .map(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .map(|first| first.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::tests::{cards, daily_reviews, date, today, topic_names, topic_reviews};
    use crate::stats::{self, DEFAULT_FORECAST_DAYS, DEFAULT_HISTORY_WEEKS};

    /// Snapshots live in `src/snapshots/` beside the other modules' ones.
    fn snapshot(name: &str, text: &str) {
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path("../snapshots");
        settings.bind(|| insta::assert_snapshot!(name, text));
    }

    fn sample_stats(names: &[String]) -> Stats {
        stats::stats(&cards(), names, &topic_reviews(), &daily_reviews(), today())
    }

    /// 26 weeks of an irregular habit: quiet days, a week off, busy days, three in a row now.
    fn sample_history(weeks: u32) -> History {
        let from = date(3, 4) - Days::new(7 * u64::from(weeks) + 3);
        let reviews: Vec<(NaiveDate, u32)> = from
            .iter_days()
            .take_while(|day| *day <= today())
            .enumerate()
            .map(|(i, day)| {
                let n = (i * 7919 + 13) % 37;
                let count = if (40..47).contains(&i) || n < 12 {
                    0
                } else {
                    (n - 11) as u32
                };
                (day, count)
            })
            .chain([(date(3, 2), 3), (date(3, 3), 60), (date(3, 4), 8)])
            .collect();
        stats::history(&reviews, today(), weeks)
    }

    fn long_names() -> Vec<String> {
        vec![
            "Асинхронное программирование, конкурентность и параллелизм в CPython".into(),
            "Базы данных".into(),
            "数据库和缓存的高级主题".into(),
        ]
    }

    fn assert_fits(text: &str, width: usize) {
        for line in text.lines() {
            let columns = console::measure_text_width(line);
            assert!(columns <= width, "{columns} > {width} columns: {line:?}");
        }
    }

    #[test]
    fn stats_table() {
        snapshot(
            "stats_table",
            &render_stats(&sample_stats(&topic_names()), &Style::default()),
        );
    }

    #[test]
    fn stats_table_with_long_names() {
        let text = render_stats(&sample_stats(&long_names()), &Style::default());
        snapshot("stats_table_long_names", &text);
    }

    #[test]
    fn forecast_bars() {
        let forecast = stats::forecast(&cards(), today(), DEFAULT_FORECAST_DAYS);
        snapshot("forecast", &render_forecast(&forecast, &Style::default()));
    }

    #[test]
    fn history_heatmap() {
        let history = sample_history(DEFAULT_HISTORY_WEEKS);
        snapshot("history", &render_history(&history, &Style::default()));
    }

    #[test]
    fn history_without_reviews() {
        let history = stats::history(&[], today(), 4);
        snapshot(
            "history_empty",
            &render_history(&history, &Style::default()),
        );
    }

    #[test]
    fn every_line_fits_the_width_with_or_without_colour() {
        let stats = sample_stats(&long_names());
        let forecast = stats::forecast(&cards(), today(), 30);
        let history = sample_history(52);
        for width in [80, 60, 50, 40] {
            for color in [false, true] {
                let style = Style { color, width };
                if width >= 50 {
                    // Below that the numbers alone, with names cut to 8 columns, are wider.
                    assert_fits(&render_stats(&stats, &style), width);
                }
                assert_fits(&render_forecast(&forecast, &style), width);
                assert_fits(&render_history(&history, &style), width);
            }
        }
    }

    #[test]
    fn colour_only_adds_escape_codes() {
        let stats = sample_stats(&topic_names());
        let plain = render_stats(&stats, &Style::default());
        let coloured = render_stats(
            &stats,
            &Style {
                color: true,
                width: Style::DEFAULT_WIDTH,
            },
        );
        assert_ne!(plain, coloured);
        assert_eq!(console::strip_ansi_codes(&coloured), plain);
        let history = sample_history(8);
        let coloured = render_history(
            &history,
            &Style {
                color: true,
                width: Style::DEFAULT_WIDTH,
            },
        );
        assert_eq!(
            console::strip_ansi_codes(&coloured),
            render_history(&history, &Style::default())
        );
    }

    #[test]
    fn history_shows_only_the_weeks_that_fit() {
        let text = render_history(&sample_history(52), &Style::default());
        assert!(text.contains("Last 38 weeks:"), "{text}");
        let monday_row = text.lines().nth(1).unwrap();
        assert_eq!(
            monday_row.chars().filter(|c| !c.is_whitespace()).count(),
            3 + 38
        );
    }

    #[test]
    fn bars_fill_their_width_exactly() {
        let stats = sample_stats(&topic_names());
        for topic in stats.topics.iter().chain([&stats.total]) {
            let drawn = bar(topic, BAR_WIDTH, &Style::default());
            let expected = if topic.cards == 0 { 0 } else { BAR_WIDTH };
            assert_eq!(drawn.width(), expected, "{}", topic.topic);
        }
        // 2 mastered, 3 in progress, 1 new, 2 locked over 20 columns: 5, 12.5 → 13, 15, 20
        assert_eq!(
            bar(&stats.topics[0], BAR_WIDTH, &Style::default()),
            "█████▓▓▓▓▓▓▓▓░░·····"
        );
    }

    #[test]
    fn a_narrow_terminal_drops_the_bars_and_splits_the_summary() {
        let style = Style {
            color: false,
            width: 40,
        };
        let text = render_stats(&sample_stats(&topic_names()), &style);
        assert!(!text.contains('█'), "{text}");
        assert!(
            text.lines()
                .any(|line| line == "Total        12        3   3       80% 2.29")
        );
        // 18 weeks fit in 40 columns: the totals are those of the weeks drawn.
        let history = sample_history(26);
        let drawn = &history.days[8 * 7..];
        let total: u32 = drawn.iter().map(|d| d.reviews).sum();
        let active = drawn.iter().filter(|d| d.reviews > 0).count();
        let text = render_history(&history, &style);
        let summary =
            format!("\nLast 18 weeks: {total} reviews on {active} days\nStreak: 3 days\n");
        assert!(text.ends_with(&summary), "{text}");
    }

    #[test]
    fn names_are_cut_by_columns() {
        assert_eq!(text::fit("Основы Python", 20), "Основы Python");
        assert_eq!(text::fit("Основы Python", 8), "Основы…");
        assert_eq!(text::fit("数据库数据库", 5), "数据…");
        assert_eq!(text::fit("数据库数据库", 6), "数据…");
    }

    #[test]
    fn percentages_round_but_never_to_a_false_hundred() {
        assert_eq!(percent(0.85), "85%");
        assert_eq!(percent(2.0 / 3.0), "67%");
        assert_eq!(percent(0.999), "99%");
        assert_eq!(percent(1.0), "100%");
        assert_eq!(percent(0.0), "0%");
    }

    #[test]
    fn shade_levels_follow_quartiles() {
        let levels = Levels::new(1..=8);
        assert_eq!(
            (1..=8).map(|n| levels.level(n)).collect::<Vec<_>>(),
            [1, 1, 2, 2, 3, 3, 4, 4]
        );
        assert_eq!(levels.level(0), 0);
        assert_eq!(
            (1..=4).map(|l| levels.range(l)).collect::<Vec<_>>(),
            [Some((1, 2)), Some((3, 4)), Some((5, 6)), Some((7, 8))]
        );
        // Every active day alike: all drawn darkest; the legend keeps the lightest shade for
        // smaller counts and leaves out the two that cover nothing.
        let even = Levels::new([10, 0, 10, 10].into_iter());
        assert_eq!(even.level(10), 4);
        assert_eq!(
            (1..=4).map(|l| even.range(l)).collect::<Vec<_>>(),
            [Some((1, 9)), None, None, Some((10, 10))]
        );
    }
}
