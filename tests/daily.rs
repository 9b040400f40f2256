//! What a daily learner reaches for: search, notes, cram, more new cards, deck removal,
//! undo of any change, first-use lines, Russian-layout keys.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::harness::{Env, SMALL_DECK, keys};

const NOW: &str = "2026-03-02";

fn go(env: &Env) {
    let deck = env.write("go.md", SMALL_DECK);
    env.ok(NOW, &["import", deck.to_str().unwrap()]);
}

/// `recall ARGS…` with `input` on stdin; returns (status, stdout, stderr).
fn with_input(env: &Env, args: &[&str], input: &str) -> (i32, String, String) {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("recall"))
        .env("TZ", "UTC")
        .env("NO_COLOR", "1")
        .arg("--db")
        .arg(env.db())
        .args(["--now", NOW])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn first_use_says_where_the_database_is_and_what_came_in() {
    let env = Env::new();
    let out = env.run(NOW, &["due"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "recall: new database at {}\nrecall: imported the bundled deck: 480 cards, 80 questions, 400 follow-ups\n",
            env.db().display()
        )
    );
    let again = env.run(NOW, &["due"]);
    assert_eq!(String::from_utf8_lossy(&again.stderr), "");
}

#[test]
fn search_finds_any_case_in_any_script_and_any_field() {
    let env = Env::new();
    go(&env);
    env.ok(
        NOW,
        &["note", "3", "Сборщик работает ПАРАЛЛЕЛЬНО с программой"],
    );
    let found = env.json(NOW, &["search", "ГОРУТИН"]);
    assert_eq!(keys(&found), ["1", "1.1", "1.2"]);
    assert_eq!(keys(&env.json(NOW, &["search", "параллельно"])), ["3"]);
    let text = env.ok(NOW, &["search", "параллельно"]);
    assert!(
        text.contains("note: Сборщик работает ПАРАЛЛЕЛЬНО"),
        "{text}"
    );
    assert_eq!(
        env.ok(NOW, &["search", "kubernetes"]),
        "no card holds 'kubernetes'\n"
    );
    // The bundled deck's answers are searched too.
    let bundled = Env::new();
    let hits = bundled.json(NOW, &["search", "TaskGroup"]);
    assert!(keys(&hits).contains(&"12".to_string()), "{hits}");
}

#[test]
fn notes_are_set_read_from_stdin_and_cleared() {
    let env = Env::new();
    go(&env);
    assert_eq!(
        env.ok(NOW, &["note", "2", "закрытый канал: panic"]),
        "2: note saved\n"
    );
    assert_eq!(
        env.json(NOW, &["show", "2"])["note"],
        "закрытый канал: panic"
    );
    let (status, out, _) = with_input(&env, &["note", "2"], "из stdin\nвторая строка\n");
    assert_eq!((status, out.as_str()), (0, "2: note saved\n"));
    assert_eq!(
        env.json(NOW, &["show", "2"])["note"],
        "из stdin\nвторая строка"
    );
    assert!(
        env.ok(NOW, &["show", "2"])
            .contains("Your note:\nиз stdin\n")
    );
    // Empty input removes nothing: that takes --clear.
    let (status, _, err) = with_input(&env, &["note", "2"], "");
    assert_eq!(
        (status, err.as_str()),
        (
            1,
            "recall: no note text on standard input; to remove the note, use --clear\n"
        )
    );
    assert_eq!(
        env.json(NOW, &["show", "2"])["note"],
        "из stdin\nвторая строка"
    );
    assert_eq!(env.ok(NOW, &["note", "2", "--clear"]), "2: note removed\n");
    assert_eq!(
        env.json(NOW, &["show", "2"])["note"],
        serde_json::Value::Null
    );
}

#[test]
fn cram_logs_its_grades_and_changes_no_schedule() {
    let env = Env::new();
    go(&env);
    env.ok(NOW, &["grade", "1", "4"]);
    let before = env.json(NOW, &["list"]);
    let (status, out, _) = with_input(&env, &["cram", "--status", "review"], "2\n");
    assert_eq!(status, 0, "{out}");
    assert!(out.contains("Reviewed 1 card."), "{out}");
    let mut after = env.json(NOW, &["list"]);
    assert_eq!(after, before, "cram changed a card");
    let card = env.json(NOW, &["show", "1"]);
    let kinds: Vec<&str> = card["reviews"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["schedule", "cram"]);
    assert!(env.ok(NOW, &["history"]).contains("2 reviews on 1 day"));
    // Locked follow-ups only with --status all.
    let (_, out, _) = with_input(&env, &["cram"], "q\n");
    assert!(out.contains("1/3"), "{out}");
    let (_, out, _) = with_input(&env, &["cram", "--status", "all"], "q\n");
    assert!(out.contains("1/8"), "{out}");
    after = env.json(NOW, &["list"]);
    assert_eq!(after, before);
}

#[test]
fn extra_new_cards_show_in_due_for_the_rest_of_the_day() {
    let env = Env::new();
    env.ok(NOW, &["config", "new_per_day", "2"]);
    assert_eq!(env.json(NOW, &["due"]).as_array().unwrap().len(), 2);
    let out = env.run(NOW, &["review", "--extra-new", "3", "--limit", "0"]);
    assert!(out.status.success());
    assert_eq!(env.json(NOW, &["due"]).as_array().unwrap().len(), 5);
    assert_eq!(
        env.json("2026-03-03", &["due"]).as_array().unwrap().len(),
        2
    );
}

