//! End to end: the real binary in tmux, as a controller over SSH would use it. Each test runs
//! its own tmux server (own socket), HOME, XDG dirs and database, and checks that the terminal
//! is given back: after quitting the pane shows the shell's output, not the alternate screen.
//! Skipped, with a message, only when tmux is not installed.

use std::path::Path;
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(60);

/// A tmux server of our own with one session running malkoll; killed on drop.
struct Tmux {
    socket: String,
    _dir: tempfile::TempDir,
}

fn tmux_available() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn quote(path: &Path) -> String {
    format!("'{}'", path.display().to_string().replace('\'', r"'\''"))
}

impl Tmux {
    /// Starts malkoll in a `width`x`height` pane; the shell around it prints `EXITED <code>`
    /// when it ends and then waits, so the pane can still be read.
    fn start(name: &str, width: u16, height: u16) -> Tmux {
        let dir = tempfile::tempdir().expect("temp dir");
        for sub in ["home", "data", "config"] {
            std::fs::create_dir_all(dir.path().join(sub)).expect("create dir");
        }
        let db = dir.path().join("db");
        let script = format!(
            "cd {home}; HOME={home} XDG_DATA_HOME={data} XDG_CONFIG_HOME={config} TERM=xterm-256color \
             {bin} --db {db}; echo EXITED $?; sleep 600",
            home = quote(&dir.path().join("home")),
            data = quote(&dir.path().join("data")),
            config = quote(&dir.path().join("config")),
            bin = quote(Path::new(env!("CARGO_BIN_EXE_malkoll"))),
            db = quote(&db),
        );
        let socket = format!("malkoll-e2e-{}-{name}", std::process::id());
        let tmux = Tmux { socket, _dir: dir };
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
        assert!(status.success(), "tmux new-session failed");
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
            .expect("tmux send-keys");
        assert!(status.success());
    }

    fn capture(&self) -> String {
        let output = self
            .command()
            .args(["capture-pane", "-p"])
            .output()
            .expect("tmux capture-pane");
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// The screen with its colours and modifiers as escape sequences.
    fn capture_styled(&self) -> String {
        let output = self
            .command()
            .args(["capture-pane", "-p", "-e"])
            .output()
            .expect("tmux capture-pane");
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// Waits until a line holding `text` is drawn reversed (the detail pane's cursor row,
    /// which shows without colour too); panics with the screen after the timeout.
    fn wait_for_cursor_on(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.capture_styled();
            let marked = screen.lines().any(|line| {
                line.find(text).is_some_and(|at| {
                    // The SGR codes since the last reset must turn on reverse video (7).
                    let before = &line[..at];
                    let since_reset = before
                        .rfind("\u{1b}[0")
                        .map_or(before, |i| &before[i + 3..]);
                    ["[7m", ";7m", "[7;", ";7;"]
                        .iter()
                        .any(|code| since_reset.contains(code))
                })
            });
            if marked {
                return self.capture();
            }
            if start.elapsed() > TIMEOUT {
                panic!("«{text}» was not the cursor row within {TIMEOUT:?}; screen:\n{screen}");
            }
            sleep(Duration::from_millis(100));
        }
    }

    /// Waits until the screen contains `text`; panics with the screen after the timeout.
    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.capture();
            if screen.contains(text) {
                return screen;
            }
            if start.elapsed() > TIMEOUT {
                panic!("«{text}» did not appear within {TIMEOUT:?}; screen:\n{screen}");
            }
            sleep(Duration::from_millis(100));
        }
    }

    /// Presses `key` until the screen satisfies `done`, at most `tries` times.
    fn press_until(&self, key: &str, tries: usize, done: impl Fn(&str) -> bool) -> String {
        for _ in 0..tries {
            let screen = self.capture();
            if done(&screen) {
                return screen;
            }
            self.send(&[key]);
            sleep(Duration::from_millis(300));
        }
        let screen = self.capture();
        assert!(
            done(&screen),
            "pressing {key} {tries} times did not help; screen:\n{screen}"
        );
        screen
    }

    /// The process id of malkoll: the child of the pane's shell.
    fn malkoll_pid(&self) -> Option<String> {
        let output = self
            .command()
            .args(["display-message", "-p", "#{pane_pid}"])
            .output()
            .ok()?;
        let shell = String::from_utf8_lossy(&output.stdout).trim().to_owned();
        // Read /proc rather than run ps: slim CI images may lack procps.
        std::fs::read_dir("/proc")
            .ok()?
            .flatten()
            .find_map(|entry| {
                let pid = entry.file_name().to_string_lossy().into_owned();
                let stat = std::fs::read_to_string(entry.path().join("stat")).ok()?;
                // "pid (comm) state ppid …": comm may hold spaces, so split at the last ')'.
                let (head, tail) = stat.rsplit_once(')')?;
                let comm = head.split_once('(')?.1;
                let mut fields = tail.split_whitespace();
                let state = fields.next()?;
                let ppid = fields.next()?;
                (ppid == shell && comm.contains("malkoll") && state != "Z").then_some(pid)
            })
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.command().arg("kill-server").status();
    }
}

