//! Session tests: a fake backend and a scripted prompter.
