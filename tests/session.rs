//! The review session on the real binary: through a pseudo-terminal (single keys, the
//! screen as a person sees it; an interview's clock too), and killed mid-session to show
//! nothing graded is lost.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::Duration;

use expectrl::{Expect, Session};

use crate::harness::Env;

fn graded(env: &Env, key: &str, now: &str) -> Vec<u64> {
    env.json(now, &["show", key])["reviews"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["grade"].as_u64().unwrap())
        .collect()
}

/// `recall ARGS` on `env`'s database in a pseudo-terminal, on 2026-03-01.
fn in_a_terminal(env: &Env, args: &[&str]) -> expectrl::session::OsSession {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("recall"));
    cmd.env("TZ", "UTC")
        .env("TERM", "xterm")
        .env("NO_COLOR", "1")
        .env_remove("RECALL_DB")
        .env_remove("RECALL_NOW")
        .args(["--now", "2026-03-01", "--db"])
        .arg(env.db())
        .args(args);
    let mut session = Session::spawn(cmd).unwrap();
    session.set_expect_timeout(Some(Duration::from_secs(20)));
    session
}

#[test]
fn a_session_in_a_real_terminal_records_single_key_grades() {
    let env = Env::new();
    let mut session = in_a_terminal(&env, &["review"]);

    session.expect("1/10").unwrap();
    session
        .expect("Объясните разницу между list, tuple и set в Python")
        .unwrap();
    // What the first command did unasked, said on stderr before the screen was cleared, is
    // said again under the first card.
    session.expect("New database at ").unwrap();
    session
        .expect("imported the bundled deck: 480 cards, 80 questions, 400 follow-ups.")
        .unwrap();
    session.send("\r").unwrap(); // Enter reveals the answer and the grades
    session.expect("right, hesitated").unwrap();
    session.send("4").unwrap();
    session.expect("2/10").unwrap();
    session.expect("Что такое GIL").unwrap();
    session.send(" ").unwrap();
    session.expect("perfect").unwrap();
    session.send("2").unwrap(); // a drill: comes back at the end
    session.expect("3/11").unwrap();
    // A narrower terminal: the card is drawn again at the new width, the session goes on.
    // (Resized once the session waits for a key: a resize that comes while the card is
    // still being drawn is seen at the wait's start, but one between that look and the
    // wait itself shows only with the next key.)
    std::thread::sleep(Duration::from_millis(300));
    session.get_process_mut().set_window_size(50, 24).unwrap();
    session.expect("…  9 left · 3/11").unwrap();
    session.send("4").unwrap();
    session.expect("4/11").unwrap();
    // A note longer than the 50-column line wraps; each keystroke redraws it, clearing the
    // row above too (cursor up, erase line) instead of stacking copies of it.
    session.send("n").unwrap();
    session.expect("Esc cancels): ").unwrap();
    session.send("a note long enough to wrap: ").unwrap();
    session.expect("\x1b[1A\r\x1b[2K").unwrap();
    session.send("\r").unwrap();
    session.expect("Note saved").unwrap();
    session.send("q").unwrap();
    session.expect("Reviewed 3 cards").unwrap();
    session.expect("left for today").unwrap();
    drop(session);

    assert_eq!(graded(&env, "1", "2026-03-01"), [4]);
    assert_eq!(graded(&env, "2", "2026-03-01"), [2]);
    assert_eq!(graded(&env, "3", "2026-03-01"), [4]);
    assert_eq!(env.json("2026-03-01", &["due"])[0]["reason"], "drill");
    assert_eq!(
        env.json("2026-03-01", &["show", "4"])["note"],
        "a note long enough to wrap:"
    );
}

#[test]
fn an_interview_in_a_real_terminal_has_a_clock_that_moves_while_the_candidate_thinks() {
    let env = Env::new();
    let mut session = in_a_terminal(&env, &["interview", "--questions", "1", "--followups", "0"]);

    session.expect("0:00").unwrap();
    // No key pressed: the clock on the header line moves by itself.
    session.expect("0:02").unwrap();
    // A note is written across ticks of the clock, not cancelled by them.
    session.send("n").unwrap();
    session.expect("Esc cancels): ").unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    session.send("across a tick\r").unwrap();
    session.expect("Note saved").unwrap();
    session.send("4").unwrap();
    session
        .expect("Score: 1 of 1 main questions correct")
        .unwrap();
    drop(session);

    assert_eq!(graded(&env, "1", "2026-03-01"), [4]);
    assert_eq!(
        env.json("2026-03-01", &["show", "1"])["note"],
        "across a tick"
    );
}

#[test]
fn a_killed_session_keeps_every_grade_given_before_the_kill() {
    let env = Env::new();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("recall"))
        .env("TZ", "UTC")
        .env_remove("RECALL_DB")
        .env_remove("RECALL_NOW")
        .args(["--now", "2026-03-01", "--db"])
        .arg(env.db())
        .arg("review")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut wait_for = |needle: &str| {
        for line in lines.by_ref() {
            if line.unwrap().contains(needle) {
                return;
            }
        }
        panic!("the session ended before showing {needle}");
    };
    wait_for("1/10");
    stdin.write_all(b"5\n").unwrap();
    wait_for("2/10");
    stdin.write_all(b"\n3\n").unwrap();
    wait_for("3/11");
    stdin.write_all(b"4\n").unwrap();
    wait_for("4/11");
    // The third grade was committed before card 4 was shown; now pull the plug.
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();

    assert_eq!(graded(&env, "1", "2026-03-01"), [5]);
    assert_eq!(graded(&env, "2", "2026-03-01"), [3]);
    assert_eq!(graded(&env, "3", "2026-03-01"), [4]);
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    // Running review again continues with what is left for today: the drill and 7 new.
    let due = env.json("2026-03-01", &["due"]);
    assert_eq!(due.as_array().unwrap().len(), 8);
    assert_eq!(due[0]["key"], "2");
}

#[test]
fn a_scripted_session_reads_one_line_per_step_and_ends_at_end_of_input() {
    let env = Env::new();
    // A grade digit grades the card on screen; an empty line reveals; nonsense is asked again.
    let out = env
        .cmd(&["--now", "2026-03-01", "review", "--json"])
        .write_stdin("5\n\nwhat?\n4\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["cards"], 2);
    assert_eq!(summary["grades"], serde_json::json!([0, 0, 0, 0, 1, 1]));
    assert_eq!(summary["left"], 8);
    let screens = String::from_utf8(out.stderr).unwrap();
    assert!(
        screens.contains("1/10") && screens.contains("3/10"),
        "{screens}"
    );
    assert_eq!(graded(&env, "1", "2026-03-01"), [5]);
    assert_eq!(graded(&env, "2", "2026-03-01"), [4]);
}
