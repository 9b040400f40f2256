//! Answers on the back: the bundled deck's reference answers, and answer files for any deck.

use crate::harness::{Env, SMALL_DECK};

const NOW: &str = "2026-03-02";

const GO_ANSWERS: &str = "# Ответы

## 1. Что такое горутина?

Лёгкий поток, которым управляет рантайм Go.

## 1.1

Стек растёт от нескольких КБ.

## 9. Нет такого вопроса

x

## 2. Как работают каналы, если их закрыть?

y
";

#[test]
fn every_card_of_the_bundled_deck_has_an_answer() {
    let env = Env::new();
    let cards = env.json(NOW, &["list"]);
    let cards = cards.as_array().unwrap();
    assert_eq!(cards.len(), 480);
    let missing: Vec<&str> = cards
        .iter()
        .filter(|c| c["answer"].as_str().is_none_or(|a| a.trim().is_empty()))
        .map(|c| c["key"].as_str().unwrap())
        .collect();
    assert!(missing.is_empty(), "no answer for {missing:?}");
}

#[test]
fn the_bundled_deck_is_still_the_guide_byte_for_byte() {
    let ours = include_bytes!("../decks/python-backend-interview.md");
    let seed = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/seed/python-backend-interview.md");
    // The seed lives beside the repository on the team's machines; a bare clone has only ours.
    if let Ok(seed) = std::fs::read(seed) {
        assert!(
            ours[..] == seed[..],
            "decks/python-backend-interview.md differs from the seed"
        );
    }
    // Whatever the machine: the answers live in their own file, never in the deck.
    let text = String::from_utf8_lossy(ours);
    assert!(!text.contains("**Ответ:**"));
}

#[test]
fn a_dry_run_in_json_prints_the_json_alone_and_its_warnings_on_stderr() {
    let env = Env::new();
    let deck = env.write("go.md", SMALL_DECK);
    env.write("go.answers.md", GO_ANSWERS);
    let out = env.run(
        NOW,
        &["import", "--dry-run", "--json", deck.to_str().unwrap()],
    );
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let counts: serde_json::Value = serde_json::from_str(&stdout).expect(&stdout);
    assert_eq!(
        counts,
        serde_json::json!({"added": 8, "updated": 0, "retired": 0, "unchanged": 0})
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 2, "{stderr}");
    assert!(
        stderr.contains(":11: warning: no card 9 in the deck"),
        "{stderr}"
    );
    assert!(!env.db().exists(), "a dry run created the database file");
}

#[test]
fn a_copy_of_the_deck_without_its_answer_file_keeps_the_answers() {
    let env = Env::created();
    let deck = env.write("go.md", SMALL_DECK);
    env.write("go.answers.md", GO_ANSWERS);
    env.ok(NOW, &["import", deck.to_str().unwrap()]);
    let answered = env.json(NOW, &["show", "1"])["answer"].clone();
    assert!(answered.is_string());

    // The copy, with a typo fixed, and no answer file beside it.
    let copy = env.path("copy").join("go.md");
    std::fs::create_dir(copy.parent().unwrap()).unwrap();
    std::fs::write(&copy, SMALL_DECK.replace("горутина?", "горутина?!")).unwrap();
    let out = env.run(NOW, &["import", copy.to_str().unwrap()]);
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    let beside = env.path("copy").join("go.answers.md");
    assert_eq!(
        stderr,
        format!(
            "recall: {} updates deck 'go', imported before from {} (a deck is named by its file name); to keep both, rename one file\n\
             recall: {}: no answers in it and no {} beside it: 2 cards keep the answers they had\n",
            copy.display(),
            deck.canonicalize().unwrap().display(),
            copy.display(),
            beside.display()
        )
    );
    assert_eq!(env.json(NOW, &["show", "1"])["answer"], answered);

    // An empty answer file says there are none.
    std::fs::write(&beside, "").unwrap();
    env.ok(NOW, &["import", copy.to_str().unwrap()]);
    assert_eq!(
        env.json(NOW, &["show", "1"])["answer"],
        serde_json::Value::Null
    );
}

