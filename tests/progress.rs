//! `stats`, `forecast` and `history` on a small scripted history, against numbers worked out
//! by hand.

use serde_json::json;

use crate::harness::{Env, SMALL_DECK};

/// The small deck (topic "Основы Go": 1, 1.1, 1.2, 2, 2.1, 2.2; topic "Память": 3, 3.1) with:
/// - card 1: 5 on 03-01, 5 on 03-02, 4 on 03-08 → mastered, I = 17 (ceil(6 × 2.7)), due 03-25;
/// - card 2: 2 on 03-01 (a failed first sight, then a drill 4), 3 on 03-02 → due 03-08;
/// - card 3: 4 on 03-01 → due 03-02, never reviewed again (overdue on 03-08);
/// - 1.1 and 1.2 unlocked by card 1's mastery; 2.x and 3.1 locked.
fn scripted() -> Env {
    let env = Env::new();
    env.write("go.md", SMALL_DECK);
    env.ok(
        "2026-03-01",
        &["import", env.path("go.md").to_str().unwrap()],
    );
    for (now, card, grade) in [
        ("2026-03-01", "1", "5"),
        ("2026-03-01", "2", "2"),
        ("2026-03-01", "2", "4"),
        ("2026-03-01", "3", "4"),
        ("2026-03-02", "1", "5"),
        ("2026-03-02", "2", "3"),
        ("2026-03-08", "1", "4"),
    ] {
        env.ok(now, &["grade", card, grade]);
    }
    env
}

#[test]
fn stats_by_topic_match_the_hand_count() {
    let env = scripted();
    let stats = env.json("2026-03-08", &["stats"]);
    let go = &stats["topics"][0];
    assert_eq!(go["topic"], "Основы Go");
    assert_eq!(
        (
            go["cards"].clone(),
            go["main"].clone(),
            go["followups"].clone()
        ),
        (json!(6), json!(2), json!(4))
    );
    // 1.1 and 1.2 are new (unlocked), 2.1 and 2.2 locked; 1 and 2 in review; 1 mastered.
    assert_eq!(
        (
            go["new"].clone(),
            go["locked"].clone(),
            go["review"].clone(),
            go["mastered"].clone()
        ),
        (json!(2), json!(2), json!(2), json!(1))
    );
    // Card 2 is due on 03-08; card 1 was reviewed today and is due on 03-25.
    assert_eq!(go["due_today"], 1);
    // Scheduling reviews: 1→5, 2→2, 1→5, 2→3, 1→4: four of five graded 3 or more.
    assert_eq!(go["retention_30d"], 0.8);
    let memory = &stats["topics"][1];
    assert_eq!(memory["topic"], "Память");
    assert_eq!(
        (memory["due_today"].clone(), memory["retention_30d"].clone()),
        (json!(1), json!(1.0))
    );
    assert_eq!(stats["total"]["cards"], 8);
    assert_eq!(stats["total"]["mastered"], 1);
    assert_eq!(stats["total"]["retention_30d"], 5.0 / 6.0);
    assert_eq!(stats["reviews_today"], 1);
    assert_eq!(stats["streak_days"], 1);
}

#[test]
fn stats_agree_with_show_and_due() {
    let env = scripted();
    let stats = env.json("2026-03-08", &["stats"]);
    let due = env.json("2026-03-08", &["due"]);
    let reviews_due = due
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["reason"] != "new")
        .count();
    assert_eq!(stats["total"]["due_today"], reviews_due as u64);
    assert_eq!(env.json("2026-03-08", &["show", "1"])["mastered"], true);
}

#[test]
fn forecast_counts_reviews_per_day_ahead() {
    let env = scripted();
    let forecast = env.json("2026-03-08", &["forecast", "--days", "3"]);
    assert_eq!(
        forecast,
        json!({"days": [
            {"day": "2026-03-08", "due": 2},
            {"day": "2026-03-09", "due": 0},
            {"day": "2026-03-10", "due": 0},
        ]})
    );
}

#[test]
fn history_counts_reviews_per_day_and_the_streak() {
    let env = scripted();
    let history = env.json("2026-03-08", &["history", "--weeks", "2"]);
    assert_eq!(history["total"], 7);
    assert_eq!(history["active_days"], 3);
    assert_eq!(history["streak_days"], 1);
    let days = history["days"].as_array().unwrap();
    let on = |d: &str| days.iter().find(|x| x["day"] == d).unwrap()["reviews"].clone();
    assert_eq!(
        (on("2026-03-01"), on("2026-03-02"), on("2026-03-08")),
        (json!(4), json!(2), json!(1))
    );
}

#[test]
fn the_stats_table_fits_80_columns() {
    let env = scripted();
    let out = env.ok("2026-03-08", &["stats"]);
    assert!(out.contains("Основы Go"), "{out}");
    for line in out.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= 80,
            "too wide: {line}"
        );
    }
}
