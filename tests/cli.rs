//! The bundled deck on a fresh database, and how bad input is answered.

use crate::harness::{Env, keys};

const NOW: &str = "2026-03-02";

#[test]
fn a_fresh_database_gets_the_bundled_deck() {
    let env = Env::new();
    let cards = env.json(NOW, &["list"]);
    let cards = cards.as_array().unwrap();
    assert_eq!(cards.len(), 480);
    let mains = cards.iter().filter(|c| c["kind"] == "main").count();
    assert_eq!(mains, 80);
    let decks = env.json(NOW, &["decks"]);
    assert_eq!(decks[0]["slug"], "python-backend-interview");
    assert_eq!(
        decks[0]["title"],
        "Собеседование Python Backend разработчика"
    );
    assert_eq!(decks[0]["cards"], 480);
    assert_eq!(decks[0]["topics"], 8);
}

#[test]
fn show_json_has_the_contract_fields() {
    let env = Env::new();
    let card = env.json(NOW, &["show", "7"]);
    assert_eq!(card["deck"], "python-backend-interview");
    assert_eq!(card["key"], "7");
    assert_eq!(card["kind"], "main");
    assert_eq!(card["parent"], serde_json::Value::Null);
    assert_eq!(card["topic"], "Основы Python");
    assert_eq!(
        card["question"],
        "Объясните магические методы __new__ и __init__"
    );
    assert_eq!(card["status"], "new");
    assert_eq!(card["mastered"], false);
    assert_eq!(card["repetitions"], 0);
    assert_eq!(card["interval"], 0);
    assert_eq!(card["ease"], 2.5);
    assert_eq!(card["due"], serde_json::Value::Null);
    assert_eq!(card["lapses"], 0);
    assert_eq!(card["last_grade"], serde_json::Value::Null);
    assert_eq!(card["reviews"], serde_json::json!([]));

    let follow = env.json(NOW, &["show", "7.2"]);
    assert_eq!(follow["kind"], "followup");
    assert_eq!(follow["parent"], "7");
    assert_eq!(follow["status"], "locked");
}

#[test]
fn list_filters_by_topic_and_status() {
    let env = Env::new();
    let db = env.json(NOW, &["list", "--topic", "Базы данных", "--status", "new"]);
    assert_eq!(keys(&db).len(), 10);
    assert!(
        db.as_array()
            .unwrap()
            .iter()
            .all(|c| c["topic"] == "Базы данных")
    );
    let locked = env.json(NOW, &["list", "--status", "locked"]);
    assert_eq!(keys(&locked).len(), 400);
}

#[test]
fn bad_input_gives_one_clear_line_and_status_1() {
    let env = Env::new();
    env.ok(NOW, &["decks"]);
    let err = env.fails(NOW, &["show", "999"]);
    assert_eq!(
        err,
        "recall: no card '999': see `recall list` for the keys\n"
    );
    let err = env.fails(NOW, &["grade", "1", "6"]);
    assert_eq!(
        err,
        "recall: bad grade '6': a grade is a whole number from 0 to 5\n"
    );
    let err = env.fails(NOW, &["grade", "1.1", "4"]);
    assert_eq!(
        err,
        "recall: card 1.1 is locked: master question 1 first — 3 more successful reviews\n"
    );
    let err = env.fails("tomorrow", &["due"]);
    assert!(err.starts_with("recall: bad time 'tomorrow'"), "{err}");
    let err = env.fails(NOW, &["config", "new_per_day", "lots"]);
    assert!(err.contains("bad value 'lots' for new_per_day"), "{err}");
    // Nothing was written by the refusals.
    assert_eq!(
        env.json(NOW, &["show", "1"])["reviews"],
        serde_json::json!([])
    );
}

#[test]
fn a_first_command_whose_reader_goes_keeps_its_database() {
    // `recall list | head` on a fresh database: the reader closes before the list is out.
    // The command did its work (the bundled deck, a grade): it exits 0 and the database stays.
    let env = Env::new();
    for args in [&["list"][..], &["grade", "1", "5"]] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("recall"))
            .env_remove("RECALL_DB")
            .env("TZ", "UTC")
            .args(["--now", NOW, "--db"])
            .arg(env.db())
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        assert!(child.wait().unwrap().success(), "{args:?}");
        assert!(env.db().exists(), "{args:?}");
    }
    assert_eq!(env.json(NOW, &["show", "1"])["repetitions"], 1);
}

