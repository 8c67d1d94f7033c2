//! The client side of the service: what the interface and the commands talk to instead of
//! opening the database. [`Client`] connects to the service for a database — starting
//! `malkoll serve` in the background when none runs, if asked to — and implements
//! [`PlanSource`] for the interface. Changes other users apply arrive on
//! [`Client::updates`] as [`RemoteUpdate`]s; a service that dies is reported there at once
//! (the socket closes), and the next request connects to a new one.
//!
//! Versions: every plan year read remembers the version it was read at, and every save
//! sends it, so a save over someone else's newer change is a [`Refusal::Conflict`]; an
//! undo (or redo) of a change this client made is checked against that change itself.

use std::collections::HashMap;
use std::io::ErrorKind;
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, SyncSender, channel, sync_channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::domain::flags::Dismissals;
use crate::domain::{Council, CouncilPeriods, PlanYear};
use crate::search::{SearchIndex, SeriesAliases, names};
use crate::store::{AuditEntry, Change, Draft, SeriesLink, ValueSources};
use crate::tui::error::SourceError;
use crate::tui::source::{PlanSource, SourceResult};

use super::protocol::{
    AppliedChange, ClientKind, ClientMsg, FrameError, FrameReader, PROTOCOL_VERSION, Refusal,
    Reply, ReportRequest, Request, ServerMsg, SessionInfo, write_frame,
};
use super::socket_path;
use super::versions::Target;

/// How long a request may take before the client gives up on it.
const CALL_TIMEOUT: Duration = Duration::from_secs(60);
/// How long a started service may take to answer.
const START_TIMEOUT: Duration = Duration::from_secs(15);
/// The welcome after hello (generous: a loaded machine may take a while to start a
/// thread; a dead service is noticed at once anyway, by its socket closing).
const HELLO_TIMEOUT: Duration = Duration::from_secs(20);
/// Own changes remembered for undo checks.
const OWN_CHANGES_KEPT: usize = 200;

/// What the service pushes to a client, for the interface's loop.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum RemoteUpdate {
    /// Someone else applied a change to a council this session shows.
    Applied(AppliedChange),
    /// The service went away; drafts and unsaved values are still the client's. The next
    /// request connects to a new service.
    ServiceLost { message: String },
    /// Connected to a new service after one was lost.
    Reconnected,
}

/// Why a request to the service failed.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    #[error("ingen malkoll-tjänst kör för databasen i {0}")]
    NoService(PathBuf),
    #[error("malkoll-tjänsten kunde inte startas: {0}")]
    StartFailed(String),
    #[error(
        "förbindelsen med malkoll-tjänsten bröts ({0}); det som inte bekräftats som sparat är inte sparat"
    )]
    Disconnected(String),
    #[error("malkoll-tjänsten svarade inte inom {0} s")]
    Timeout(u64),
    #[error("malkoll-tjänsten för {path} går inte att nå: {message}")]
    Connect { path: PathBuf, message: String },
    #[error(transparent)]
    Refused(#[from] Refusal),
    #[error("oväntat svar från malkoll-tjänsten")]
    Unexpected,
}

/// How to connect.
#[derive(Debug, Clone)]
pub struct ConnectOptions {
    pub kind: ClientKind,
    /// Start `<exe> --db DIR serve --idle-exit N` when no service runs (`None`: don't).
    pub start_with: Option<PathBuf>,
    /// For a started service: seconds it waits after the last client leaves.
    pub idle_exit_secs: u64,
}

impl ConnectOptions {
    /// Connect to a running service only.
    pub fn existing(kind: ClientKind) -> ConnectOptions {
        ConnectOptions {
            kind,
            start_with: None,
            idle_exit_secs: 0,
        }
    }

    /// Connect, starting `exe` as the service when none runs.
    pub fn starting(kind: ClientKind, exe: PathBuf, idle_exit_secs: u64) -> ConnectOptions {
        ConnectOptions {
            kind,
            start_with: Some(exe),
            idle_exit_secs,
        }
    }
}

