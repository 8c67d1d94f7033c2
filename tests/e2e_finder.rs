//! End to end in tmux with the real binary: find an indicator by five letters, open its
//! history, go back to the finder, close it. Own tmux socket, HOME, XDG dirs and database.
//! Skipped, with a message, only when tmux is not installed.

use std::path::Path;
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(60);

struct Tmux {
    socket: String,
    _dir: tempfile::TempDir,
}

impl Tmux {
    fn start(width: u16, height: u16) -> Tmux {
        Tmux::start_with(width, height, None)
    }

    /// As [`Tmux::start`], on a database made by `gen-demo --councils C --years Y`.
    fn start_with(width: u16, height: u16, demo: Option<(usize, usize)>) -> Tmux {
        let dir = tempfile::tempdir().expect("temp dir");
        for sub in ["home", "data", "config"] {
            std::fs::create_dir_all(dir.path().join(sub)).expect("create dir");
        }
        if let Some((councils, years)) = demo {
            let status = Command::new(env!("CARGO_BIN_EXE_malkoll"))
                .args(["gen-demo", "--councils", &councils.to_string()])
                .args(["--years", &years.to_string(), "--db"])
                .arg(dir.path().join("db"))
                .env("HOME", dir.path().join("home"))
                .env("XDG_DATA_HOME", dir.path().join("data"))
                .env("XDG_CONFIG_HOME", dir.path().join("config"))
                .output()
                .expect("gen-demo runs");
            assert!(status.status.success(), "{status:?}");
        }
        let quote = |p: &Path| format!("'{}'", p.display().to_string().replace('\'', r"'\''"));
        let script = format!(
            "cd {home}; HOME={home} XDG_DATA_HOME={data} XDG_CONFIG_HOME={config} TERM=xterm-256color \
             {bin} --db {db}; echo EXITED $?; sleep 600",
            home = quote(&dir.path().join("home")),
            data = quote(&dir.path().join("data")),
            config = quote(&dir.path().join("config")),
            bin = quote(Path::new(env!("CARGO_BIN_EXE_malkoll"))),
            db = quote(&dir.path().join("db")),
        );
        let tmux = Tmux {
            socket: format!(
                "malkoll-e2e-finder-{}-{width}-{}",
                std::process::id(),
                demo.is_some()
            ),
            _dir: dir,
        };
        let status = tmux
            .command()
            .args([
                "new-session",
                "-d",
                "-x",
                &width.to_string(),
                "-y",
                &height.to_string(),
            ])
            .args(["sh", "-c", &script])
            .status()
            .expect("tmux runs");
        assert!(status.success());
        tmux
    }

    fn command(&self) -> Command {
        let mut command = Command::new("tmux");
        command.args(["-L", &self.socket, "-f", "/dev/null"]);
        command
    }

    fn send(&self, keys: &[&str]) {
        let status = self
            .command()
            .arg("send-keys")
            .args(keys)
            .status()
            .expect("send-keys");
        assert!(status.success());
    }

    fn capture(&self) -> String {
        let output = self
            .command()
            .args(["capture-pane", "-p"])
            .output()
            .expect("capture");
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.capture();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "«{text}» did not appear within {TIMEOUT:?}; screen:\n{screen}"
            );
            sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.command().arg("kill-server").status();
    }
}

fn tmux_available() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn find_history_and_back(width: u16, height: u16) {
    if !tmux_available() {
        eprintln!("tmux saknas: testet hoppas över");
        return;
    }
    let tmux = Tmux::start(width, height);
    tmux.wait_for("Mål");
    tmux.send(&["/"]);
    tmux.wait_for("Sök mål, indikatorer och aktiviteter");
    tmux.send(&["-l", "sjukf"]);
    let screen = tmux.wait_for("Sjukfrånvaro");
    assert!(screen.contains("› sjukf"), "{screen}");
    tmux.send(&["Tab"]);
    let screen = tmux.wait_for("Historik: Sjukfrånvaro");
    assert!(
        screen.contains("Årsmål") && screen.contains("Status"),
        "{screen}"
    );
    tmux.send(&["Escape"]);
    let screen = tmux.wait_for("› sjukf");
    assert!(!screen.contains("Historik:"), "{screen}");
    tmux.send(&["Escape"]);
    let start = Instant::now();
    while tmux.capture().contains("Sök mål, indikatorer") {
        assert!(start.elapsed() < TIMEOUT, "the finder did not close");
        sleep(Duration::from_millis(100));
    }
    tmux.send(&["q"]);
    tmux.wait_for("EXITED 0");
}

#[test]
fn find_by_five_letters_open_history_and_go_back_80x24() {
    find_history_and_back(80, 24);
}

#[test]
fn find_by_five_letters_open_history_and_go_back_200x50() {
    find_history_and_back(200, 50);
}

/// Historik on a long series: the first frame after the rows arrive shows the newest row
/// selected with the rows before it, without a key press to redraw.
#[test]
fn history_opens_on_the_newest_rows_at_80x24() {
    if !tmux_available() {
        eprintln!("tmux saknas: testet hoppas över");
        return;
    }
    let tmux = Tmux::start_with(80, 24, Some((2, 6)));
    tmux.wait_for("Mål");
    tmux.send(&["/"]);
    tmux.wait_for("Sök mål, indikatorer och aktiviteter");
    tmux.send(&["-l", "i:legitimerade"]);
    tmux.wait_for("Andel legitimerade");
    tmux.send(&["Tab"]);
    tmux.wait_for("Historik: Andel legitimerade");
    let screen = tmux.wait_for("│›2025");
    let start = Instant::now();
    let mut screen = screen;
    while !screen.contains("2024  VB") {
        assert!(
            start.elapsed() < Duration::from_secs(3),
            "the table shows only its last row:\n{screen}"
        );
        sleep(Duration::from_millis(100));
        screen = tmux.capture();
    }
    tmux.send(&["q"]);
    tmux.wait_for("Sök mål");
}
