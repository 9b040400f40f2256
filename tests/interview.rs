//! Interview preparation on the real binary: levels, mock interviews, an interview date.

use serde_json::Value;

use crate::harness::Env;

const DAY: &str = "2026-03-01";

fn mains(list: &Value) -> Vec<&Value> {
    list.as_array()
        .unwrap()
        .iter()
        .filter(|c| c["kind"] == "main")
        .collect()
}

#[test]
fn every_main_question_of_the_bundled_deck_has_a_level() {
    let env = Env::new();
    let list = env.json(DAY, &["list"]);
    let mains = mains(&list);
    assert_eq!(mains.len(), 80);
    let count = |level: &str| mains.iter().filter(|c| c["level"] == level).count();
    assert_eq!(
        (count("junior"), count("middle"), count("senior")),
        (21, 42, 17)
    );
    // A follow-up takes its main question's level.
    assert_eq!(env.json(DAY, &["show", "12.3"])["level"], "middle");
    assert_eq!(env.json(DAY, &["show", "1"])["level"], "junior");
    // The level line is not part of the answer.
    let answer = env.json(DAY, &["show", "1"])["answer"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(answer.starts_with("list — изменяемая"), "{answer}");
}

#[test]
fn level_selects_at_or_below() {
    let env = Env::new();
    let junior = env.json(DAY, &["list", "--level", "junior"]);
    assert!(
        junior
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["level"] == "junior")
    );
    assert_eq!(mains(&junior).len(), 21);
    let middle = env.json(DAY, &["list", "--level", "middle"]);
    assert_eq!(mains(&middle).len(), 63);
    let due = env.json(DAY, &["due", "--level", "junior"]);
    let keys: Vec<&str> = due
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        keys,
        ["1", "4", "5", "8", "9", "11", "13", "14", "18", "19"]
    );
    let stats = env.json(DAY, &["stats", "--level", "junior"]);
    assert_eq!(stats["total"]["main"], 21);
    // review --level works through the same queue.
    let out = env
        .cmd(&["--now", DAY, "review", "--level", "senior", "--limit", "1"])
        .write_stdin("5\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        env.json(DAY, &["show", "1"])["reviews"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert!(env.run(DAY, &["list", "--level", "expert"]).status.code() == Some(2));
}