type Pending = Mutex<HashMap<u64, SyncSender<Result<Reply, Refusal>>>>;

/// One live connection.
struct Connection {
    writer: Mutex<UnixStream>,
    pending: Arc<Pending>,
    alive: Arc<AtomicBool>,
    login: String,
    writes: Vec<String>,
}

/// A connection to the service for one database, reconnecting when it is lost.
pub struct Client {
    db_dir: PathBuf,
    options: ConnectOptions,
    connection: Mutex<Option<Arc<Connection>>>,
    updates_tx: Sender<RemoteUpdate>,
    updates_rx: Mutex<Option<Receiver<RemoteUpdate>>>,
    /// What [`Client::watch`] asked for, sent again after a reconnect.
    watching: Mutex<Option<Option<String>>>,
    next_id: AtomicU64,
    /// The version each plan year was last read at.
    read_at: Mutex<HashMap<(String, u16), u64>>,
    /// What this client itself last wrote to a target, and at which version.
    own: Mutex<HashMap<Target, u64>>,
    /// This client's recent changes, for undo checks.
    own_entries: Mutex<Vec<AuditEntry>>,
}

impl Client {
    /// Connects to the service for `db_dir` (starting one if the options say so).
    pub fn connect(db_dir: &Path, options: ConnectOptions) -> Result<Client, ClientError> {
        let (updates_tx, updates_rx) = channel();
        let client = Client {
            db_dir: db_dir.to_path_buf(),
            options,
            connection: Mutex::new(None),
            updates_tx,
            updates_rx: Mutex::new(Some(updates_rx)),
            watching: Mutex::new(None),
            next_id: AtomicU64::new(1),
            read_at: Mutex::new(HashMap::new()),
            own: Mutex::new(HashMap::new()),
            own_entries: Mutex::new(Vec::new()),
        };
        client.live_connection()?;
        Ok(client)
    }

    /// The stream of changes by others and of lost or regained connections. Given once.
    pub fn updates(&self) -> Option<Receiver<RemoteUpdate>> {
        self.updates_rx.lock().ok()?.take()
    }

    /// The login the service knows this client as (from the socket).
    pub fn login(&self) -> Result<String, ClientError> {
        Ok(self.live_connection()?.login.clone())
    }

    /// The councils this login may change (`["*"]`: all).
    pub fn writes(&self) -> Result<Vec<String>, ClientError> {
        Ok(self.live_connection()?.writes.clone())
    }

    /// Whether the connection is up now (no reconnect is tried).
    pub fn is_connected(&self) -> bool {
        self.connection
            .lock()
            .ok()
            .and_then(|slot| slot.as_ref().map(|c| c.alive.load(Ordering::SeqCst)))
            .unwrap_or(false)
    }

    /// Asks for updates about `council` (`None`: every council).
    pub fn watch(&self, council: Option<&str>) -> Result<(), ClientError> {
        if let Ok(mut watching) = self.watching.lock() {
            *watching = Some(council.map(str::to_owned));
        }
        self.expect_done(Request::Watch {
            council: council.map(str::to_owned),
        })
    }

    /// A plan year and the version it was read at.
    pub fn plan_year_versioned(
        &self,
        council: &str,
        year: u16,
    ) -> Result<(Option<PlanYear>, u64), ClientError> {
        match self.call(Request::PlanYear {
            council: council.to_owned(),
            year,
        })? {
            Reply::PlanYear { plan, version } => {
                if let Ok(mut read_at) = self.read_at.lock() {
                    read_at.insert((council.to_owned(), year), version);
                }
                Ok((plan, version))
            }
            _ => Err(ClientError::Unexpected),
        }
    }

