//! End to end through the service: two Unix users, each in a terminal of their own (tmux),
//! run the real interface on one shared database. The first starts the service; both are
//! known by the login the socket gives; the owner's save lands, the other user's save is
//! refused at the field (no access.toml: the owner writes, everyone else reads).
//!
//! It creates the users `mk-anna` and `mk-bertil` and the group `mk-e2e`, so it must run as
//! root (CI does); as another user it fails with a message saying so.

mod e2e_common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use e2e_common::Tmux;
use malkoll::service::client::ConnectOptions;
use malkoll::service::protocol::ClientKind;
use malkoll::service::{Client, socket_path};
use malkoll::store::{Change, Snapshot};

const WRITER: &str = "mk-anna";
const READER: &str = "mk-bertil";
const GROUP: &str = "mk-e2e";

fn run(program: &str, args: &[&str]) {
    let output = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} runs: {e}"));
    assert!(output.status.success(), "{program} {args:?}: {output:?}");
}

fn user_exists(name: &str) -> bool {
    Command::new("id")
        .arg(name)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The two users and their shared group, created once per machine.
fn ensure_users() {
    assert!(
        nix::unistd::getuid().is_root(),
        "THIS TEST MUST RUN AS ROOT: it creates the Unix users {WRITER} and {READER} \
         (CI runs as root). Skip it with `--skip two_users`."
    );
    run("groupadd", &["-f", GROUP]);
    for user in [WRITER, READER] {
        if !user_exists(user) {
            run("useradd", &["-m", "-s", "/bin/sh", "-G", GROUP, user]);
        }
        run("usermod", &["-aG", GROUP, user]);
    }
}

fn script(user: &str, root: &Path, db: &Path) -> String {
    let config = root.join(format!("{user}-config"));
    std::fs::create_dir_all(&config).expect("config dir");
    run("chown", &[user, config.to_str().expect("utf-8")]);
    format!(
        "cd /tmp; runuser -u {user} -- env HOME=/home/{user} XDG_CONFIG_HOME='{config}' \
         TERM=xterm-256color '{bin}' --db '{db}'; echo EXITED $?; sleep 600",
        config = config.display(),
        bin = env!("CARGO_BIN_EXE_malkoll"),
        db = db.display(),
    )
}

#[test]
fn two_users_share_one_database_the_owner_writes_and_the_other_is_refused() {
    ensure_users();
    assert!(
        Command::new("tmux").arg("-V").output().is_ok(),
        "tmux is needed (.ci/run installs it)"
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    run("chmod", &["0755", root.to_str().expect("utf-8")]);
    let db = root.join("db");
    std::fs::create_dir_all(&db).expect("db dir");
    let db_text = db.to_str().expect("utf-8");
    run("chown", &[&format!("{WRITER}:{GROUP}"), db_text]);
    run("chmod", &["2770", db_text]);

    let anna = Tmux::start_script("anna", 80, 24, &script(WRITER, root, &db));
    anna.wait_for(WRITER);
    let bertil = Tmux::start_script("bertil", 80, 24, &script(READER, root, &db));
    bertil.wait_for(READER);

    let who = Command::new(env!("CARGO_BIN_EXE_malkoll"))
        .args(["--db", db_text, "who"])
        .output()
        .expect("malkoll who");
    let who = String::from_utf8_lossy(&who.stdout);
    assert!(
        who.contains(WRITER) && who.contains(READER) && who.contains("gränssnitt"),
        "{who}"
    );

    anna.send(&["a"]);
    anna.type_text("Annas analys genom tjänsten");
    anna.send(&["C-s"]);
    anna.wait_for("Sparat: analysen");

    bertil.send(&["a"]);
    bertil.type_text("Bertils försök");
    bertil.send(&["C-s"]);
    let screen = bertil.wait_for("får inte ändra");
    assert!(screen.contains(READER), "{screen}");

    // The audit names Anna, from the socket; the refusal is in the service's log.
    let observer = Client::connect(
        &db,
        ConnectOptions::existing(ClientKind::Command("test".to_owned())),
    )
    .expect("root reaches the socket");
    let audit = observer.audit_log().expect("audit");
    let last = audit.last().expect("an entry");
    assert_eq!(last.actor.login, WRITER);
    match (&last.change, &last.after) {
        (Change::SetGoalStatus { .. }, Some(Snapshot::GoalStatus(status))) => {
            assert_eq!(status.analysis, "Annas analys genom tjänsten")
        }
        other => panic!("expected Anna's analysis, got {other:?}"),
    }
    let log = std::fs::read_to_string(db.join("serve.log")).expect("the service's log");
    assert!(
        log.contains("nekad ändring") && log.contains(READER),
        "{log}"
    );
    drop(observer);

    // Close both terminals, then stop the service they started.
    drop(anna);
    drop(bertil);
    std::thread::sleep(Duration::from_secs(1));
    let lock = std::fs::read_to_string(db.join("malkoll.lock.json")).expect("lock file");
    let pid = serde_json::from_str::<serde_json::Value>(&lock).expect("json")["pid"]
        .as_i64()
        .expect("a pid");
    run("kill", &["-TERM", &pid.to_string()]);
    let stopped = Instant::now();
    while socket_path(&db).exists() {
        assert!(
            stopped.elapsed() < Duration::from_secs(10),
            "service still up"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}