#[test]
fn a_failing_first_command_leaves_no_database() {
    let env = Env::new();
    for grade in ["9", "-1"] {
        let err = env.fails(NOW, &["grade", "1", grade]);
        assert_eq!(
            err,
            format!("recall: bad grade '{grade}': a grade is a whole number from 0 to 5\n")
        );
    }
    assert!(!env.db().exists());
    let err = env.fails(NOW, &["config", "new_per_day", "-5"]);
    assert!(err.contains("bad value '-5' for new_per_day"), "{err}");
    // Failing after the bundled deck went in: that goes too, WAL and all.
    let err = env.fails(NOW, &["show", "99"]);
    assert!(
        err.ends_with("recall: no card '99': see `recall list` for the keys\n"),
        "{err}"
    );
    env.fails(NOW, &["grade", "1.1", "5"]);
    let left: Vec<_> = std::fs::read_dir(env.db().parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|name| name.to_string_lossy().starts_with("recall.db"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    // A database that was there stays, as it was.
    env.ok(NOW, &["grade", "1", "5"]);
    env.fails(NOW, &["show", "99"]);
    assert_eq!(env.json(NOW, &["show", "1"])["repetitions"], 1);
}

#[test]
fn bad_usage_is_status_2() {
    let env = Env::new();
    assert_eq!(env.run(NOW, &["frobnicate"]).status.code(), Some(2));
    assert_eq!(
        env.run(NOW, &["list", "--status", "sleeping"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn a_file_that_is_not_a_database_is_refused_untouched() {
    let env = Env::new();
    std::fs::write(env.db(), "hello, I am a shopping list\n").unwrap();
    let err = env.fails(NOW, &["due"]);
    assert_eq!(
        err,
        format!(
            "recall: {}: not a recall database (not an SQLite file); pass another file with --db or RECALL_DB\n",
            env.db().display()
        )
    );
    assert_eq!(
        std::fs::read_to_string(env.db()).unwrap(),
        "hello, I am a shopping list\n"
    );
}

#[test]
fn a_database_from_a_newer_version_is_refused() {
    let env = Env::new();
    env.ok(NOW, &["decks"]);
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    let err = env.fails(NOW, &["due"]);
    assert!(
        err.contains("made by a newer version of recall (schema 99"),
        "{err}"
    );
}

#[test]
fn a_corrupt_database_says_so() {
    let env = Env::new();
    env.ok(NOW, &["decks"]);
    // Everything into the main file first (recall leaves that to SQLite's own checkpoints).
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .unwrap();
    drop(conn);
    let mut bytes = std::fs::read(env.db()).unwrap();
    for b in bytes.iter_mut().skip(100).take(8000) {
        *b = 0xA5;
    }
    std::fs::write(env.db(), bytes).unwrap();
    let out = env.run(NOW, &["list"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("recall: "), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn config_sets_and_shows_settings() {
    let env = Env::new();
    assert_eq!(env.ok(NOW, &["config", "new_per_day"]), "10\n");
    env.ok(NOW, &["config", "new_per_day", "3"]);
    assert_eq!(env.ok(NOW, &["config", "new_per_day"]), "3\n");
    let all = env.json(NOW, &["config"]);
    assert_eq!(all["new_per_day"], 3);
    assert_eq!(all["mastery.min_repetitions"], 3);
    assert_eq!(keys(&env.json(NOW, &["due"])).len(), 3);
    let err = env.fails(NOW, &["config", "colour", "blue"]);
    assert!(err.contains("unknown setting 'colour'"), "{err}");
}

#[test]
fn completions_are_printed() {
    let env = Env::new();
    let out = env.ok(NOW, &["completions", "bash"]);
    assert!(out.contains("recall"));
    assert!(out.contains("--with-progress"));
}

#[test]
fn with_two_decks_a_bare_key_that_both_have_asks_for_the_deck() {
    let env = Env::new();
    env.ok(NOW, &["decks"]); // the bundled deck
    let go = env.write("go.md", crate::harness::SMALL_DECK);
    env.ok(NOW, &["import", go.to_str().unwrap()]);
    let err = env.fails(NOW, &["grade", "1", "4"]);
    assert_eq!(
        err,
        "recall: card '1' is in several decks (python-backend-interview, go): write DECK:KEY, e.g. python-backend-interview:1\n"
    );
    env.ok(NOW, &["grade", "go:1", "4"]);
    assert_eq!(env.json(NOW, &["show", "go:1"])["repetitions"], 1);
    assert_eq!(
        env.json(NOW, &["show", "python-backend-interview:1"])["repetitions"],
        0
    );
    let go_due = env.json(NOW, &["due", "--deck", "go"]);
    assert!(go_due.as_array().unwrap().iter().all(|c| c["deck"] == "go"));
    let topic = env.json(NOW, &["due", "--topic", "Память"]);
    assert_eq!(keys(&topic), ["3"]);
    let err = env.fails(NOW, &["due", "--deck", "rust"]);
    assert_eq!(
        err,
        "recall: no deck 'rust': the decks are python-backend-interview, go\n"
    );
}

#[test]
fn a_row_recall_cannot_read_is_reported_as_damage_not_defaulted() {
    let env = Env::new();
    env.ok(NOW, &["grade", "1", "4"]);
    let db = rusqlite::Connection::open(env.db()).unwrap();
    db.execute_batch(
        "PRAGMA ignore_check_constraints = ON;
         UPDATE cards SET kind = 'weird' WHERE key = '2';
         UPDATE reviews SET answered_at = 'yesterday-ish';",
    )
    .unwrap();
    drop(db);
    let err = env.fails(NOW, &["show", "2"]);
    // What and where: the file is named, as when the damage is found on opening.
    let damaged = format!("recall: {}: the database is damaged", env.db().display());
    assert!(
        err.starts_with(&format!("{damaged} (unknown card kind 'weird')")),
        "{err}"
    );
    let err = env.fails(NOW, &["show", "1"]);
    assert!(
        err.contains("the database is damaged (bad time 'yesterday-ish')"),
        "{err}"
    );
}