    /// Applies `change` if what it touches has not changed since version `base`.
    pub fn apply(&self, change: &Change, base: Option<u64>) -> Result<AuditEntry, ClientError> {
        let entry = match self.call(Request::Apply {
            change: change.clone(),
            base,
        })? {
            Reply::Applied(entry) => entry,
            _ => return Err(ClientError::Unexpected),
        };
        if let Ok(mut own) = self.own.lock() {
            own.insert(Target::of(change), entry.seq);
        }
        if let Ok(mut entries) = self.own_entries.lock() {
            entries.push(entry.clone());
            if entries.len() > OWN_CHANGES_KEPT {
                entries.remove(0);
            }
        }
        Ok(entry)
    }

    /// Undoes `entry`, unless someone changed the same thing after it (a conflict).
    pub fn undo(&self, entry: &AuditEntry) -> Result<Option<AuditEntry>, ClientError> {
        match entry.undo_change() {
            Some(change) => self.apply(&change, Some(entry.seq)).map(Some),
            None => Ok(None),
        }
    }

    /// The version a save of `change` was read at: for the undo or redo of this client's
    /// own change, that change; otherwise the later of the plan year's read and this
    /// client's own last save of the same thing.
    ///
    /// This client's own last write is a safe base: it landed only because nobody had
    /// written the same thing after what this client had seen, so undoing several of one's
    /// own saves in a row is no conflict, while a save by anyone else after it is.
    pub fn base_for(&self, change: &Change) -> Option<u64> {
        let own = self.own_base(change);
        if let Ok(entries) = self.own_entries.lock()
            && let Some(undone) = entries
                .iter()
                .rev()
                .find(|entry| entry.undo_change().as_ref() == Some(change))
        {
            return Some(undone.seq).max(own);
        }
        let read = self
            .read_at
            .lock()
            .ok()?
            .get(&(change.council().to_owned(), change.year()))
            .copied();
        read.max(own)
    }

    /// The version of this client's own last save of what `change` touches.
    fn own_base(&self, change: &Change) -> Option<u64> {
        self.own.lock().ok()?.get(&Target::of(change)).copied()
    }

    /// The sessions connected now.
    pub fn who(&self) -> Result<Vec<SessionInfo>, ClientError> {
        match self.call(Request::Who)? {
            Reply::Sessions(sessions) => Ok(sessions),
            _ => Err(ClientError::Unexpected),
        }
    }

    /// Every applied change, oldest first.
    pub fn audit_log(&self) -> Result<Vec<AuditEntry>, ClientError> {
        match self.call(Request::AuditLog)? {
            Reply::Audit(entries) => Ok(entries),
            _ => Err(ClientError::Unexpected),
        }
    }

    /// Loads the bundled sample data into an empty database.
    pub fn seed_bundled(&self) -> Result<(), ClientError> {
        self.expect_done(Request::SeedBundled)
    }

    /// Runs a report subcommand in the service: its text and whether it flagged anything.
    pub fn report(&self, report: ReportRequest) -> Result<(String, bool), ClientError> {
        match self.call(Request::Report(report))? {
            Reply::Report { text, flagged } => Ok((text, flagged)),
            _ => Err(ClientError::Unexpected),
        }
    }

    /// The plan years `export json` selects.
    pub fn export_plans(
        &self,
        council: Option<&str>,
        year: Option<u16>,
    ) -> Result<Vec<PlanYear>, ClientError> {
        match self.call(Request::Report(ReportRequest::ExportJson {
            council: council.map(str::to_owned),
            year,
        }))? {
            Reply::Plans(plans) => Ok(plans),
            _ => Err(ClientError::Unexpected),
        }
    }

    /// The audit log and series links, for `export json --out` of the whole database.
    pub fn export_history(&self) -> Result<crate::store::archive::History, ClientError> {
        match self.call(Request::Report(ReportRequest::ExportHistory))? {
            Reply::Report { text, .. } => {
                serde_json::from_str(&text).map_err(|_| ClientError::Unexpected)
            }
            _ => Err(ClientError::Unexpected),
        }
    }