#[test]
fn an_answer_file_beside_the_deck_fills_the_backs_and_warns_with_lines() {
    let env = Env::created();
    let deck = env.write("go.md", SMALL_DECK);
    env.write("go.answers.md", GO_ANSWERS);
    let out = env.run(NOW, &["import", deck.to_str().unwrap()]);
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    let answers = env.path("go.answers.md").display().to_string();
    assert_eq!(
        stderr,
        format!(
            "recall: {answers}:11: warning: no card 9 in the deck; answer not used\n\
             recall: {answers}:15: warning: the answer for 2 repeats the question \"Как работают каналы, если их закрыть?\", but the deck now asks \"Как работают каналы?\"; answer not used\n"
        )
    );
    let card = env.json(NOW, &["show", "1"]);
    assert_eq!(
        card["answer"],
        "Лёгкий поток, которым управляет рантайм Go."
    );
    assert_eq!(
        env.json(NOW, &["show", "1.1"])["answer"],
        "Стек растёт от нескольких КБ."
    );
    assert_eq!(
        env.json(NOW, &["show", "2"])["answer"],
        serde_json::Value::Null
    );
}

#[test]
fn answers_named_elsewhere_with_the_flag() {
    let env = Env::new();
    let deck = env.write("go.md", SMALL_DECK);
    let answers = env.write(
        "mine.md",
        "## 3\n\nТрёхцветный concurrent mark-and-sweep.\n",
    );
    env.ok(
        NOW,
        &[
            "import",
            deck.to_str().unwrap(),
            "--answers",
            answers.to_str().unwrap(),
        ],
    );
    assert_eq!(
        env.json(NOW, &["show", "3"])["answer"],
        "Трёхцветный concurrent mark-and-sweep."
    );
}

#[test]
fn an_edited_answer_updates_the_card_and_keeps_its_progress() {
    let env = Env::new();
    let deck = env.write("go.md", SMALL_DECK);
    env.write("go.answers.md", "## 1\n\nold answer\n");
    env.ok(NOW, &["import", deck.to_str().unwrap()]);
    env.ok(NOW, &["grade", "1", "5"]);
    let before = env.json(NOW, &["show", "1"]);
    let export = env.path("go.apkg");
    env.ok(NOW, &["export", "anki", "-o", export.to_str().unwrap()]);
    let first = std::fs::read(&export).unwrap();

    env.write("go.answers.md", "## 1\n\nnew answer\n");
    let out = env.ok("2026-03-03", &["import", deck.to_str().unwrap()]);
    assert!(
        out.contains("added 0, updated 1, retired 0, unchanged 7"),
        "{out}"
    );
    let after = env.json("2026-03-03", &["show", "1"]);
    assert_eq!(after["answer"], "new answer");
    for field in ["repetitions", "interval", "ease", "due", "reviews"] {
        assert_eq!(after[field], before[field], "{field}");
    }
    env.ok(
        "2026-03-03",
        &["export", "anki", "-o", export.to_str().unwrap()],
    );
    assert_ne!(
        std::fs::read(&export).unwrap(),
        first,
        "the re-export did not change"
    );
}

#[test]
fn an_answer_file_named_alone_is_sent_to_its_deck() {
    let env = Env::new();
    env.write("go.md", SMALL_DECK);
    let answers = env.write("go.answers.md", GO_ANSWERS);
    let err = env.fails(NOW, &["import", answers.to_str().unwrap()]);
    assert!(err.contains("is an answer file: import its deck"), "{err}");
    // With its deck in the same command (a shell glob), it simply comes along.
    let deck = env.path("go.md");
    env.ok(
        NOW,
        &["import", deck.to_str().unwrap(), answers.to_str().unwrap()],
    );
    assert_eq!(env.json(NOW, &["decks"]).as_array().unwrap().len(), 1);
}

#[test]
fn a_database_from_before_the_answers_gets_them_and_keeps_its_progress() {
    let env = Env::new();
    env.ok(NOW, &["grade", "1", "4"]);
    // As an earlier recall left it: the bundled deck without answers, another fingerprint.
    let db = rusqlite::Connection::open(env.db()).unwrap();
    db.execute_batch("UPDATE cards SET answer = NULL; UPDATE decks SET fingerprint = 'old';")
        .unwrap();
    drop(db);
    let card = env.json(NOW, &["show", "1"]);
    assert!(card["answer"].as_str().is_some_and(|a| a.contains("list")));
    assert_eq!(card["repetitions"], 1);
    assert_eq!(card["reviews"].as_array().unwrap().len(), 1);
}

#[test]
fn the_bundled_deck_taken_up_from_its_own_file_says_nothing_more() {
    let env = Env::created();
    env.ok(NOW, &["list"]);
    let deck = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/decks/python-backend-interview.md"
    );
    let out = env.run(NOW, &["import", deck]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}
