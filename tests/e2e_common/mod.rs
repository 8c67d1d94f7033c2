//! Shared harness for the end-to-end tests: the real binary in a tmux server of its own (own
//! socket), with its own HOME, XDG dirs and database. Without tmux the tests fail, loudly
//! (CI installs it). `MALKOLL_E2E_BIN=target/release/malkoll` runs them against the
//! release binary.
// Each e2e test binary uses a subset of these helpers.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

pub const TIMEOUT: Duration = Duration::from_secs(60);

fn tmux_available() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Fails the test, loudly, when tmux is not installed: an end-to-end test that did not run
/// must not pass. CI installs tmux (.ci/run); locally, `apt-get install tmux`.
pub fn require_tmux() {
    assert!(
        tmux_available(),
        "tmux is not installed: these end-to-end tests drive the real binary in tmux \
         (CI installs it in .ci/run; locally: apt-get install tmux)"
    );
}

fn quote(path: &Path) -> String {
    format!("'{}'", path.display().to_string().replace('\'', r"'\''"))
}

/// The binary under test: `MALKOLL_E2E_BIN` (e.g. the release build) or the one cargo built.
fn binary() -> PathBuf {
    std::env::var_os("MALKOLL_E2E_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_malkoll")))
}

/// A directory with HOME, XDG dirs and the database, kept across restarts.
pub struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    pub fn new() -> Home {
        let dir = tempfile::tempdir().expect("temp dir");
        for sub in ["home", "data", "config", "state"] {
            std::fs::create_dir_all(dir.path().join(sub)).expect("create dir");
        }
        Home { dir }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("db")
    }

    /// `$XDG_STATE_HOME/malkoll`: where the position and pane layout files go.
    pub fn state(&self) -> PathBuf {
        self.dir.path().join("state").join("malkoll")
    }

    /// Runs a subcommand of the binary under test on this home's database, as a user would
    /// beside the interface (`period add …`), without the service.
    pub fn malkoll(&self, args: &[&str]) -> std::process::Output {
        let root = self.dir.path();
        Command::new(binary())
            .args(args)
            .arg("--db")
            .arg(self.db())
            .env("HOME", root.join("home"))
            .env("XDG_DATA_HOME", root.join("data"))
            .env("XDG_CONFIG_HOME", root.join("config"))
            .env("XDG_STATE_HOME", root.join("state"))
            .env("MALKOLL_SERVICE", "av")
            .output()
            .expect("malkoll runs")
    }

    /// Fills the database with `gen-demo --councils C --years Y`.
    pub fn gen_demo(&self, councils: usize, years: usize) {
        let root = self.dir.path();
        let status = Command::new(env!("CARGO_BIN_EXE_malkoll"))
            .args(["gen-demo", "--councils", &councils.to_string()])
            .args(["--years", &years.to_string(), "--db"])
            .arg(self.db())
            .env("HOME", root.join("home"))
            .env("XDG_DATA_HOME", root.join("data"))
            .env("XDG_CONFIG_HOME", root.join("config"))
            .output()
            .expect("gen-demo runs");
        assert!(status.status.success(), "{status:?}");
    }
}

/// A tmux server of our own with one session running malkoll; killed on drop.
pub struct Tmux {
    socket: String,
    /// How long to wait after sending keys (0: not at all).
    pause: Duration,
    /// The Home of a [`Tmux::start`]ed session, removed after the server is killed.
    _home: Option<Home>,
}

impl Tmux {
    /// Starts malkoll in a `width`x`height` pane with a Home of its own.
    pub fn start(name: &str, width: u16, height: u16) -> Tmux {
        Tmux::start_owning(Home::new(), name, width, height)
    }

    /// As [`Tmux::start`], in `home` (e.g. one filled by [`Home::gen_demo`]), kept until drop.
    pub fn start_owning(home: Home, name: &str, width: u16, height: u16) -> Tmux {
        let mut tmux = Tmux::start_in(&home, name, width, height);
        tmux._home = Some(home);
        tmux
    }

    /// Starts malkoll in a `width`x`height` pane in `home`, which outlives the session (for
    /// restarts); the shell around it prints `EXITED <code>` when it ends and then waits, so
    /// the pane can still be read. `name` must be unique within the test binary.
    pub fn start_in(home: &Home, name: &str, width: u16, height: u16) -> Tmux {
        Tmux::start_in_with(home, name, width, height, "MALKOLL_SERVICE=av")
    }

    /// As [`Tmux::start_in`], but as a user runs it: through the service, which the
    /// interface starts when none runs (it stops 30 s after its last client; a test that
    /// cannot wait stops it itself).
    pub fn start_through_service(home: &Home, name: &str, width: u16, height: u16) -> Tmux {
        Tmux::start_in_with(home, name, width, height, "")
    }

    /// TERM names xterm-256color, what most SSH clients announce: its terminfo entry has REP,
    /// so every test here also checks the repeats the lean backend sends in a real terminal
    /// (tmux repeats ASCII only, as the backend assumes).
    fn start_in_with(home: &Home, name: &str, width: u16, height: u16, env: &str) -> Tmux {
        let root = home.dir.path();
        let script = format!(
            "cd {home}; HOME={home} XDG_DATA_HOME={data} XDG_CONFIG_HOME={config} \
             XDG_STATE_HOME={state} TERM=xterm-256color {env} {bin} --db {db}; echo EXITED $?; sleep 600",
            home = quote(&root.join("home")),
            data = quote(&root.join("data")),
            config = quote(&root.join("config")),
            state = quote(&root.join("state")),
            bin = quote(&binary()),
            db = quote(&home.db()),
        );
        Tmux::start_script(name, width, height, &script)
    }