    fn expect_done(&self, request: Request) -> Result<(), ClientError> {
        match self.call(request)? {
            Reply::Done => Ok(()),
            _ => Err(ClientError::Unexpected),
        }
    }

    /// Sends one request and waits for its reply, connecting first when needed.
    pub fn call(&self, request: Request) -> Result<Reply, ClientError> {
        let connection = self.live_connection()?;
        self.call_on(&connection, request)
    }

    fn call_on(&self, connection: &Connection, request: Request) -> Result<Reply, ClientError> {
        let id = self.next_id.fetch_add(1, Ordering::SeqCst);
        let (reply_tx, reply_rx) = sync_channel(1);
        if let Ok(mut pending) = connection.pending.lock() {
            pending.insert(id, reply_tx);
        }
        // The reader clears `pending` when the service goes; check after inserting.
        if !connection.alive.load(Ordering::SeqCst) {
            return Err(ClientError::Disconnected("tjänsten har stängts".to_owned()));
        }
        {
            let mut writer = connection
                .writer
                .lock()
                .map_err(|_| ClientError::Disconnected("skrivningen avbröts".to_owned()))?;
            write_frame(&mut *writer, &ClientMsg::Request { id, request })
                .map_err(|error| ClientError::Disconnected(error.to_string()))?;
        }
        match reply_rx.recv_timeout(CALL_TIMEOUT) {
            Ok(Ok(reply)) => Ok(reply),
            Ok(Err(refusal)) => Err(ClientError::Refused(refusal)),
            Err(RecvTimeoutError::Timeout) => Err(ClientError::Timeout(CALL_TIMEOUT.as_secs())),
            Err(RecvTimeoutError::Disconnected) => {
                Err(ClientError::Disconnected("tjänsten har stängts".to_owned()))
            }
        }
    }

    /// The live connection, making a new one when the last was lost.
    fn live_connection(&self) -> Result<Arc<Connection>, ClientError> {
        let (connection, reconnected) = {
            let mut slot = self
                .connection
                .lock()
                .map_err(|_| ClientError::Disconnected("förbindelsen är trasig".to_owned()))?;
            if let Some(connection) = slot.as_ref()
                && connection.alive.load(Ordering::SeqCst)
            {
                return Ok(Arc::clone(connection));
            }
            let had_one = slot.is_some();
            let connection = Arc::new(self.open()?);
            *slot = Some(Arc::clone(&connection));
            (connection, had_one)
        };
        let watching = self.watching.lock().ok().and_then(|w| w.clone());
        if let Some(council) = watching {
            self.call_on(&connection, Request::Watch { council })?;
        }
        if reconnected {
            let _ = self.updates_tx.send(RemoteUpdate::Reconnected);
        }
        Ok(connection)
    }

    /// Connects (starting a service if the options say so). A service that closes the
    /// connection during the hello was stopping just then: one more try starts a new one.
    fn open(&self) -> Result<Connection, ClientError> {
        match self.open_once() {
            Err(ClientError::Disconnected(_)) => {
                std::thread::sleep(Duration::from_millis(200));
                self.open_once()
            }
            other => other,
        }
    }

