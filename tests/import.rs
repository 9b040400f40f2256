//! Importing decks: counts, identity across edits, and malformed files changing nothing.

use crate::harness::{Env, SMALL_DECK, keys};

const NOW: &str = "2026-03-02";

fn import(env: &Env, file: &str) -> String {
    env.ok(NOW, &["import", env.path(file).to_str().unwrap()])
}

#[test]
fn importing_a_deck_reports_counts_and_reimporting_writes_nothing() {
    let env = Env::new();
    let path = env.write("go.md", SMALL_DECK);
    let out = import(&env, "go.md");
    assert_eq!(
        out,
        format!(
            "{}: added 8, updated 0, retired 0, unchanged 0\n",
            path.display()
        )
    );
    let before = env.db_bytes();
    let out = import(&env, "go.md");
    assert_eq!(
        out,
        format!(
            "{}: added 0, updated 0, retired 0, unchanged 8\n",
            path.display()
        )
    );
    assert_eq!(
        env.db_bytes(),
        before,
        "re-import of an unchanged file wrote to the database"
    );
    let json = env.json(NOW, &["import", path.to_str().unwrap()]);
    assert_eq!(
        json,
        serde_json::json!({"added": 0, "updated": 0, "retired": 0, "unchanged": 8})
    );
}

#[test]
fn an_imported_deck_alone_does_not_bring_the_bundled_one() {
    let env = Env::new();
    env.write("go.md", SMALL_DECK);
    import(&env, "go.md");
    assert_eq!(
        keys(&env.json(NOW, &["list"])),
        ["1", "1.1", "1.2", "2", "2.1", "2.2", "3", "3.1"]
    );
    let card = env.json(NOW, &["show", "2"]);
    assert_eq!(card["topic"], "Основы Go");
}

#[test]
fn dry_run_reports_and_writes_nothing() {
    let env = Env::new();
    env.write("go.md", SMALL_DECK);
    env.ok(NOW, &["config", "new_per_day", "10"]); // creates the database
    let before = env.db_bytes();
    let out = env.ok(
        NOW,
        &["import", "--dry-run", env.path("go.md").to_str().unwrap()],
    );
    assert!(
        out.contains("added 8, updated 0, retired 0, unchanged 0"),
        "{out}"
    );
    assert!(out.contains("dry run: nothing was written"));
    assert_eq!(env.db_bytes(), before);
}

#[test]
fn a_typo_fix_keeps_the_card_and_its_progress() {
    let env = Env::new();
    env.write("go.md", SMALL_DECK);
    import(&env, "go.md");
    env.ok(NOW, &["grade", "2", "4"]);
    env.write(
        "go.md",
        &SMALL_DECK.replace("Как работают каналы?", "Как работают каналы в Go?"),
    );
    let out = import(&env, "go.md");
    assert!(
        out.ends_with("added 0, updated 1, retired 0, unchanged 7\n"),
        "{out}"
    );
    let card = env.json(NOW, &["show", "2"]);
    assert_eq!(card["question"], "Как работают каналы в Go?");
    assert_eq!(card["repetitions"], 1);
    assert_eq!(card["reviews"].as_array().unwrap().len(), 1);
}

#[test]
fn a_removed_question_is_retired_with_its_history() {
    let env = Env::new();
    env.write("go.md", SMALL_DECK);
    import(&env, "go.md");
    env.ok(NOW, &["grade", "3", "5"]);
    let cut = SMALL_DECK.split("## 2. Память").next().unwrap();
    env.write("go.md", cut);
    let out = import(&env, "go.md");
    assert!(
        out.ends_with("added 0, updated 0, retired 2, unchanged 6\n"),
        "{out}"
    );
    let retired = env.json(NOW, &["list", "--status", "retired"]);
    assert_eq!(keys(&retired), ["3", "3.1"]);
    assert_eq!(retired[0]["repetitions"], 1);
    assert!(!keys(&env.json(NOW, &["list"])).contains(&"3".to_string()));
    assert_eq!(env.json(NOW, &["show", "3"])["status"], "retired");
    let err = env.fails("2026-03-10", &["grade", "3", "4"]);
    assert_eq!(
        err,
        "recall: card 3 was removed from its deck (retired): its history is kept, but it takes no more reviews\n"
    );
    assert!(
        env.json("2026-03-10", &["due"])
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["key"] != "3")
    );
    // Putting the question back brings its card back, history and all.
    env.write("go.md", SMALL_DECK);
    let out = import(&env, "go.md");
    assert!(
        out.ends_with("added 0, updated 0, retired 0, unchanged 6, restored 2\n"),
        "{out}"
    );
    assert_eq!(env.json(NOW, &["show", "3"])["repetitions"], 1);
}

