//! Integration tests on the real `recall` binary, each with its own temporary database and a
//! fixed clock. One binary for all of them (see Cargo.toml), as ripgrep does.

mod harness;

mod cli;
mod import;
mod progress;
mod schedule;
mod session;
