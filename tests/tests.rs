//! Integration tests on the real `recall` binary, each with its own temporary database and a
//! fixed clock. One binary for all of them (see Cargo.toml), as ripgrep does.

mod harness;

mod answers;
mod cli;
mod daily;
mod hostile;
mod human;
mod import;
mod interview;
mod progress;
mod races;
mod schedule;
mod session;