#[test]
fn a_question_inserted_in_the_middle_does_not_shift_progress() {
    let env = Env::new();
    env.write("go.md", SMALL_DECK);
    import(&env, "go.md");
    env.ok(NOW, &["grade", "2", "5"]);
    env.ok(NOW, &["grade", "3", "3"]);
    let inserted = SMALL_DECK
        .replace(
            "### 2. Как работают каналы?",
            "### 2. Что такое select?\n**Углубляющие вопросы:**\n1. Что делает default в select?\n\n### 3. Как работают каналы?",
        )
        .replace("### 3. Как устроен", "### 4. Как устроен");
    env.write("go.md", &inserted);
    let out = import(&env, "go.md");
    assert!(
        out.ends_with("added 2, updated 5, retired 0, unchanged 3\n"),
        "{out}"
    );
    let channels = env.json(NOW, &["show", "3"]);
    assert_eq!(channels["question"], "Как работают каналы?");
    assert_eq!(channels["last_grade"], 5);
    assert_eq!(
        env.json(NOW, &["show", "3.1"])["question"],
        "Что будет при записи в закрытый канал?"
    );
    assert_eq!(env.json(NOW, &["show", "2"])["repetitions"], 0);
    assert_eq!(env.json(NOW, &["show", "4"])["last_grade"], 3);
}

#[test]
fn a_malformed_deck_names_file_and_line_and_changes_nothing() {
    let env = Env::new();
    env.write("go.md", SMALL_DECK);
    import(&env, "go.md");
    env.ok(NOW, &["grade", "1", "4"]);
    let before = env.db_bytes();
    let bad = env.write(
        "bad.md",
        "# Broken\n\n## Topic\n\n**Углубляющие вопросы:**\n1. Orphan follow-up\n",
    );
    let err = env.fails(
        NOW,
        &[
            "import",
            env.path("go.md").to_str().unwrap(),
            bad.to_str().unwrap(),
        ],
    );
    assert_eq!(
        err,
        format!(
            "recall: {}:5: follow-up list outside a question: the heading above it asks nothing; number it (`### 3. …`) or end it with `?`\n",
            bad.display()
        )
    );
    assert_eq!(env.db_bytes(), before);
}

#[test]
fn a_malformed_deck_as_the_first_command_leaves_no_database() {
    let env = Env::new();
    let bad = env.write(
        "bad.md",
        "# Figures\n\n| Job | Time |\n|---|---|\n| import | 1 s |\n",
    );
    let err = env.fails(NOW, &["import", bad.to_str().unwrap()]);
    // One line, about the deck: no `new database at …` before it.
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with(&format!("recall: {}: no questions found (", bad.display())),
        "{err}"
    );
    assert!(!env.db().exists());
    // The same deck, fixed, creates it.
    let good = env.write("good.md", SMALL_DECK);
    env.ok(NOW, &["import", good.to_str().unwrap()]);
    assert!(env.db().exists());
}

