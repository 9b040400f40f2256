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

/// Runs `interview ARGS --json` at `now` with `input` on stdin; returns the report.
fn interview(env: &Env, now: &str, args: &[&str], input: &str) -> Value {
    let mut full = vec!["--now", now, "interview", "--json"];
    full.extend_from_slice(args);
    let out = env.cmd(&full).write_stdin(input).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Every card's scheduling state, by key.
fn states(env: &Env, now: &str) -> Vec<(String, Value)> {
    env.json(now, &["list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let state = serde_json::json!([
                c["repetitions"],
                c["interval"],
                c["ease"],
                c["due"],
                c["lapses"],
                c["last_grade"]
            ]);
            (c["key"].as_str().unwrap().to_string(), state)
        })
        .collect()
}

/// The day of the interviews below, while question 1 is due on 2026-02-22.
const LATER: &str = "2026-02-10";

/// Question 1 learned with grades of 3: ease 2.08, below the starting 2.5 (weak), due
/// 2026-02-22.
fn learn_weakly(env: &Env) {
    env.ok("2026-02-01", &["grade", "1", "3"]);
    env.ok("2026-02-02", &["grade", "1", "3"]);
    env.ok("2026-02-08", &["grade", "1", "3"]);
    assert_eq!(env.json(LATER, &["show", "1"])["due"], "2026-02-22");
}