    fn open_once(&self) -> Result<Connection, ClientError> {
        let first = open_connection(&self.db_dir, &self.options.kind, &self.updates_tx);
        let Some(exe) = &self.options.start_with else {
            return first;
        };
        match first {
            Err(ClientError::NoService(_)) => {}
            other => return other,
        }
        let mut child = start_service(exe, &self.db_dir, self.options.idle_exit_secs)?;
        let started = Instant::now();
        loop {
            match open_connection(&self.db_dir, &self.options.kind, &self.updates_tx) {
                Err(ClientError::NoService(_)) => {}
                other => {
                    reap_later(child);
                    return other;
                }
            }
            if let Ok(Some(status)) = child.try_wait() {
                // Another client's service may have won the race for the database.
                std::thread::sleep(Duration::from_millis(100));
                if let Ok(connection) =
                    open_connection(&self.db_dir, &self.options.kind, &self.updates_tx)
                {
                    return Ok(connection);
                }
                return Err(ClientError::StartFailed(
                    last_log_line(&self.db_dir)
                        .unwrap_or_else(|| format!("malkoll serve avslutades ({status})")),
                ));
            }
            if started.elapsed() > START_TIMEOUT {
                reap_later(child);
                return Err(ClientError::StartFailed(format!(
                    "ingen socket efter {} s; se {}",
                    START_TIMEOUT.as_secs(),
                    log_path(&self.db_dir).display()
                )));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Client {
    /// Closes the connection, so the service sees the session end now (the reader thread
    /// would otherwise keep the socket open).
    fn drop(&mut self) {
        if let Ok(slot) = self.connection.lock()
            && let Some(connection) = slot.as_ref()
            && let Ok(writer) = connection.writer.lock()
        {
            let _ = writer.shutdown(std::net::Shutdown::Both);
        }
    }
}

/// Where a started service writes its log.
pub fn log_path(db_dir: &Path) -> PathBuf {
    db_dir.join("serve.log")
}

fn last_log_line(db_dir: &Path) -> Option<String> {
    let text = std::fs::read_to_string(log_path(db_dir)).ok()?;
    let line = text.lines().rev().find(|line| !line.trim().is_empty())?;
    Some(line.chars().filter(|c| !c.is_control()).collect())
}

fn start_service(exe: &Path, db_dir: &Path, idle_exit_secs: u64) -> Result<Child, ClientError> {
    use std::os::unix::process::CommandExt;
    let failed = |error: std::io::Error| ClientError::StartFailed(error.to_string());
    std::fs::create_dir_all(db_dir).map_err(failed)?;
    let log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log_path(db_dir))
        .map_err(failed)?;
    Command::new(exe)
        .arg("--db")
        .arg(db_dir)
        .arg("serve")
        .arg("--idle-exit")
        .arg(idle_exit_secs.to_string())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log)
        // Its own process group: the terminal's ^C and SIGHUP are not for it.
        .process_group(0)
        .spawn()
        .map_err(failed)
}

/// Waits for a started service on a thread, so it leaves no zombie when it stops.
fn reap_later(mut child: Child) {
    let _ = std::thread::Builder::new()
        .name("malkoll-serve-reaper".to_owned())
        .spawn(move || {
            let _ = child.wait();
        });
}

fn open_connection(
    db_dir: &Path,
    kind: &ClientKind,
    updates: &Sender<RemoteUpdate>,
) -> Result<Connection, ClientError> {
    let socket = socket_path(db_dir);
    let stream = match UnixStream::connect(&socket) {
        Ok(stream) => stream,
        Err(error)
            if matches!(
                error.kind(),
                ErrorKind::NotFound | ErrorKind::ConnectionRefused
            ) =>
        {
            return Err(ClientError::NoService(db_dir.to_path_buf()));
        }
        Err(error) => {
            return Err(ClientError::Connect {
                path: socket,
                message: error.to_string(),
            });
        }
    };
    let disconnected = |error: FrameError| ClientError::Disconnected(error.to_string());
    let mut writer = stream
        .try_clone()
        .map_err(|e| ClientError::Disconnected(e.to_string()))?;
    write_frame(
        &mut writer,
        &ClientMsg::Hello {
            protocol: PROTOCOL_VERSION,
            kind: kind.clone(),
            ssh_client: std::env::var("SSH_CONNECTION")
                .ok()
                .and_then(|value| value.split_whitespace().next().map(str::to_owned)),
        },
    )
    .map_err(disconnected)?;
    stream
        .set_read_timeout(Some(HELLO_TIMEOUT))
        .map_err(|e| ClientError::Disconnected(e.to_string()))?;
    let mut reader = FrameReader::for_replies(stream);
    let (login, writes) = match reader.read::<ServerMsg>().map_err(disconnected)? {
        Some(ServerMsg::Welcome { login, writes, .. }) => (login, writes),
        Some(_) => return Err(ClientError::Unexpected),
        None => {
            return Err(ClientError::Disconnected(
                "tjänsten stängde förbindelsen utan att hälsa".to_owned(),
            ));
        }
    };
    reader
        .get_ref()
        .set_read_timeout(None)
        .map_err(|e| ClientError::Disconnected(e.to_string()))?;
    let pending: Arc<Pending> = Arc::new(Mutex::new(HashMap::new()));
    let alive = Arc::new(AtomicBool::new(true));
    let thread_pending = Arc::clone(&pending);
    let thread_alive = Arc::clone(&alive);
    let updates = updates.clone();
    std::thread::Builder::new()
        .name("malkoll-client-reader".to_owned())
        .spawn(move || read_replies(reader, &thread_pending, &thread_alive, &updates))
        .map_err(|e| ClientError::Disconnected(e.to_string()))?;
    Ok(Connection {
        writer: Mutex::new(writer),
        pending,
        alive,
        login,
        writes,
    })
}

/// The reader thread: replies to their callers, updates to the stream, and at the end a
/// [`RemoteUpdate::ServiceLost`] at once.
fn read_replies(
    mut reader: FrameReader<UnixStream>,
    pending: &Pending,
    alive: &AtomicBool,
    updates: &Sender<RemoteUpdate>,
) {
    let message = loop {
        match reader.read::<ServerMsg>() {
            Ok(Some(ServerMsg::Reply { id, result })) => {
                let waiting = pending.lock().ok().and_then(|mut p| p.remove(&id));
                if let Some(waiting) = waiting {
                    let _ = waiting.send(result);
                }
            }
            Ok(Some(ServerMsg::Update(change))) => {
                let _ = updates.send(RemoteUpdate::Applied(change));
            }
            Ok(Some(ServerMsg::Welcome { .. })) => {}
            Ok(None) => break "malkoll-tjänsten stängdes".to_owned(),
            Err(error) => break format!("förbindelsen med malkoll-tjänsten bröts: {error}"),
        }
    };
    alive.store(false, Ordering::SeqCst);
    if let Ok(mut pending) = pending.lock() {
        pending.clear();
    }
    let _ = updates.send(RemoteUpdate::ServiceLost { message });
}

impl PlanSource for Client {
    fn councils(&self) -> SourceResult<Vec<Council>> {
        match self.call(Request::Councils).map_err(SourceError::from)? {
            Reply::Councils(councils) => Ok(councils),
            _ => Err(ClientError::Unexpected.into()),
        }
    }

    fn years(&self, council: &str) -> SourceResult<Vec<u16>> {
        match self
            .call(Request::Years {
                council: council.to_owned(),
            })
            .map_err(SourceError::from)?
        {
            Reply::Years(years) => Ok(years),
            _ => Err(ClientError::Unexpected.into()),
        }
    }

    fn plan_year(&self, council: &str, year: u16) -> SourceResult<Option<PlanYear>> {
        Ok(self
            .plan_year_versioned(council, year)
            .map_err(SourceError::from)?
            .0)
    }

    fn council_periods(&self) -> SourceResult<Vec<CouncilPeriods>> {
        match self
            .call(Request::CouncilPeriods)
            .map_err(SourceError::from)?
        {
            Reply::CouncilPeriods(found) => Ok(found),
            _ => Err(ClientError::Unexpected.into()),
        }
    }

    fn versioned_plan_year(
        &self,
        council: &str,
        year: u16,
    ) -> SourceResult<(Option<PlanYear>, Option<u64>)> {
        let (plan, version) = Client::plan_year_versioned(self, council, year)?;
        Ok((plan, Some(version)))
    }

    /// Asks the service, which checks the sources against the plan year it holds now (the
    /// plan is not sent: it is the one just read, a few hundred kB).
    fn value_sources(&self, plan: &PlanYear) -> SourceResult<ValueSources> {
        match self
            .call(Request::ValueSources {
                council: plan.council.id.clone(),
                year: plan.year,
            })
            .map_err(SourceError::from)?
        {
            Reply::ValueSources(sources) => Ok(sources),
            _ => Err(ClientError::Unexpected.into()),
        }
    }

    fn dismissals(&self, council: &str, year: u16) -> SourceResult<Dismissals> {
        match self
            .call(Request::Dismissals {
                council: council.to_owned(),
                year,
            })
            .map_err(SourceError::from)?
        {
            Reply::Dismissals(marks) => Ok(marks),
            _ => Err(ClientError::Unexpected.into()),
        }
    }

    /// What the service's opening of the database found (it is the service's store the
    /// user works on). A service that cannot be asked has said all it will: the loop would
    /// otherwise ask on every key; after a reconnect the app asks the new service anew.
    fn notices(&self) -> (Vec<String>, bool) {
        match self.call(Request::Notices) {
            Ok(Reply::Notices { lines, done }) => (lines, done),
            _ => (Vec::new(), true),
        }
    }

    /// Saves with the version the value was read at (see [`Client::base_for`]).
    fn apply_change(&self, change: &Change) -> SourceResult<AuditEntry> {
        self.apply(change, self.base_for(change))
            .map_err(SourceError::from)
    }

    /// Saves with the version the editor read (or this client's own later save of the same
    /// thing, see [`Client::base_for`]): a reload of the plan year while the editor was open
    /// must not move the base past a change the user has not seen.
    fn apply_change_at(&self, change: &Change, base: Option<u64>) -> SourceResult<AuditEntry> {
        let base = match base {
            Some(read) => Some(read).max(self.own_base(change)),
            None => self.base_for(change),
        };
        self.apply(change, base).map_err(SourceError::from)
    }

    fn describe_change(&self, change: &Change) -> String {
        match self.call(Request::Describe {
            change: change.clone(),
        }) {
            Ok(Reply::Text(text)) => text,
            _ => change.describe(),
        }
    }

    fn save_draft(&self, key: &str, text: &str) -> SourceResult<()> {
        self.expect_done(Request::SaveDraft {
            key: key.to_owned(),
            text: text.to_owned(),
        })
        .map_err(SourceError::from)
    }

    fn discard_draft(&self, key: &str) -> SourceResult<()> {
        self.expect_done(Request::DiscardDraft {
            key: key.to_owned(),
        })
        .map_err(SourceError::from)
    }

    fn drafts(&self) -> SourceResult<Vec<Draft>> {
        match self.call(Request::Drafts).map_err(SourceError::from)? {
            Reply::Drafts(drafts) => Ok(drafts),
            _ => Err(ClientError::Unexpected.into()),
        }
    }

    fn audit_log(&self) -> SourceResult<Vec<AuditEntry>> {
        Client::audit_log(self).map_err(SourceError::from)
    }

    fn search_index(&self) -> SourceResult<SearchIndex> {
        match self.call(Request::NameList).map_err(SourceError::from)? {
            Reply::Text(text) => Ok(names::index_of(&text)),
            _ => Err(ClientError::Unexpected.into()),
        }
    }

    fn series_aliases(&self) -> SourceResult<SeriesAliases> {
        let links: Vec<SeriesLink> =
            match self.call(Request::SeriesLinks).map_err(SourceError::from)? {
                Reply::SeriesLinks(links) => links,
                _ => return Err(ClientError::Unexpected.into()),
            };
        let mut aliases = SeriesAliases::bundled().clone();
        for link in &links {
            match &link.linked_to {
                Some(target) => aliases.link(&target.name, &link.alias.name),
                None => aliases.unlink(&link.alias.name),
            }
        }
        Ok(aliases)
    }
}
