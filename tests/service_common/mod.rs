//! Shared harness for the service tests and the load bench: the real `malkoll serve` on a
//! temp database seeded with the bundled data, and clients connected to it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use malkoll::domain::{GoalStatus, NodeId, Period, PlanYear};
use malkoll::service::client::ConnectOptions;
use malkoll::service::protocol::ClientKind;
use malkoll::service::{Client, socket_path};
use malkoll::store::Change;

pub fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_malkoll"))
}

/// A running `malkoll serve` on a database in a temp dir.
pub struct Service {
    pub child: Child,
    pub db: PathBuf,
    pub dir: tempfile::TempDir,
}

impl Service {
    /// Starts a service on a new database (with `access.toml` when given) and seeds the
    /// bundled data through it.
    pub fn start(access_toml: Option<&str>) -> Service {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("db");
        std::fs::create_dir_all(&db).expect("db dir");
        if let Some(text) = access_toml {
            std::fs::write(db.join("access.toml"), text).expect("access.toml");
        }
        let child = spawn(&db);
        let service = Service { child, db, dir };
        service
            .client()
            .seed_bundled()
            .expect("seeds the bundled data");
        service
    }

    /// Starts a service on a database that `prepare` made first, in the directory it is
    /// given, and closed again (the service must be the one to open it: a Kolada import
    /// that does not go through the service, a file planted beside the records).
    pub fn start_prepared(prepare: impl FnOnce(&Path)) -> Service {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("db");
        std::fs::create_dir_all(&db).expect("db dir");
        prepare(&db);
        let child = spawn(&db);
        Service { child, db, dir }
    }

    /// A new client of this service.
    pub fn client(&self) -> Client {
        Client::connect(
            &self.db,
            ConnectOptions::existing(ClientKind::Command("test".to_owned())),
        )
        .unwrap_or_else(|error| panic!("connects to the service: {error}"))
    }

    /// Kills the service outright (kill -9): nothing is flushed on the way out.
    pub fn kill(&mut self) {
        self.child.kill().expect("kill the service");
        self.child.wait().expect("reap the service");
    }

    /// Starts a new service on the same database after a kill.
    pub fn restart(&mut self) {
        self.child = spawn(&self.db);
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("serve.log")).unwrap_or_default()
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `malkoll serve` with its log in the temp dir and waits until its socket takes a
/// connection: the file exists from `bind`, a moment before `listen`, and a connection in
/// between is refused.
pub fn spawn(db: &Path) -> Child {
    let log_file = db.parent().expect("db has a parent").join("serve.log");
    let log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log_file)
        .expect("log file");
    let _ = std::fs::remove_file(socket_path(db));
    let mut child = Command::new(binary())
        .arg("--db")
        .arg(db)
        .arg("serve")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .expect("malkoll serve starts");
    let started = Instant::now();
    while std::os::unix::net::UnixStream::connect(socket_path(db)).is_err() {
        if let Ok(Some(status)) = child.try_wait() {
            panic!("malkoll serve exited early: {status}");
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "no socket taking connections after 30 s"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    child
}

/// Every (goal, period) of Södermalm 2020 that a status can be saved for: distinct targets.
pub fn goal_targets(plan: &PlanYear) -> Vec<(NodeId, Period)> {
    let periods = [Period::Tertial(1), Period::Tertial(2), Period::AnnualReport];
    let mut targets = Vec::new();
    for period in periods {
        for goal in plan.goals_depth_first() {
            targets.push((goal.id, period));
        }
    }
    targets
}

/// A change of a goal's analys text.
pub fn set_analysis(goal: NodeId, period: Period, text: &str) -> Change {
    Change::SetGoalStatus {
        council: "sodermalm".to_owned(),
        year: 2020,
        goal,
        period,
        status: GoalStatus {
            analysis: text.to_owned(),
            ..GoalStatus::default()
        },
    }
}

/// The analys text stored for a goal and period.
pub fn analysis_of(plan: &PlanYear, goal: NodeId, period: Period) -> Option<String> {
    plan.goals_depth_first()
        .into_iter()
        .find(|g| g.id == goal)
        .and_then(|g| g.status.get(&period))
        .map(|status| status.analysis.clone())
}
