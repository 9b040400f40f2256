//! One function per command.
