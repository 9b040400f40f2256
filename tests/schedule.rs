//! Scheduling through the binary: SM-2 over weeks, the mastery gate, drills, undo, limits
//! and day boundaries.

use serde_json::Value;

use crate::harness::{Env, SMALL_DECK, keys};

fn small() -> Env {
    let env = Env::new();
    env.write("go.md", SMALL_DECK);
    env.ok(
        "2026-03-01",
        &["import", env.path("go.md").to_str().unwrap()],
    );
    env
}

fn state(card: &Value) -> (u64, u64, f64, String) {
    (
        card["repetitions"].as_u64().unwrap(),
        card["interval"].as_u64().unwrap(),
        card["ease"].as_f64().unwrap(),
        card["due"].as_str().unwrap_or("").to_string(),
    )
}

#[test]
fn a_card_graded_over_weeks_follows_sm2() {
    let env = small();
    let steps = [
        ("2026-03-01", "5", (1, 1, 2.6, "2026-03-02")),
        ("2026-03-02", "4", (2, 6, 2.6, "2026-03-08")),
        ("2026-03-08", "3", (3, 16, 2.46, "2026-03-24")),
        ("2026-03-24", "5", (4, 40, 2.56, "2026-05-03")),
        ("2026-05-03", "1", (0, 1, 2.02, "2026-05-04")),
        ("2026-05-04", "4", (1, 1, 2.02, "2026-05-05")),
        ("2026-05-05", "4", (2, 6, 2.02, "2026-05-11")),
        ("2026-05-11", "4", (3, 13, 2.02, "2026-05-24")),
    ];
    for (now, grade, (n, i, ef, due)) in steps {
        env.ok(now, &["grade", "1", grade]);
        let card = env.json(now, &["show", "1"]);
        assert_eq!(
            state(&card),
            (n, i, ef, due.to_string()),
            "after {grade} on {now}"
        );
    }
    let card = env.json("2026-05-11", &["show", "1"]);
    assert_eq!(card["lapses"], 1);
    let reviews = card["reviews"].as_array().unwrap();
    // Two drills: after the 3 on 03-08 and the 1 on 05-03 the card came back the same day?
    // No: the session never drilled it here, so the log holds the eight scheduling grades.
    assert_eq!(reviews.len(), 8);
    assert!(reviews.iter().all(|r| r["kind"] == "schedule"));
}

