//! End to end through the service. Two Unix users, each in a terminal of their own (tmux),
//! run the real interface on one shared database: the first starts the service; both are
//! known by the login the socket gives; the owner's save lands, the other user's save is
//! refused at the field (no access.toml: the owner writes, everyone else reads). And over a
//! real SSH session (an sshd of the test's own on 127.0.0.1): killing the ssh client leaves
//! the typed draft in the database and the service running.
//!
//! Those two create the users `mk-anna` and `mk-bertil` and the group `mk-e2e`, so they must
//! run as root (CI does); as another user they fail with a message saying so. And as any
//! user: what the service found when it opened the database reaches the interface.

mod e2e_common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use e2e_common::{Home, Tmux};
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
    // Bertil, who pressed nothing, sees Anna's save: the service's push reloads his screen.
    let screen = bertil.wait_for("Annas analys genom tjänsten");
    assert!(screen.contains(&format!("{WRITER} sparade")), "{screen}");

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

/// The pid of the `ssh` client whose command line names `port`.
fn ssh_client_pid(port: u16) -> Option<i32> {
    let wanted = format!("\0{port}\0");
    std::fs::read_dir("/proc")
        .ok()?
        .flatten()
        .find_map(|entry| {
            let pid: i32 = entry.file_name().to_string_lossy().parse().ok()?;
            let comm = std::fs::read_to_string(entry.path().join("comm")).ok()?;
            let cmdline = std::fs::read(entry.path().join("cmdline")).ok()?;
            let cmdline = String::from_utf8_lossy(&cmdline);
            (comm.trim() == "ssh" && cmdline.contains(&wanted)).then_some(pid)
        })
}

/// sshd on 127.0.0.1 with its own host key and config, killed on drop.
struct Sshd {
    child: std::process::Child,
    port: u16,
}

impl Sshd {
    fn start(dir: &Path, user: &str, client_key: &Path) -> Sshd {
        let sshd = Path::new("/usr/sbin/sshd");
        assert!(
            sshd.exists(),
            "THIS TEST NEEDS openssh-server (/usr/sbin/sshd); .ci/run installs it"
        );
        std::fs::create_dir_all("/run/sshd").expect("sshd's privilege separation dir");
        let host_key = dir.join("host_key");
        run(
            "ssh-keygen",
            &[
                "-q",
                "-t",
                "ed25519",
                "-N",
                "",
                "-f",
                host_key.to_str().expect("utf-8"),
            ],
        );
        let authorized = dir.join("authorized_keys");
        std::fs::copy(client_key.with_extension("pub"), &authorized).expect("authorized key");
        run("chmod", &["0644", authorized.to_str().expect("utf-8")]);
        // A locked password ("!") bars key logins without PAM; "*" only bars passwords.
        run("usermod", &["-p", "*", user]);
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("a free port")
            .port();
        let config = dir.join("sshd_config");
        std::fs::write(
            &config,
            format!(
                "Port {port}\nListenAddress 127.0.0.1\nHostKey {host}\nPidFile {pid}\n\
                 AuthorizedKeysFile {authorized}\nStrictModes no\nUsePAM no\n\
                 PasswordAuthentication no\nKbdInteractiveAuthentication no\n\
                 PubkeyAuthentication yes\nAllowUsers {user}\n",
                host = host_key.display(),
                pid = dir.join("sshd.pid").display(),
                authorized = authorized.display(),
            ),
        )
        .expect("sshd_config");
        let child = Command::new(sshd)
            .arg("-D")
            .arg("-f")
            .arg(&config)
            .arg("-E")
            .arg(dir.join("sshd.log"))
            .spawn()
            .expect("sshd starts");
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "sshd not listening"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Sshd { child, port }
    }
}

