//! Shared runner for the command-line tests: the real binary with its own HOME and XDG dirs,
//! no SSH session and no stdin, as a user would run it.
// Each CLI test binary uses a subset of these helpers.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

fn command(home: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_malkoll"));
    command
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env_remove("SSH_CONNECTION")
        .stdin(std::process::Stdio::null());
    command
}

/// Runs malkoll with `args` in `home`.
pub fn malkoll(home: &Path, args: &[&str]) -> Output {
    command(home)
        .args(args)
        .output()
        .expect("the malkoll binary runs")
}

/// Runs malkoll with `--db <home>/db` and then `args` in `home`.
pub fn malkoll_db(home: &Path, args: &[&str]) -> Output {
    command(home)
        .arg("--db")
        .arg(home.join("db"))
        .args(args)
        .output()
        .expect("the malkoll binary runs")
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}