#[test]
fn a_card_not_due_needs_force_and_nothing_is_written_on_refusal() {
    let env = small();
    env.ok("2026-03-01", &["grade", "1", "4"]);
    let err = env.fails("2026-03-01", &["grade", "1", "5"]);
    assert_eq!(
        err,
        "recall: card 1 is not due until 2026-03-02 (tomorrow); add --force to review it early\n"
    );
    assert_eq!(
        env.json("2026-03-01", &["show", "1"])["reviews"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    env.ok("2026-03-01", &["grade", "1", "5", "--force"]);
    assert_eq!(env.json("2026-03-01", &["show", "1"])["interval"], 6);
}

#[test]
fn a_follow_up_opens_once_its_parent_is_mastered() {
    let env = small();
    let err = env.fails("2026-03-01", &["grade", "2.1", "5"]);
    assert!(
        err.contains("card 2.1 is locked: master question 2 first — 3 more successful reviews"),
        "{err}"
    );
    env.ok("2026-03-01", &["grade", "2", "5"]);
    env.ok("2026-03-02", &["grade", "2", "5"]);
    assert_eq!(env.json("2026-03-02", &["show", "2.1"])["status"], "locked");
    let out = env.ok("2026-03-08", &["grade", "2", "4"]);
    assert!(out.contains("unlocked 2 follow-ups (2.1, 2.2)"), "{out}");
    assert_eq!(env.json("2026-03-08", &["show", "2"])["mastered"], true);
    let due = env.json("2026-03-08", &["due"]);
    let order = keys(&due);
    let at = order.iter().position(|k| k == "2.1").expect("2.1 offered");
    assert_eq!(
        order[at + 1],
        "2.2",
        "follow-ups stand right after each other: {order:?}"
    );
    env.ok("2026-03-08", &["grade", "2.1", "4"]);
    // The parent lapses: the introduced follow-up stays, the other waits again.
    env.ok("2026-03-25", &["grade", "2", "1"]);
    assert_eq!(env.json("2026-03-25", &["show", "2.1"])["status"], "review");
    assert_eq!(env.json("2026-03-25", &["show", "2.2"])["status"], "locked");
    assert_eq!(
        keys(&env.json("2026-03-25", &["list", "--status", "locked"])),
        ["1.1", "1.2", "2.2", "3.1"]
    );
}

#[test]
fn unlock_opens_a_follow_up_by_hand() {
    let env = small();
    env.ok("2026-03-01", &["unlock", "3.1"]);
    assert_eq!(env.json("2026-03-01", &["show", "3.1"])["status"], "new");
    env.ok("2026-03-01", &["grade", "3.1", "4"]);
}

#[test]
fn a_low_first_grade_drills_the_card_until_a_four() {
    let env = small();
    let now = "2026-03-01T10:00";
    env.ok(now, &["grade", "1", "3"]);
    let due = env.json("2026-03-01T11:00", &["due"]);
    assert_eq!(due[0]["key"], "1");
    assert_eq!(due[0]["reason"], "drill");
    env.ok("2026-03-01T11:00", &["grade", "1", "2"]);
    let after_drill = env.json("2026-03-01T11:00", &["show", "1"]);
    assert_eq!(state(&after_drill), (1, 1, 2.36, "2026-03-02".into()));
    env.ok("2026-03-01T11:05", &["grade", "1", "4"]);
    let card = env.json("2026-03-01T11:05", &["show", "1"]);
    assert_eq!(state(&card), (1, 1, 2.36, "2026-03-02".into()));
    let kinds: Vec<&str> = card["reviews"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["schedule", "drill", "drill"]);
    assert!(!keys(&env.json("2026-03-01T11:05", &["due"])).contains(&"1".to_string()));
}

#[test]
fn undo_restores_the_exact_previous_state() {
    let env = small();
    env.ok("2026-03-01", &["grade", "1", "5"]);
    let before = env.json("2026-03-02", &["show", "1"]);
    env.ok("2026-03-02", &["grade", "1", "2"]);
    let out = env.ok("2026-03-02", &["undo"]);
    assert!(
        out.starts_with("undid grade 2 of card 1 given on 2026-03-02 at 12:00;"),
        "{out}"
    );
    assert_eq!(env.json("2026-03-02", &["show", "1"]), before);
    // Yesterday's grade is not taken back by a stray `undo`.
    let err = env.fails("2026-03-02", &["undo"]);
    assert_eq!(
        err,
        "recall: the last review was on 2026-03-01; add --force to undo it\n"
    );
    env.ok("2026-03-02", &["undo", "--force"]);
    assert_eq!(env.json("2026-03-02", &["show", "1"])["status"], "new");
    let err = env.fails("2026-03-02", &["undo"]);
    assert_eq!(
        err,
        "recall: nothing to undo: no reviews and no other changes\n"
    );
}

#[test]
fn daily_limits_hold_and_cards_introduced_today_count() {
    let env = Env::new();
    env.ok("2026-03-01", &["config", "new_per_day", "4"]);
    assert_eq!(
        keys(&env.json("2026-03-01", &["due"])),
        ["1", "2", "3", "4"]
    );
    env.ok("2026-03-01", &["grade", "1", "5"]);
    env.ok("2026-03-01", &["grade", "2", "5"]);
    assert_eq!(keys(&env.json("2026-03-01", &["due"])), ["3", "4"]);
    env.ok("2026-03-01", &["config", "reviews_per_day", "1"]);
    let next_day = env.json("2026-03-02", &["due"]);
    let reasons: Vec<&str> = next_day
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["reason"].as_str().unwrap())
        .collect();
    assert_eq!(reasons, ["review", "new", "new", "new", "new"]);
    assert_eq!(next_day[0]["key"], "1");
}

#[test]
fn suspended_cards_leave_the_queue() {
    let env = small();
    env.ok("2026-03-01", &["suspend", "1"]);
    assert!(!keys(&env.json("2026-03-01", &["due"])).contains(&"1".to_string()));
    let err = env.fails("2026-03-01", &["grade", "1", "4"]);
    assert!(err.contains("card 1 is suspended"), "{err}");
    env.ok("2026-03-01", &["unsuspend", "1"]);
    assert_eq!(keys(&env.json("2026-03-01", &["due"]))[0], "1");
}

#[test]
fn the_day_rolls_over_at_four_in_the_morning() {
    let env = small();
    env.ok("2026-03-04T20:00", &["grade", "1", "4"]);
    // 02:30 on the 5th still belongs to the 4th: card 1 is not due yet.
    assert!(!keys(&env.json("2026-03-05T02:30", &["due"])).contains(&"1".to_string()));
    env.ok("2026-03-05T02:30", &["grade", "2", "4"]);
    assert_eq!(
        env.json("2026-03-05T02:30", &["show", "2"])["due"],
        "2026-03-05"
    );
    assert_eq!(env.json("2026-03-05T04:00", &["due"])[0]["key"], "1");
    env.ok("2026-03-05T04:00", &["config", "rollover_hour", "0"]);
    assert_eq!(env.json("2026-03-05T02:30", &["due"])[0]["key"], "1");
}

#[test]
fn due_dates_hold_across_a_dst_change() {
    // Europe/Berlin springs forward at 02:00 on 2026-03-29 and falls back on 2026-10-25.
    let env = Env::with_tz("Europe/Berlin");
    env.write("go.md", SMALL_DECK);
    env.ok(
        "2026-03-28T23:30",
        &["import", env.path("go.md").to_str().unwrap()],
    );
    env.ok("2026-03-28T23:30", &["grade", "1", "4"]);
    assert_eq!(
        env.json("2026-03-29T03:30", &["show", "1"])["due"],
        "2026-03-29"
    );
    // 03:30 on the 29th is still the 28th's day (rollover 4:00), even though the clock jumped.
    assert!(!keys(&env.json("2026-03-29T03:30", &["due"])).contains(&"1".to_string()));
    assert_eq!(env.json("2026-03-29T04:00", &["due"])[0]["key"], "1");
    let card = env.json("2026-03-29T04:00", &["show", "1"]);
    assert_eq!(card["reviews"][0]["day"], "2026-03-28");
    assert_eq!(card["reviews"][0]["at"], "2026-03-28T22:30:00Z");
    // The autumn fold: 02:30 happens twice, both belong to the 24th.
    env.ok("2026-10-25T02:30", &["grade", "2", "4", "--force"]);
    assert_eq!(
        env.json("2026-10-25T02:30", &["show", "2"])["reviews"][0]["day"],
        "2026-10-24"
    );
}