#[test]
fn a_deck_is_removed_only_when_confirmed() {
    let env = Env::new();
    env.ok(NOW, &["grade", "1", "4"]);
    go(&env);
    env.ok(NOW, &["grade", "go:1", "5"]);
    let err = env.fails(NOW, &["decks", "remove", "go"]);
    assert!(err.contains("needs confirmation: add --yes"), "{err}");
    assert_eq!(env.json(NOW, &["decks"]).as_array().unwrap().len(), 2);
    let out = env.ok(NOW, &["decks", "remove", "go", "--yes"]);
    assert_eq!(
        out,
        "removed the deck go (8 cards) and the review history of its cards\n"
    );
    let decks = env.json(NOW, &["decks"]);
    assert_eq!(decks.as_array().unwrap().len(), 1);
    assert_eq!(env.json(NOW, &["show", "1"])["repetitions"], 1);
    let err = env.fails(NOW, &["decks", "remove", "go", "--yes"]);
    assert!(err.starts_with("recall: no deck 'go'"), "{err}");
}

#[test]
fn the_bundled_deck_once_removed_does_not_come_back() {
    let env = Env::new();
    env.ok(NOW, &["grade", "1", "4"]);
    let out = env.ok(
        NOW,
        &["decks", "remove", "python-backend-interview", "--yes"],
    );
    assert!(
        out.ends_with("No decks left. Add one with `recall import FILE`; a new database (--db) starts with the bundled deck again.\n"),
        "{out}"
    );
    let out = env.run(NOW, &["decks"]);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "No decks. Add one with `recall import FILE`.\n"
    );
    assert_eq!(env.json(NOW, &["due"]), serde_json::json!([]));
    // Imported by hand, it is there again, from zero.
    let deck =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("decks/python-backend-interview.md");
    env.ok(NOW, &["import", deck.to_str().unwrap()]);
    assert_eq!(env.json(NOW, &["show", "1"])["repetitions"], 0);
}

#[test]
fn undo_takes_back_a_suspend_and_an_unlock_and_not_yesterdays_work() {
    let env = Env::new();
    go(&env);
    env.ok(NOW, &["grade", "1", "4"]);
    env.ok(NOW, &["suspend", "2"]);
    env.ok(NOW, &["unlock", "3.1"]);
    assert_eq!(
        env.ok(NOW, &["undo"]),
        "undid the unlock of card 3.1 made on 2026-03-02; status: locked\n"
    );
    assert_eq!(
        env.ok(NOW, &["undo"]),
        "undid the suspend of card 2 made on 2026-03-02; status: new\n"
    );
    assert!(
        env.ok(NOW, &["undo"])
            .starts_with("undid grade 4 of card 1")
    );
    env.ok(NOW, &["suspend", "3"]);
    let err = env.fails("2026-03-03", &["undo"]);
    assert_eq!(
        err,
        "recall: the last change was on 2026-03-02; add --force to undo it\n"
    );
    env.ok("2026-03-03", &["undo", "--force"]);
    assert_eq!(env.json(NOW, &["show", "3"])["status"], "new");
}

#[test]
fn russian_layout_keys_work_in_plain_lines() {
    let env = Env::new();
    go(&env);
    // т = n (note), ы = s (suspend), then 4 for card 2, г = u (undo), й = q (quit).
    let (status, out, _) = with_input(&env, &["review"], "т\nзаметка\nы\n4\nг\nй\n");
    assert_eq!(status, 0, "{out}");
    assert!(out.contains("Note saved."), "{out}");
    assert!(out.contains("Suspended 1."), "{out}");
    assert!(out.contains("Took back grade 4 of 2."), "{out}");
    assert_eq!(env.json(NOW, &["show", "1"])["status"], "suspended");
    assert_eq!(env.json(NOW, &["show", "1"])["note"], "заметка");
    assert_eq!(env.json(NOW, &["show", "2"])["repetitions"], 0);
}

#[test]
fn loose_ends_csv_progress_and_usage_with_the_environment() {
    let env = Env::new();
    let err = env.fails(NOW, &["export", "csv", "--with-progress", "-o", "x.csv"]);
    assert!(err.contains("a CSV carries no progress"), "{err}");
    // RECALL_DB set: a usage error does not show --db as if it were required.
    let out = Command::new(assert_cmd::cargo::cargo_bin("recall"))
        .env("RECALL_DB", env.db())
        .env("RECALL_NOW", NOW)
        .arg("grade")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("Usage: recall grade <CARD> <GRADE>\n"),
        "{err}"
    );
    // ...and both are still read from it.
    let out = Command::new(assert_cmd::cargo::cargo_bin("recall"))
        .env("RECALL_DB", env.db())
        .env("RECALL_NOW", NOW)
        .args(["grade", "1", "4"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(env.json(NOW, &["show", "1"])["reviews"][0]["day"], NOW);
}

#[test]
fn due_says_when_the_daily_limit_holds_reviews_back() {
    let env = Env::new();
    for key in ["1", "2", "3", "4"] {
        env.ok("2026-03-01", &["grade", key, "4"]);
    }
    env.ok("2026-03-01", &["config", "reviews_per_day", "3"]);
    let due = env.ok("2026-03-02", &["due"]);
    assert!(
        due.starts_with("2026-03-02: 13 due — 0 drill, 3 review, 10 new\n"),
        "{due}"
    );
    assert!(
        due.ends_with(
            "More reviews are due than reviews_per_day (3) lets through today; `recall config reviews_per_day N` lets more\n"
        ),
        "{due}"
    );
    // Under the limit, nothing is said.
    env.ok("2026-03-02", &["config", "reviews_per_day", "200"]);
    assert!(!env.ok("2026-03-02", &["due"]).contains("More reviews"));
}