#[test]
fn a_scripted_interview_through_plain_lines() {
    let env = Env::new();
    learn_weakly(&env);
    let before = states(&env, LATER);
    // 8 questions over 8 topics: each topic once. Question 1, weak, comes first: failed (1).
    // Then a 5 brings two follow-ups (4, then 2: the interview moves on), a 3 brings none,
    // 4s after.
    let input = format!("\n1\n5\n\n4\n2\n3\n{}", "4\n".repeat(30));
    let report = interview(&env, LATER, &["--questions", "8"], &input);
    let questions = report["questions"].as_array().unwrap();
    assert_eq!(questions.len(), 8);
    let mut topics: Vec<&str> = questions
        .iter()
        .map(|q| q["topic"].as_str().unwrap())
        .collect();
    topics.sort();
    topics.dedup();
    assert_eq!(topics.len(), 8, "{topics:?}");
    for q in questions {
        let key = q["key"].as_str().unwrap();
        let followups = q["followups"].as_array().unwrap();
        if q["grade"].as_u64().unwrap() < 4 {
            assert!(followups.is_empty(), "{q}");
        }
        for (i, f) in followups.iter().enumerate() {
            // Only follow-ups of the question just asked, and none after a wrong one.
            assert!(
                f["key"].as_str().unwrap().starts_with(&format!("{key}.")),
                "{q}"
            );
            assert!(
                followups[..i]
                    .iter()
                    .all(|p| p["grade"].as_u64().unwrap() >= 4),
                "{q}"
            );
        }
        assert!(followups.len() <= 2);
        assert!(q["seconds"].is_u64());
    }
    let grades: Vec<u64> = questions
        .iter()
        .map(|q| q["grade"].as_u64().unwrap())
        .collect();
    assert_eq!(grades, [1, 5, 3, 4, 4, 4, 4, 4]);
    assert_eq!(questions[0]["key"], "1");
    let followup_grades: Vec<u64> = questions[1]["followups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["grade"].as_u64().unwrap())
        .collect();
    assert_eq!(followup_grades, [4, 2]);
    assert_eq!(questions[3]["followups"].as_array().unwrap().len(), 2);
    assert_eq!(report["score"].as_f64().unwrap(), 6.0 / 8.0);
    let asked: u64 = report["topics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["asked"].as_u64().unwrap())
        .sum();
    assert_eq!(asked, 8);

    // Listed, and shown again the same.
    let list = env.json(LATER, &["interviews"]);
    assert_eq!(list[0]["id"], report["id"]);
    assert_eq!(list[0]["questions"], 8);
    assert_eq!(list[0]["score"], report["score"]);
    let id = report["id"].to_string();
    assert_eq!(env.json(LATER, &["interviews", &id]), report);

    // Logged as interview reviews; no SM-2 state changed, except the failed main question,
    // due after tomorrow, now due tomorrow.
    let after = states(&env, LATER);
    assert_eq!(before.len(), after.len());
    for ((key, was), (_, now)) in before.iter().zip(&after) {
        if key == "1" {
            let mut moved = was.clone();
            moved[3] = "2026-02-11".into();
            assert_eq!(now, &moved);
        } else {
            assert_eq!(was, now, "card {key}");
        }
    }
    for q in questions {
        let reviews = env.json(LATER, &["show", q["key"].as_str().unwrap()])["reviews"].clone();
        assert_eq!(
            reviews.as_array().unwrap().last().unwrap()["kind"],
            "interview"
        );
    }
}

#[test]
fn a_failed_main_question_is_brought_forward_to_tomorrow() {
    let env = Env::new();
    learn_weakly(&env);
    let before = env.json(LATER, &["show", "1"]);
    let report = interview(&env, LATER, &["--topic", "1", "--questions", "1"], "2\n");
    assert_eq!(report["questions"][0]["key"], "1");
    let after = env.json(LATER, &["show", "1"]);
    assert_eq!(after["due"], "2026-02-11");
    for field in ["repetitions", "interval", "ease", "lapses", "last_grade"] {
        assert_eq!(after[field], before[field], "{field}");
    }
    // The next daily review takes it first.
    assert_eq!(env.json("2026-02-11", &["due"])[0]["key"], "1");
    // A grade of 3 is not a failure: nothing moves.
    let env = Env::new();
    learn_weakly(&env);
    interview(&env, LATER, &["--topic", "1", "--questions", "1"], "3\n");
    assert_eq!(env.json(LATER, &["show", "1"])["due"], "2026-02-22");
}

#[test]
fn an_interview_goes_with_the_deck_it_was_held_on() {
    let env = Env::new();
    learn_weakly(&env);
    interview(&env, LATER, &["--topic", "1", "--questions", "1"], "2\n");
    assert_eq!(
        env.json(LATER, &["interviews"]).as_array().unwrap().len(),
        1
    );
    env.ok(
        LATER,
        &["decks", "remove", "python-backend-interview", "--yes"],
    );
    assert_eq!(env.json(LATER, &["interviews"]), serde_json::json!([]));
    let err = env.fails(LATER, &["interviews", "1"]);
    assert!(err.starts_with("recall: no interview 1"), "{err}");
}

#[test]
fn undo_takes_back_an_interview_answer_exactly() {
    // DESIGN §4: `undo` takes back the last review, whatever its kind.
    let env = Env::new();
    learn_weakly(&env);
    let before = env.json(LATER, &["show", "1"]);
    interview(&env, LATER, &["--topic", "1", "--questions", "1"], "2\n");
    assert_eq!(env.json(LATER, &["show", "1"])["due"], "2026-02-11");
    env.ok(LATER, &["undo"]);
    assert_eq!(env.json(LATER, &["show", "1"]), before);
    let err = env.fails(LATER, &["interviews", "1"]);
    assert!(
        err.contains("interview 1 has no answers left (taken back with undo)"),
        "{err}"
    );
}

#[test]
fn a_new_main_question_failed_in_an_interview_is_the_first_new_card_next() {
    let env = Env::new();
    let report = interview(&env, LATER, &["--topic", "2", "--questions", "1"], "1\n");
    let failed = report["questions"][0]["key"].as_str().unwrap().to_string();
    assert_ne!(failed, "1");
    let keys = |env: &Env, day: &str| -> Vec<String> {
        env.json(day, &["due"])
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["key"].as_str().unwrap().to_string())
            .collect()
    };
    let next = keys(&env, "2026-02-11");
    assert_eq!(next[0], failed, "{next:?}");
    // The rest in document order, the day's allowance unchanged, the card still new.
    assert_eq!(next[1..4], ["1", "2", "3"]);
    assert_eq!(next.len(), 10);
    assert_eq!(env.json("2026-02-11", &["show", &failed])["repetitions"], 0);
    // Answered well, a new card keeps its place.
    let env = Env::new();
    let report = interview(&env, LATER, &["--topic", "2", "--questions", "1"], "4\n");
    assert_eq!(report["questions"][0]["key"], failed);
    assert_eq!(keys(&env, "2026-02-11")[..3], ["1", "2", "3"]);
}

#[test]
fn level_junior_never_picks_a_middle_or_senior_question() {
    let env = Env::new();
    let levels: std::collections::HashMap<String, String> = env
        .json(DAY, &["list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["key"].as_str().unwrap().to_string(),
                c["level"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let report = interview(
        &env,
        DAY,
        &["--level", "junior", "--questions", "15"],
        &"5\n".repeat(60),
    );
    let questions = report["questions"].as_array().unwrap();
    assert_eq!(questions.len(), 15);
    for q in questions {
        assert_eq!(levels[q["key"].as_str().unwrap()], "junior", "{q}");
    }
}

/// One day of study: a review session grading every card 5.
fn study_day(env: &Env, day: &str) {
    let out = env
        .cmd(&["--now", day, "review"])
        .write_stdin("5\n".repeat(400))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn fourteen_days_to_an_interview_date() {
    let env = Env::new();
    env.ok(DAY, &["config", "new_per_day", "2"]);
    env.ok(DAY, &["config", "interview_date", "2026-03-15"]);
    // Hand-checked: 14 days; 80 main questions to introduce by 2026-03-12, 12 days from
    // today: 80 / 12 = 6.67, so 7 a day, more than new_per_day 2, which the queue makes up.
    let stats = env.json(DAY, &["stats"]);
    assert_eq!(
        stats["interview"],
        serde_json::json!({
            "date": "2026-03-15", "days_left": 14, "mains_total": 80, "mains_seen": 0,
            "mains_mastered": 0, "new_per_day_needed": 7, "on_track": false
        })
    );
    let line = env.ok(DAY, &["stats"]);
    assert!(
        line.starts_with(
            "14 days to the interview · 0 of 80 main questions seen · 7 new a day needed · above your 2 a day, so the queue brings more\n"
        ),
        "{line}"
    );
    let mut day = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    let eve = chrono::NaiveDate::from_ymd_opt(2026, 3, 14).unwrap();
    while day < chrono::NaiveDate::from_ymd_opt(2026, 3, 15).unwrap() {
        let today = day.to_string();
        study_day(&env, &today);
        for card in env.json(&today, &["list"]).as_array().unwrap() {
            if let Some(due) = card["due"].as_str() {
                // No due date past the eve, except for what is reviewed on the eve itself.
                if day < eve {
                    assert!(due <= "2026-03-14", "{today}: {card}");
                }
            }
        }
        if today == "2026-03-02" {
            // 7 introduced on the 1st, so 73 left over the 2nd..12th → 7 a day; 14 seen once
            // the 2nd is studied.
            let c = &env.json(&today, &["stats"])["interview"];
            assert_eq!(
                (c["days_left"].as_i64(), c["mains_seen"].as_u64()),
                (Some(13), Some(14))
            );
            assert_eq!(c["new_per_day_needed"], 7);
        }
        day = day.succ_opt().unwrap();
    }
    // Every main question introduced by three days before the date.
    let on_time = env.json("2026-03-12", &["list"]);
    for card in mains(&on_time) {
        assert_ne!(card["status"], "new", "{card}");
    }
    // The last 6 were introduced on the 12th itself: once they are, none more is needed.
    let c = &env.json("2026-03-12", &["stats"])["interview"];
    assert_eq!(
        (c["mains_seen"].as_u64(), c["new_per_day_needed"].as_u64()),
        (Some(80), Some(0))
    );
    assert_eq!(c["on_track"], true);
    // After the date: plain SM-2, no countdown.
    assert_eq!(env.json("2026-03-16", &["stats"])["interview"], Value::Null);
}

#[test]
fn an_interview_date_pulls_in_reviews_scheduled_before_it_was_set() {
    let env = Env::new();
    // Card 1 twice (due in 6 days), card 2 once (tomorrow), before any date is set.
    env.ok("2026-03-01", &["grade", "1", "5"]);
    env.ok("2026-03-02", &["grade", "1", "5"]);
    env.ok("2026-03-02", &["grade", "2", "5"]);
    assert_eq!(env.json("2026-03-02", &["show", "1"])["due"], "2026-03-08");
    let out = env.run("2026-03-02", &["config", "interview_date", "2026-03-05"]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "interview_date = 2026-03-05\n"
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "recall: 1 review due after 2026-03-04, the interview's eve, was pulled in to it\n"
    );
    // Due on the eve, in the queue there; card 2 keeps its earlier day.
    assert_eq!(env.json("2026-03-02", &["show", "1"])["due"], "2026-03-04");
    assert_eq!(env.json("2026-03-02", &["show", "2"])["due"], "2026-03-03");
    let due = env.ok("2026-03-04", &["due"]);
    assert!(due.contains("\n1 "), "{due}");
    // A date set on the interview's own day pulls nothing in: its eve has passed.
    env.ok("2026-03-04", &["grade", "1", "5"]);
    let out = env.run("2026-03-05", &["config", "interview_date", "2026-03-05"]);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
