//! The human text of the card commands, pinned whole at a fixed clock: what a learner reads.

use crate::harness::{Env, SMALL_DECK};

/// A database holding only the small Go deck (no bundled deck), with some history.
fn learner() -> Env {
    let env = Env::new();
    let deck = env.write("go.md", SMALL_DECK);
    env.ok("2026-03-01", &["import", deck.to_str().unwrap()]);
    env.ok("2026-03-01T09:00", &["grade", "1", "5"]);
    env.ok("2026-03-02T09:00", &["grade", "1", "5"]);
    env.ok("2026-03-02T09:05", &["grade", "2", "2"]);
    env
}

#[test]
fn list() {
    insta::assert_snapshot!(learner().ok("2026-03-02T10:00", &["list"]));
}

#[test]
fn show() {
    insta::assert_snapshot!(learner().ok("2026-03-02T10:00", &["show", "1"]));
}

#[test]
fn show_locked_follow_up() {
    insta::assert_snapshot!(learner().ok("2026-03-02T10:00", &["show", "1.1"]));
}

#[test]
fn due() {
    insta::assert_snapshot!(learner().ok("2026-03-02T10:00", &["due"]));
}

#[test]
fn grade_that_masters_and_unlocks() {
    insta::assert_snapshot!(learner().ok("2026-03-08T10:00", &["grade", "1", "4"]));
}

#[test]
fn grade_in_a_drill() {
    insta::assert_snapshot!(learner().ok("2026-03-02T10:00", &["grade", "2", "3"]));
}

#[test]
fn undo() {
    insta::assert_snapshot!(learner().ok("2026-03-02T10:00", &["undo"]));
}

#[test]
fn suspend_and_unsuspend() {
    let env = learner();
    let text = env.ok("2026-03-02T10:00", &["suspend", "3"])
        + &env.ok("2026-03-02T10:00", &["suspend", "3"])
        + &env.ok("2026-03-02T10:00", &["unsuspend", "3"])
        + &env.ok("2026-03-02T10:00", &["unsuspend", "3"]);
    insta::assert_snapshot!(text);
}

#[test]
fn unlock() {
    let env = learner();
    let text = env.ok("2026-03-02T10:00", &["unlock", "2.1"])
        + &env.ok("2026-03-02T10:00", &["unlock", "2.1"]);
    insta::assert_snapshot!(text);
}