impl Drop for Sshd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn over_ssh_a_killed_client_leaves_its_draft_and_the_service_running() {
    ensure_users();
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    run("chmod", &["0755", root.to_str().expect("utf-8")]);
    let db = root.join("db");
    std::fs::create_dir_all(&db).expect("db dir");
    let db_text = db.to_str().expect("utf-8");
    run("chown", &[&format!("{WRITER}:{GROUP}"), db_text]);
    run("chmod", &["2770", db_text]);
    let client_key = root.join("client_key");
    run(
        "ssh-keygen",
        &[
            "-q",
            "-t",
            "ed25519",
            "-N",
            "",
            "-f",
            client_key.to_str().expect("utf-8"),
        ],
    );
    let sshd = Sshd::start(root, WRITER, &client_key);
    let config = root.join("ssh-config-home");
    std::fs::create_dir_all(&config).expect("config dir");
    run("chown", &[WRITER, config.to_str().expect("utf-8")]);
    let script = format!(
        "exec ssh -tt -i '{key}' -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
         -o LogLevel=ERROR -p {port} {WRITER}@127.0.0.1 \
         \"env TERM=xterm-256color XDG_CONFIG_HOME='{config}' '{bin}' --db '{db}'\"",
        key = client_key.display(),
        port = sshd.port,
        config = config.display(),
        bin = env!("CARGO_BIN_EXE_malkoll"),
        db = db.display(),
    );
    let tmux = Tmux::start_script("ssh", 80, 24, &script);
    // The top bar names the login and the SSH client's address.
    tmux.wait_for(&format!("{WRITER} (127.0.0.1)"));
    tmux.send(&["a"]);
    tmux.type_text("Utkast som överlever");
    tmux.wait_for("Utkast som överlever");

    let pid = ssh_client_pid(sshd.port).expect("the ssh client runs");
    run("kill", &["-KILL", &pid.to_string()]);

    // The service outlives the dropped session, which leaves its list.
    let observer = Client::connect(
        &db,
        ConnectOptions::existing(ClientKind::Command("test".to_owned())),
    )
    .expect("the service still runs");
    let waited = Instant::now();
    while observer
        .who()
        .expect("the service answers")
        .iter()
        .any(|session| session.login == WRITER)
    {
        assert!(
            waited.elapsed() < Duration::from_secs(15),
            "the dropped session is still listed"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    drop(observer);
    drop(tmux);

    // Stop the service; the draft is in the database under Anna's name.
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
    // The lock goes with the process, a moment after the socket.
    let store = loop {
        match malkoll::store::Store::open(&db) {
            Ok(store) => break store,
            Err(error) => assert!(
                stopped.elapsed() < Duration::from_secs(10),
                "the stopped service still holds the database: {error}"
            ),
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let drafts = store.drafts().expect("drafts");
    assert!(
        drafts
            .iter()
            .any(|draft| draft.key.starts_with(&format!("{WRITER}:"))
                && draft.text.contains("Utkast som överlever")),
        "{drafts:?}"
    );
}

/// Stops, on drop, the service that an interface started for `db` (it would otherwise
/// outlive the test by its idle time, holding a database whose directory is gone).
struct StopsService<'a>(&'a Path);

impl Drop for StopsService<'_> {
    fn drop(&mut self) {
        let pid = std::fs::read_to_string(self.0.join("malkoll.lock.json"))
            .ok()
            .and_then(|lock| serde_json::from_str::<serde_json::Value>(&lock).ok())
            .and_then(|lock| lock["pid"].as_i64());
        if let Some(pid) = pid {
            let _ = Command::new("kill")
                .args(["-TERM", &pid.to_string()])
                .status();
        }
        let stopping = Instant::now();
        while socket_path(self.0).exists() && stopping.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

/// The interface as a user runs it starts the service, which opens the database and moves
/// a leftover incomplete snapshot to `recovered/`: the interface's status line says so.
#[test]
fn the_interface_through_the_service_tells_what_opening_the_database_found() {
    e2e_common::require_tmux();
    let home = Home::new();
    let db = home.db();
    let store = malkoll::store::Store::open(&db).expect("store opens");
    store
        .seed_bundled(&malkoll::store::Actor::from_parts("test".into(), None))
        .expect("seeds");
    drop(store);
    std::fs::write(db.join("snap.00000000000FFFFF.generating"), vec![7u8; 100])
        .expect("plant an incomplete snapshot");
    let _service = StopsService(&db);
    let tmux = Tmux::start_through_service(&home, "notice", 200, 50);
    let screen = tmux.wait_for("ofullständig ögonblicksbild");
    assert!(screen.contains("recovered"), "{screen}");
    assert!(
        socket_path(&db).exists(),
        "the interface went through a service:\n{screen}"
    );
    assert_eq!(
        std::fs::read_dir(db.join("recovered"))
            .expect("moved aside")
            .count(),
        1
    );
}