#[test]
fn unreadable_and_empty_files_are_refused() {
    let env = Env::created();
    let missing = env.path("nope.md");
    let err = env.fails(NOW, &["import", missing.to_str().unwrap()]);
    assert!(
        err.starts_with(&format!("recall: {}: cannot read file", missing.display())),
        "{err}"
    );
    let empty = env.write("empty.md", "");
    let err = env.fails(NOW, &["import", empty.to_str().unwrap()]);
    assert_eq!(
        err,
        format!(
            "recall: {}: no questions found (the document is empty); see decks/README.md for \
             the shapes recall reads\n",
            empty.display()
        )
    );
    let binary = env.path("blob.md");
    std::fs::write(
        &binary,
        [0x7f, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0, 0x00, 0xff, 0xfe],
    )
    .unwrap();
    let err = env.fails(NOW, &["import", binary.to_str().unwrap()]);
    assert!(
        err.starts_with(&format!("recall: {}:", binary.display())),
        "{err}"
    );
    // None of it created a deck.
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    let decks: i64 = conn
        .query_row("SELECT COUNT(*) FROM decks", [], |r| r.get(0))
        .unwrap();
    assert_eq!(decks, 0);
}

#[test]
fn dry_run_shows_an_outline_and_creates_no_database() {
    let env = Env::new();
    let deck = env.write("go.md", SMALL_DECK);
    let out = env.ok(NOW, &["import", "--dry-run", deck.to_str().unwrap()]);
    assert!(
        out.starts_with(
            "Go interview (go)\n2 topics, 3 main questions, 5 follow-ups, 0 answers: 8 cards\n"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "\n  Основы Go: 2 questions, 4 follow-ups, 0 answers\n    1  Что такое горутина?\n"
        ),
        "{out}"
    );
    assert!(out.ends_with("dry run: nothing was written\n"), "{out}");
    assert!(!env.db().exists(), "a dry run created the database file");
}

#[test]
fn a_guide_written_by_level_gives_its_questions_their_levels() {
    let env = Env::new();
    let deck = env.write(
        "by-level.md",
        "# Python by level\n\n## Junior\n\n1. What is a list?\n2. What is a dict? [Senior]\n\n\
         ## Middle\n\n1. What is the GIL?\n\n## Middleware\n\n1. What does a middleware do?\n",
    );
    let path = deck.to_str().unwrap();
    let out = env.ok(NOW, &["import", "--dry-run", path]);
    assert!(
        out.contains("\nlevels: junior 1, middle 1, senior 1, unmarked 1\n"),
        "{out}"
    );
    env.ok(NOW, &["import", path]);
    let cards = env.json(NOW, &["list", "--deck", "by-level"]);
    let levels: Vec<(&str, &serde_json::Value)> = cards
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["question"].as_str().unwrap(), &c["level"]))
        .collect();
    assert_eq!(
        levels,
        [
            ("What is a list?", &serde_json::json!("junior")),
            ("What is a dict? [Senior]", &serde_json::json!("senior")),
            ("What is the GIL?", &serde_json::json!("middle")),
            ("What does a middleware do?", &serde_json::Value::Null),
        ]
    );
    // `--level junior` picks the junior question alone.
    let junior = env.json(NOW, &["list", "--deck", "by-level", "--level", "junior"]);
    assert_eq!(junior.as_array().unwrap().len(), 1, "{junior}");
}

#[test]
fn a_deck_an_older_parser_read_is_read_again_once() {
    let env = Env::new();
    let deck = env.write(
        "by-level.md",
        "# Python\n\n## Junior\n\n1. What is a list?\n2. What is a dict?\n",
    );
    let path = deck.to_str().unwrap();
    env.ok(NOW, &["import", path]);
    // As a version of recall whose parser gave no levels left it: the same bytes, its
    // fingerprint without this parser's revision.
    let db = rusqlite::Connection::open(env.db()).unwrap();
    db.execute_batch(
        "UPDATE decks SET fingerprint = '0.1.0:' || substr(fingerprint, instr(fingerprint, ':') + 1)
           WHERE slug = 'by-level';
         UPDATE cards SET level = NULL;",
    )
    .unwrap();
    drop(db);
    let out = env.ok(NOW, &["import", path]);
    assert!(
        out.contains("added 0, updated 2, retired 0, unchanged 0"),
        "{out}"
    );
    let cards = env.json(NOW, &["list", "--deck", "by-level"]);
    assert!(
        cards
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["level"] == "junior"),
        "{cards}"
    );
    // Once read, the same file is known unchanged again.
    let out = env.ok(NOW, &["import", path]);
    assert!(out.contains("unchanged 2"), "{out}");
}
