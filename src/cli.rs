//! Command-line types (clap derive) only.