    /// Runs the shell `script` in a `width`x`height` pane of a tmux server of its own, for
    /// tests that start malkoll their own way (as another Unix user, through the service).
    pub fn start_script(name: &str, width: u16, height: u16, script: &str) -> Tmux {
        let socket = format!("malkoll-e2e-{}-{name}", std::process::id());
        let tmux = Tmux {
            socket,
            pause: Duration::ZERO,
            _home: None,
        };
        let status = tmux
            .command()
            .args(["new-session", "-d", "-x", &width.to_string(), "-y"])
            .arg(height.to_string())
            .args(["sh", "-c", script])
            .status()
            .expect("tmux runs");
        assert!(status.success(), "tmux new-session failed");
        tmux
    }

    /// Waits `pause` after each send, type or paste: keys are handled in order anyway, but a
    /// pause keeps screens readable when one fails.
    pub fn paced(mut self, pause: Duration) -> Tmux {
        self.pause = pause;
        self
    }

    fn command(&self) -> Command {
        let mut command = Command::new("tmux");
        command.args(["-L", &self.socket, "-f", "/dev/null"]);
        command
    }

    pub fn send(&self, keys: &[&str]) {
        let status = self
            .command()
            .arg("send-keys")
            .args(keys)
            .status()
            .expect("tmux send-keys");
        assert!(status.success());
        sleep(self.pause);
    }

    /// Types text literally (no key names).
    pub fn type_text(&self, text: &str) {
        let status = self
            .command()
            .args(["send-keys", "-l", text])
            .status()
            .expect("tmux send-keys -l");
        assert!(status.success());
        sleep(self.pause);
    }

    /// Pastes `text` as a bracketed paste, as a terminal does for a clipboard paste.
    pub fn paste(&self, text: &str) {
        let status = self
            .command()
            .args(["set-buffer", "--", text])
            .status()
            .expect("tmux set-buffer");
        assert!(status.success());
        let status = self
            .command()
            .args(["paste-buffer", "-p"])
            .status()
            .expect("tmux paste-buffer");
        assert!(status.success());
        sleep(self.pause);
    }

    pub fn capture(&self) -> String {
        let output = self
            .command()
            .args(["capture-pane", "-p"])
            .output()
            .expect("tmux capture-pane");
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// The screen with its colours and modifiers as escape sequences.
    pub fn capture_styled(&self) -> String {
        let output = self
            .command()
            .args(["capture-pane", "-p", "-e"])
            .output()
            .expect("tmux capture-pane");
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// Waits until the screen satisfies `done`; panics with the screen after the timeout.
    pub fn wait_until(&self, what: &str, done: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.capture();
            if done(&screen) {
                return screen;
            }
            if start.elapsed() > TIMEOUT {
                panic!("{what} did not happen within {TIMEOUT:?}; screen:\n{screen}");
            }
            sleep(Duration::from_millis(100));
        }
    }

    /// Waits until the screen contains `text`; panics with the screen after the timeout.
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("«{text}»"), |s| s.contains(text))
    }

    /// Waits until the screen no longer contains `text`; panics with `what` after the timeout.
    pub fn wait_gone(&self, text: &str, what: &str) {
        let start = Instant::now();
        while self.capture().contains(text) {
            assert!(start.elapsed() < TIMEOUT, "{what}");
            sleep(Duration::from_millis(100));
        }
    }

    /// Waits until a line holding `text` is drawn reversed (the detail pane's cursor row,
    /// which shows without colour too); panics with the screen after the timeout.
    pub fn wait_for_cursor_on(&self, text: &str) -> String {
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

    /// Presses `key` until the screen satisfies `done`, at most `tries` times.
    pub fn press_until(&self, key: &str, tries: usize, done: impl Fn(&str) -> bool) -> String {
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
    pub fn malkoll_pid(&self) -> Option<String> {
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

    /// Sends `signal` ("HUP" as a dropped SSH link does, "KILL") to malkoll's process at
    /// once and waits until it has exited (128 + the signal's number) and is gone; returns
    /// the screen the shell shows then.
    pub fn signal_malkoll(&self, signal: &str) -> String {
        let exit = match signal {
            "HUP" => 129,
            "KILL" => 137,
            "TERM" => 143,
            other => panic!("no exit code known for SIG{other}"),
        };
        let pid = self.malkoll_pid().expect("malkoll runs");
        let status = Command::new("kill")
            .args([&format!("-{signal}"), &pid])
            .status()
            .expect("kill");
        assert!(status.success());
        let screen = self.wait_for(&format!("EXITED {exit}"));
        self.wait_until_ended();
        screen
    }

    /// Waits until malkoll's process is gone and the sled lock is free.
    pub fn wait_until_ended(&self) {
        let start = Instant::now();
        while self.malkoll_pid().is_some() {
            assert!(start.elapsed() < TIMEOUT, "malkoll did not end");
            sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.command().arg("kill-server").status();
    }
}

pub fn top_line(screen: &str) -> &str {
    screen.lines().next().unwrap_or_default()
}

/// The top bar shows Södermalm 2020 T1 after switching council, year and period as needed.
pub fn go_to_sodermalm_t1_2020(tmux: &Tmux) {
    tmux.wait_for("malkoll ·");
    tmux.press_until("n", 20, |s| top_line(s).contains("Södermalm"));
    tmux.press_until("Y", 20, |s| top_line(s).contains("· 2020 ·"));
    tmux.press_until("P", 20, |s| top_line(s).contains("· T1 "));
}
