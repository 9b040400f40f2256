//! A temp directory with a database, and a way to run `recall` against it.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// One learner's world: a temp dir holding the database and any deck files.
pub struct Env {
    pub dir: tempfile::TempDir,
    pub tz: &'static str,
}

impl Env {
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
            tz: "UTC",
        }
    }

    /// An environment whose database already exists, empty: the first command's
    /// `new database at …` line is behind it.
    pub fn created() -> Env {
        let env = Env::new();
        env.ok("2026-01-01", &["config"]);
        env
    }

    pub fn with_tz(tz: &'static str) -> Env {
        Env { tz, ..Env::new() }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("recall.db")
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes a file in the temp dir and returns its path.
    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    /// `recall --db DB ARGS…` with no inherited RECALL_* and a fixed zone.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = Command::cargo_bin("recall").unwrap();
        cmd.env_remove("RECALL_DB")
            .env_remove("RECALL_NOW")
            .env("TZ", self.tz)
            .env("NO_COLOR", "1")
            .arg("--db")
            .arg(self.db())
            .args(args);
        cmd
    }

    /// Runs at `now`, expecting success; returns stdout.
    pub fn ok(&self, now: &str, args: &[&str]) -> String {
        let out = self.run(now, args);
        assert!(
            out.status.success(),
            "recall {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs at `now`, expecting exit status 1; returns stderr.
    pub fn fails(&self, now: &str, args: &[&str]) -> String {
        let out = self.run(now, args);
        assert_eq!(
            out.status.code(),
            Some(1),
            "recall {args:?} should fail; stdout: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        String::from_utf8(out.stderr).unwrap()
    }

    pub fn run(&self, now: &str, args: &[&str]) -> Output {
        let mut full = vec!["--now", now];
        full.extend_from_slice(args);
        self.cmd(&full).output().unwrap()
    }

    /// Runs with `--json` and parses stdout.
    pub fn json(&self, now: &str, args: &[&str]) -> serde_json::Value {
        let mut full = args.to_vec();
        full.push("--json");
        serde_json::from_str(&self.ok(now, &full)).unwrap()
    }

    /// Every byte of the database files, to prove a command wrote nothing.
    pub fn db_bytes(&self) -> Vec<u8> {
        let mut bytes = std::fs::read(self.db()).unwrap();
        for suffix in ["-wal", "-journal"] {
            let extra = Path::new(&format!("{}{suffix}", self.db().display())).to_path_buf();
            if let Ok(b) = std::fs::read(extra) {
                bytes.extend(b);
            }
        }
        bytes
    }
}

/// A small deck in the documented shape: two topics, three questions with follow-ups.
pub const SMALL_DECK: &str = "# Go interview

## 1. Основы Go (2 вопроса)

### 1. Что такое горутина?
**Углубляющие вопросы:**
1. Чем горутина отличается от потока ОС?
2. Как планировщик Go распределяет горутины?

### 2. Как работают каналы?
**Углубляющие вопросы:**
1. Что будет при записи в закрытый канал?
2. Чем буферизованный канал отличается от небуферизованного?

## 2. Память

### 3. Как устроен сборщик мусора Go?
**Углубляющие вопросы:**
1. Что такое write barrier?
";

/// The keys of `list --json`, in order.
pub fn keys(list: &serde_json::Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|c| c["key"].as_str().unwrap().to_string())
        .collect()
}

/// Makes a FIFO at `path`, as `mkfifo` does.
pub fn mkfifo(path: &std::path::Path) {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(made.success());
}