/// The top bar shows Södermalm 2020 T1 after switching council, year and period as needed.
fn go_to_sodermalm_t1_2020(tmux: &Tmux) {
    tmux.wait_for("malkoll ·");
    tmux.press_until("n", 20, |s| {
        s.lines().next().is_some_and(|l| l.contains("Södermalm"))
    });
    tmux.press_until("Y", 20, |s| {
        s.lines().next().is_some_and(|l| l.contains("· 2020 ·"))
    });
    tmux.press_until("P", 20, |s| {
        s.lines().next().is_some_and(|l| l.contains("· T1 "))
    });
}

fn skip_without_tmux() -> bool {
    if tmux_available() {
        return false;
    }
    eprintln!("SKIPPED: tmux is not installed (CI installs it: .ci/run)");
    true
}

#[test]
fn browse_to_committee_goal_indicators_help_and_quit_at_80x24() {
    if skip_without_tmux() {
        return;
    }
    let tmux = Tmux::start("browse", 80, 24);
    go_to_sodermalm_t1_2020(&tmux);
    // IM 1 → KF 1.1 → the first nämndmål.
    tmux.send(&["Down", "Down"]);
    tmux.wait_for("Nämndmål");
    tmux.wait_for("Bedömning T1 2020");
    // Into the detail pane and down to the indicators.
    tmux.send(&["Tab"]);
    let screen = tmux.press_until("NPage", 10, |s| s.contains("Indikatorer ("));
    assert!(screen.contains("Indikatorer ("), "{screen}");
    let screen = tmux.press_until("Down", 30, |s| s.contains("Årsmål"));
    assert!(
        screen.contains("Periodens utfall"),
        "indicator values are labelled:\n{screen}"
    );

    tmux.send(&["?"]);
    let screen = tmux.wait_for("Hjälp: alla tangenter");
    assert!(screen.contains("Avsluta"), "{screen}");
    tmux.send(&["Escape"]);
    let start = Instant::now();
    while tmux.capture().contains("Hjälp: alla tangenter") {
        assert!(start.elapsed() < TIMEOUT, "help did not close");
        sleep(Duration::from_millis(100));
    }
    // Separately: ESC with a key right behind it arrives as Alt+key.
    tmux.send(&["Escape"]);
    tmux.wait_for("Fäll ut/ihop");
    tmux.send(&["q"]);
    let screen = tmux.wait_for("EXITED 0");
    assert!(
        !screen.contains("malkoll ·"),
        "the alternate screen is left after quitting:\n{screen}"
    );
    assert_eq!(tmux.malkoll_pid(), None, "malkoll has ended");
}

#[test]
fn full_indicator_table_at_200x50() {
    if skip_without_tmux() {
        return;
    }
    let tmux = Tmux::start("wide", 200, 50);
    go_to_sodermalm_t1_2020(&tmux);
    tmux.send(&["Down", "Down", "Tab"]);
    let screen = tmux.press_until("NPage", 10, |s| s.contains("KF:s årsmål"));
    assert!(screen.contains("Prognos"), "{screen}");
    tmux.send(&["q"]);
    tmux.wait_for("EXITED 0");
}

#[test]
fn sigterm_restores_the_terminal() {
    if skip_without_tmux() {
        return;
    }
    let tmux = Tmux::start("term", 80, 24);
    tmux.wait_for("malkoll ·");
    let pid = tmux.malkoll_pid().expect("malkoll runs");
    let status = Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill");
    assert!(status.success());
    let screen = tmux.wait_for("EXITED 143");
    assert!(!screen.contains("malkoll ·"), "{screen}");
}

/// Issue 5: open Att åtgärda, jump to an indicator, come back to the list where it was; at
/// both sizes.
#[test]
fn flags_jump_to_an_indicator_and_back() {
    if skip_without_tmux() {
        return;
    }
    for (width, height) in [(80, 24), (200, 50)] {
        let tmux = Tmux::start(&format!("flags{width}"), width, height);
        go_to_sodermalm_t1_2020(&tmux);
        tmux.send(&["f"]);
        tmux.wait_for("Att åtgärda ·");
        tmux.wait_for("Antal tillhandahållna platser för feriejobb");
        tmux.send(&["Down"]);
        tmux.wait_for("19,7 % från målet");
        tmux.send(&["Enter"]);
        tmux.wait_for("Detaljer");
        let screen = tmux.wait_for_cursor_on("Antal ungdomar som fått");
        assert!(!screen.contains("Att åtgärda ·"), "{screen}");
        tmux.wait_for("Uppnås delvis");
        tmux.send(&["f"]);
        let screen = tmux.wait_for("Att åtgärda ·");
        assert!(
            screen
                .lines()
                .any(|l| l.contains("› ◐") && l.contains("Antal ungdomar som fått")),
            "the list keeps its position:\n{screen}"
        );
        tmux.send(&["Escape"]);
        tmux.wait_for("Detaljer");
        tmux.wait_for_cursor_on("Antal ungdomar som fått");
        tmux.send(&["q"]);
        tmux.wait_for("EXITED 0");
    }
}
