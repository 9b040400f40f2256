//! Hostile paths and input (the numbered cases of the issue): nothing clobbered, no panic,
//! nothing injected into the terminal.

use std::io::Read;
use std::process::{Command, Stdio};

use crate::harness::{Env, SMALL_DECK, mkfifo};

const NOW: &str = "2026-03-02";

fn path(env: &Env, name: &str) -> String {
    env.path(name).to_str().unwrap().to_string()
}

#[test]
fn an_export_onto_the_database_is_refused_and_changes_nothing() {
    let env = Env::new();
    env.ok(NOW, &["grade", "1", "5"]);
    let before = env.db_bytes();
    let db = env.db().to_str().unwrap().to_string();
    for target in [db.clone(), format!("{db}-wal")] {
        let err = env.fails(NOW, &["export", "csv", "-o", &target]);
        assert!(err.contains("refusing to overwrite the database"), "{err}");
    }
    std::os::unix::fs::symlink(env.db(), env.path("link.csv")).unwrap();
    let err = env.fails(NOW, &["export", "json", "-o", &path(&env, "link.csv")]);
    assert!(err.contains("refusing to overwrite the database"), "{err}");
    assert_eq!(env.db_bytes(), before);
    assert_eq!(env.json(NOW, &["show", "1"])["repetitions"], 1);
}

#[test]
fn an_export_through_a_link_writes_its_target_and_the_link_stays() {
    let env = Env::new();
    std::os::unix::fs::symlink("real.csv", env.path("link.csv")).unwrap();
    env.ok(NOW, &["export", "csv", "-o", &path(&env, "link.csv")]);
    let link = std::fs::symlink_metadata(env.path("link.csv")).unwrap();
    assert!(link.file_type().is_symlink());
    let text = std::fs::read_to_string(env.path("real.csv")).unwrap();
    assert_eq!(text.lines().filter(|l| !l.starts_with('#')).count(), 480);
}

#[test]
fn an_export_into_a_fifo_is_written_in_place() {
    let env = Env::new();
    let fifo = env.path("pipe");
    mkfifo(&fifo);
    let reader = std::thread::spawn({
        let fifo = fifo.clone();
        move || {
            let mut text = String::new();
            std::fs::File::open(fifo)
                .unwrap()
                .read_to_string(&mut text)
                .unwrap();
            text
        }
    });
    env.ok(NOW, &["export", "json", "-o", fifo.to_str().unwrap()]);
    let text = reader.join().unwrap();
    assert!(text.starts_with("{"), "{}", &text[..text.len().min(40)]);
    let meta = std::fs::symlink_metadata(&fifo).unwrap();
    assert!(!meta.is_file(), "the FIFO was replaced by a file");
}

#[test]
fn dash_writes_the_export_to_standard_output() {
    let env = Env::new();
    let out = env.run(NOW, &["export", "json", "-o", "-"]);
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["decks"][0]["cards"].as_array().unwrap().len(), 480);
    assert!(String::from_utf8_lossy(&out.stderr).contains("wrote standard output"));
    assert!(!env.path("-").exists());
    let dir = env.dir.path().display();
    let err = env.fails(NOW, &["export", "csv", "-o", &dir.to_string()]);
    assert_eq!(
        err,
        format!("recall: {dir} is a directory: name a file in it\n")
    );
}

/// Reads tab-separated RFC 4180 text: quoted fields may hold tabs, quotes and line breaks.
fn rfc4180_rows(text: &str) -> Vec<Vec<String>> {
    let mut rows = vec![];
    let mut row = vec![];
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, '\t') => row.push(std::mem::take(&mut field)),
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    rows
}

#[test]
fn csv_fields_that_start_with_a_quote_stay_in_their_row() {
    let env = Env::new();
    let deck = SMALL_DECK.replace("# Go interview", "# \"Go\" interview\t(tab)");
    let file = env.write("\"quoted.md", &deck);
    env.ok(NOW, &["import", file.to_str().unwrap()]);
    env.ok(NOW, &["export", "csv", "-o", &path(&env, "out.csv")]);
    let text = std::fs::read_to_string(env.path("out.csv")).unwrap();
    let body: String = text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect();
    let rows = rfc4180_rows(&body);
    assert_eq!(rows.len(), 8);
    for row in &rows {
        assert_eq!(row.len(), 9, "{row:?}");
        assert!(row[2].starts_with("\"Go\" interview (tab)::"), "{row:?}");
    }
}

#[test]
fn import_refuses_what_is_not_a_regular_file() {
    let env = Env::new();
    let fifo = env.path("pipe.md");
    mkfifo(&fifo);
    for target in [fifo.to_str().unwrap(), "/dev/zero"] {
        let err = env.fails(NOW, &["import", target]);
        assert!(err.contains("is not a regular file"), "{err}");
    }
    let err = env.fails(NOW, &["import", env.dir.path().to_str().unwrap()]);
    assert!(err.contains("is a directory"), "{err}");
}

