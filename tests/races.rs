//! Several processes on one database at once: nothing counted twice, nobody told "database is
//! locked".

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Output, Stdio};

use crate::harness::Env;

const NOW: &str = "2026-03-02";

/// `recall --db DB --now NOW ARGS…` started, not waited for.
fn spawn(env: &Env, args: &[&str]) -> Child {
    Command::new(assert_cmd::cargo::cargo_bin("recall"))
        .env_remove("RECALL_DB")
        .env_remove("RECALL_NOW")
        .env("TZ", env.tz)
        .env("NO_COLOR", "1")
        .arg("--db")
        .arg(env.db())
        .args(["--now", NOW])
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Starts every command before waiting for any.
fn all_at_once(env: &Env, commands: &[Vec<&str>]) -> Vec<Output> {
    let children: Vec<Child> = commands.iter().map(|args| spawn(env, args)).collect();
    children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn ten_grades_of_one_new_card_at_once_record_exactly_one() {
    let env = Env::new();
    env.ok(NOW, &["decks"]);
    let outs = all_at_once(&env, &vec![vec!["grade", "5", "4"]; 10]);

    let passed = outs.iter().filter(|o| o.status.success()).count();
    assert_eq!(
        passed,
        1,
        "{:?}",
        outs.iter().map(stderr).collect::<Vec<_>>()
    );
    for out in outs.iter().filter(|o| !o.status.success()) {
        assert_eq!(out.status.code(), Some(1));
        let err = stderr(out);
        // Refused either under the lock (it changed after it was read) or at once (it had
        // already been graded when it was read): one clear line, nothing written.
        assert!(
            err == "recall: card 5 was just graded elsewhere; nothing written\n"
                || err.starts_with("recall: card 5 is not due until 2026-03-03"),
            "{err}"
        );
    }
    let card = env.json(NOW, &["show", "5"]);
    assert_eq!(card["reviews"].as_array().unwrap().len(), 1);
    assert_eq!(card["repetitions"], 1);
}

#[test]
fn thirty_first_commands_on_a_new_database_all_succeed() {
    let env = Env::new();
    let commands: Vec<Vec<&str>> = (0..30)
        .map(|i| match i % 3 {
            0 => vec!["due"],
            1 => vec!["stats"],
            _ => vec!["list", "--status", "new"],
        })
        .collect();
    let outs = all_at_once(&env, &commands);
    for out in &outs {
        assert!(out.status.success(), "{}", stderr(out));
    }
    assert_eq!(env.json(NOW, &["decks"])[0]["cards"], 480);
    assert_eq!(env.json(NOW, &["decks"]).as_array().unwrap().len(), 1);
}

#[test]
fn undo_and_import_in_parallel_wait_for_each_other() {
    let env = Env::new();
    let deck = env.write("go.md", crate::harness::SMALL_DECK);
    let deck = deck.to_str().unwrap();
    for key in ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"] {
        env.ok(NOW, &["grade", key, "4"]);
    }
    let mut commands = vec![vec!["undo"]; 15];
    commands.extend(vec![vec!["import", deck]; 5]);
    let outs = all_at_once(&env, &commands);
    for out in &outs {
        assert!(!stderr(out).contains("locked"), "{}", stderr(out));
    }
    // Ten reviews, fifteen undos: ten take one back each, five find nothing left.
    let undone = outs[..15].iter().filter(|o| o.status.success()).count();
    assert_eq!(undone, 10);
    for out in &outs[15..] {
        assert!(out.status.success(), "{}", stderr(out));
    }
    assert_eq!(env.json(NOW, &["decks"]).as_array().unwrap().len(), 2);
}

#[test]
fn a_grade_from_another_terminal_is_not_counted_again_by_the_session() {
    let env = Env::new();
    env.ok(NOW, &["decks"]);
    let mut session = Command::new(assert_cmd::cargo::cargo_bin("recall"))
        .env("TZ", env.tz)
        .env("NO_COLOR", "1")
        .arg("--db")
        .arg(env.db())
        .args(["--now", NOW, "review"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut screen = BufReader::new(session.stdout.take().unwrap());
    let mut line = String::new();
    // Wait for card 1 to be on screen.
    while !line.starts_with("Question 1") {
        line.clear();
        assert_ne!(
            screen.read_line(&mut line).unwrap(),
            0,
            "session ended early"
        );
    }
    env.ok(NOW, &["grade", "1", "5"]);
    let mut input = session.stdin.take().unwrap();
    input.write_all(b"4\nq\n").unwrap();
    drop(input);
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut screen, &mut rest).unwrap();
    assert!(session.wait().unwrap().success());

    assert!(
        rest.contains("card 1 was just graded elsewhere; nothing written."),
        "{rest}"
    );
    let card = env.json(NOW, &["show", "1"]);
    let grades: Vec<u64> = card["reviews"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["grade"].as_u64().unwrap())
        .collect();
    assert_eq!(grades, [5]);
}

/// The reviews an export to JSON holds, counted card by card.
fn reviews_in(file: &std::path::Path) -> usize {
    let export: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    export["decks"][0]["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["reviews"].as_array().unwrap().len())
        .sum()
}

#[test]
fn exports_while_grades_go_in_all_succeed_each_with_the_log_of_one_moment() {
    let env = Env::new();
    for key in 1..=10 {
        env.ok(NOW, &["grade", &key.to_string(), "4"]);
    }
    let files: Vec<String> = (0..4)
        .map(|i| {
            env.path(&format!("e{i}.json"))
                .to_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let keys: Vec<String> = (11..=20).map(|k| k.to_string()).collect();
    let mut commands: Vec<Vec<&str>> = files
        .iter()
        .map(|f| vec!["export", "json", "-o", f.as_str()])
        .collect();
    commands.extend(keys.iter().map(|k| vec!["grade", k.as_str(), "4"]));
    let outs = all_at_once(&env, &commands);
    for out in &outs {
        assert!(out.status.success(), "{}", stderr(out));
    }
    for (file, out) in files.iter().zip(&outs) {
        let reviews = reviews_in(std::path::Path::new(file));
        // The ten before, and any of the ten during, each whole: what it says it wrote.
        assert!((10..=20).contains(&reviews), "{reviews}");
        let said = String::from_utf8_lossy(&out.stdout);
        assert!(said.ends_with(&format!(", {reviews} reviews\n")), "{said}");
    }
    // Every grade went in once, waited for or not.
    let last = env.path("last.json");
    env.ok(NOW, &["export", "json", "-o", last.to_str().unwrap()]);
    assert_eq!(reviews_in(&last), 20);
}