#[test]
fn two_sections_with_one_name_are_one_topic() {
    let env = Env::new();
    let file = env.write(
        "twice.md",
        "# T\n\n## A\n\n### 1. One?\n\n## B\n\n### 2. Two?\n\n## A\n\n### 3. Three?\n",
    );
    env.ok(NOW, &["import", file.to_str().unwrap()]);
    let stats = env.json(NOW, &["stats"]);
    let topics: Vec<(&str, u64)> = stats["topics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["topic"].as_str().unwrap(), t["cards"].as_u64().unwrap()))
        .collect();
    assert_eq!(topics, [("A", 2), ("B", 1)]);
}

#[test]
fn another_programs_sqlite_file_is_left_byte_for_byte() {
    let env = Env::new();
    let other = env.path("other.sqlite");
    let conn = rusqlite::Connection::open(&other).unwrap();
    conn.execute_batch(
        "CREATE TABLE photos (id INTEGER PRIMARY KEY); INSERT INTO photos VALUES (1);",
    )
    .unwrap();
    drop(conn);
    let before = std::fs::read(&other).unwrap();
    let out = Command::new(assert_cmd::cargo::cargo_bin("recall"))
        .args(["--db", other.to_str().unwrap(), "--now", NOW, "due"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a recall database"));
    assert_eq!(std::fs::read(&other).unwrap(), before);
    assert!(!env.path("other.sqlite-wal").exists());
}

#[test]
fn times_outside_the_calendar_are_refused_without_a_panic() {
    for (tz, now) in [
        ("America/Los_Angeles", "+262142-12-31T23:59"),
        ("UTC", "-262143-01-01"),
        ("UTC", "+10000-01-01"),
        ("Pacific/Kiritimati", "9999-12-31T23:00:00Z"),
    ] {
        let env = Env::with_tz(tz);
        // `--now=…`: a value starting with `-` would otherwise read as an option.
        let out = env.cmd(&[&format!("--now={now}"), "due"]).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{now}: {err}");
        assert!(err.starts_with("recall: time out of range"), "{now}: {err}");
    }
}

#[test]
fn intervals_stop_at_a_hundred_years_and_the_card_stays_scheduled() {
    let env = Env::new();
    for _ in 0..17 {
        env.ok(NOW, &["grade", "1", "5", "--force"]);
    }
    let card = env.json(NOW, &["show", "1"]);
    assert_eq!(card["interval"], 36500);
    assert_eq!(card["due"], "2126-02-06");
    let due = env.json("2126-02-06", &["due"]);
    assert!(due.as_array().unwrap().iter().any(|c| c["key"] == "1"));
}

#[test]
fn numeric_options_have_ranges() {
    let env = Env::new();
    for args in [
        ["forecast", "--days", "100000000"],
        ["history", "--weeks", "0"],
        ["review", "--limit", "-1"],
    ] {
        let out = env.run(NOW, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn file_names_can_neither_drive_the_terminal_nor_make_untypeable_keys() {
    let env = Env::new();
    let evil = env.write("evil\u{1b}]0;pwned\u{7}.md", SMALL_DECK);
    let out = env.ok(NOW, &["import", evil.to_str().unwrap()]);
    assert!(
        !out.contains('\u{1b}') && out.contains("evil\\e]0;pwned\\a.md"),
        "{out:?}"
    );
    let decks = env.ok(NOW, &["decks"]);
    assert!(
        !decks.contains('\u{1b}') && !decks.contains('\u{7}'),
        "{decks:?}"
    );
    let colon = env.write("go:basics.md", SMALL_DECK);
    env.ok(NOW, &["import", colon.to_str().unwrap()]);
    let list = env.ok(NOW, &["list", "--deck", "go-basics"]);
    assert!(list.starts_with("go-basics:1 "), "{list}");
    env.ok(NOW, &["grade", "go-basics:1", "4"]);
}

#[test]
fn two_files_with_one_deck_name_are_refused_in_either_order() {
    let env = Env::new();
    std::fs::create_dir(env.path("a")).unwrap();
    std::fs::create_dir(env.path("b")).unwrap();
    let a = env.write("a/deck.md", SMALL_DECK);
    let b = env.write("b/deck.md", &SMALL_DECK.replace("горутина", "goroutine"));
    env.ok(NOW, &["import", a.to_str().unwrap()]);
    for (x, y) in [(&a, &b), (&b, &a)] {
        let err = env.fails(NOW, &["import", x.to_str().unwrap(), y.to_str().unwrap()]);
        assert!(err.contains("are both deck 'deck'"), "{err}");
    }
    assert_eq!(
        env.json(NOW, &["show", "1"])["question"],
        "Что такое горутина?"
    );
}

#[test]
fn a_closed_pipe_ends_the_command_quietly() {
    let env = Env::new();
    env.ok(NOW, &["decks"]);
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("recall"))
        .args([
            "--db",
            env.db().to_str().unwrap(),
            "--now",
            NOW,
            "list",
            "--json",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 64];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn a_full_disk_is_named_as_the_cause() {
    let env = Env::new();
    env.ok(NOW, &["decks"]);
    for format in ["json", "csv", "anki"] {
        let err = env.fails(NOW, &["export", format, "-o", "/dev/full"]);
        assert_eq!(
            err,
            "recall: export to /dev/full failed; nothing was written: cannot write /dev/full: No space left on device (os error 28)\n",
            "{format}"
        );
    }
}

#[test]
fn an_export_into_a_missing_directory_names_the_directory() {
    let env = Env::new();
    env.ok(NOW, &["decks"]);
    let gone = env.path("gone");
    let file = gone.join("deck.apkg");
    let err = env.fails(NOW, &["export", "anki", "-o", file.to_str().unwrap()]);
    assert_eq!(
        err,
        format!(
            "recall: export to {} failed; nothing was written: cannot write {}: the directory {} does not exist\n",
            file.display(),
            file.display(),
            gone.display()
        )
    );
    assert!(!gone.exists());
}

#[test]
fn a_note_keeps_no_control_characters() {
    let env = Env::new();
    env.ok(NOW, &["note", "1", "red \u{1b}[31malert\u{7}\nsecond line"]);
    let note = env.json(NOW, &["show", "1"])["note"].clone();
    assert_eq!(note, "red [31malert\nsecond line");
}

#[test]
fn a_database_named_like_a_uri_is_the_file_it_names() {
    let env = Env::new();
    env.ok(NOW, &["grade", "1", "4"]);
    let before = env.db_bytes();
    let run = |args: &[&str]| {
        Command::new(assert_cmd::cargo::cargo_bin("recall"))
            .current_dir(env.dir.path())
            .args(["--now", NOW])
            .args(args)
            .output()
            .unwrap()
    };
    // SQLite would read `file:recall.db` as a URI for recall.db, and the export's guard
    // would not see the database behind it. It is a file of that name.
    let out = run(&["--db", "file:recall.db", "grade", "2", "4"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(env.path("file:recall.db").is_file());
    assert_eq!(env.db_bytes(), before);
    let out = run(&[
        "--db",
        "file:recall.db",
        "export",
        "anki",
        "-o",
        "file:recall.db",
    ]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    // `:memory:` would keep nothing; it is a file too, and the grade is in it.
    let out = run(&["--db", ":memory:", "grade", "1", "4"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let out = run(&["--db", ":memory:", "--json", "show", "1"]);
    let card: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(card["repetitions"], 1);
}

#[test]
fn a_fifo_or_a_device_as_the_database_is_refused_at_once() {
    let env = Env::new();
    let fifo = env.path("pipe.db");
    mkfifo(&fifo);
    for db in [fifo.to_str().unwrap(), "/dev/null"] {
        let out = Command::new(assert_cmd::cargo::cargo_bin("recall"))
            .args(["--db", db, "--now", NOW, "stats"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            format!(
                "recall: {db}: not a recall database (not a regular file); pass another file \
                 with --db or RECALL_DB\n"
            )
        );
    }
}

#[test]
fn endless_input_is_refused_rather_than_held() {
    let env = Env::created();
    let zero = || std::fs::File::open("/dev/zero").unwrap();
    let run = |args: &[&str], stdin: std::fs::File| {
        Command::new(assert_cmd::cargo::cargo_bin("recall"))
            .args(["--db", env.db().to_str().unwrap(), "--now", NOW])
            .args(args)
            .stdin(stdin)
            .output()
            .unwrap()
    };
    let deck = env.write("deck.md", "# D\n\n### 1. Why?\n\nBecause.\n");
    // A long note of two-byte letters is refused as long, not as broken UTF-8.
    let letters = env.write("letters.txt", &"я".repeat(150_000));
    let letters = || std::fs::File::open(&letters).unwrap();
    let expected = [
        (
            run(&["note", "1"], letters()),
            "recall: the note is over 256 KiB: a note is a few lines of your own\n".to_string(),
        ),
        (
            run(&["note", "1"], zero()),
            "recall: the note is over 256 KiB: a note is a few lines of your own\n".to_string(),
        ),
        (
            run(&["review"], zero()),
            "recall: a line of input over 64 KiB is no answer: the session stops here, with \
             every grade before it saved\n"
                .to_string(),
        ),
        (
            run(
                &["import", deck.to_str().unwrap(), "--answers", "/dev/zero"],
                std::fs::File::open("/dev/null").unwrap(),
            ),
            "recall: /dev/zero is not a regular file (a pipe or a device?): save it to a file \
             first\n"
                .to_string(),
        ),
    ];
    for (out, message) in expected {
        assert_eq!(out.status.code(), Some(1));
        // After the first command's line about the bundled deck.
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.ends_with(&message), "{stderr}");
    }
}

#[test]
fn an_export_to_dev_stdout_through_a_pipe_is_written_to_the_pipe() {
    let env = Env::created();
    let out = env
        .cmd(&["export", "json", "-o", "/dev/stdout"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["version"], 1);
}
