//! The sled database: the only place stored data is read and written.
//!
//! Everything written goes through [`Store::apply`] as a [`Change`]: one sled transaction
//! writes the change and its [`AuditEntry`], then the database is flushed, and only then does
//! `apply` return `Ok` (so the UI may say "sparat"). sled's flush writes and syncs its log
//! with `sync_file_range`/`fsync` as the platform allows; on Linux it is not a full `fsync` of
//! the directory, so a power loss (not a killed process) can still lose the last save.
//!
//! Modules: [`keys`] (layout of the trees, documented there), `records` (versioned record
//! types and the split of a plan year into records), `codec` (bincode, nowhere else),
//! `apply` (one transaction per change), `error` ([`StoreError`]),
//! [`schema`] (version check), [`change`], [`audit`], [`drafts`] (unsaved editor text),
//! [`lock`] (who holds the database), `bundled` (the sample data compiled in).

mod apply;
pub mod archive;
pub mod audit;
mod audit_v1;
mod audit_v2;
pub mod backup;
mod bundled;
pub mod change;
mod codec;
pub mod directory;
mod dismissals;
pub mod drafts;
pub mod economy;
mod error;
mod frozen;
pub mod keys;
pub mod lock;
mod name_list;
mod records;
pub mod refusals;
pub mod schema;
mod seal;
pub mod series_links;
mod value_sources;
pub mod verify;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub use audit::{Actor, AuditEntry};

/// The notice for an incomplete snapshot that opening moved to `recovered/`.
pub fn moved_aside_notice(moved: &Path) -> String {
    format!(
        "en ofullständig ögonblicksbild av databasen (kvar efter ett avbrott eller en full disk) flyttades till {}; databasen öppnades utan den.",
        moved.display()
    )
}

/// The notice for a database opened only for reading, with `reason`.
pub fn read_only_notice(reason: &str) -> String {
    format!("databasen öppnas bara för läsning; inget sparas. {reason} Kör «malkoll doctor».")
}
pub use change::{Change, IndicatorValues, Snapshot};
pub use drafts::Draft;
pub use economy::EconomyChange;
pub use error::StoreError;
pub use lock::LockInfo;
pub use records::NodeKind;
pub use refusals::RefusedChange;
pub use series_links::{SeriesLink, SeriesRef};
pub use value_sources::ValueSources;

use crate::domain::plan::periods_with_data;
use crate::domain::{Council, CouncilPeriods, NodeId, PlanYear, YearPeriods};
use audit::AuditRecord;
use change::dismissal_description;
use codec::Versioned;
use drafts::{DraftRecord, DraftV1};
use keys::CouncilKey;
use records::{CouncilRecord, CouncilV1, NodeRecord, ReportRecord, YearRecord};

/// sled's default page cache is 1 GiB; a council database is a few MB.
const CACHE_CAPACITY_BYTES: u64 = 64 * 1024 * 1024;

/// How long `open` keeps retrying a lock held by this same process or by nobody known.
/// sled closes its file on background threads a moment after the `Db` is dropped, so a
/// reopen in the same process (tests, switching `--db` and back) can briefly see its own lock.
const OWN_LOCK_PATIENCE: Duration = Duration::from_secs(2);

/// A save whose flush has not finished after this long is reported as not saved: sled's
/// flush can block for good on a full disk (issue 12), and the UI must not hang with it.
pub const FLUSH_PATIENCE: Duration = Duration::from_secs(5);

enum OpenFailure {
    Sled(sled::Error),
    /// sled 0.34 panics on some damaged logs instead of returning an error.
    Panicked,
}

thread_local! {
    /// Set while this thread opens sled: a panic then is a damaged database, reported as
    /// such, and its Rust panic text is not printed.
    static QUIET_PANICS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// `config.open()`, with a panic inside sled caught and its message kept off the terminal.
fn open_catching_panics(config: &sled::Config) -> Result<sled::Db, OpenFailure> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET_PANICS.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
    QUIET_PANICS.with(|quiet| quiet.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| config.open()));
    QUIET_PANICS.with(|quiet| quiet.set(false));
    match result {
        Ok(Ok(db)) => Ok(db),
        Ok(Err(error)) => Err(OpenFailure::Sled(error)),
        Err(_) => Err(OpenFailure::Panicked),
    }
}

/// Opens sled in `dir`, turning a held lock into [`StoreError::Locked`] with its holder.
fn open_sled(dir: &Path) -> Result<sled::Db, StoreError> {
    let config = sled::Config::new()
        .path(dir)
        .cache_capacity(CACHE_CAPACITY_BYTES);
    let started = Instant::now();
    let mut pause = Duration::from_millis(5);
    loop {
        let error = match open_catching_panics(&config) {
            Ok(db) => return Ok(db),
            Err(OpenFailure::Panicked) => {
                return Err(StoreError::Corrupt(
                    "databasmotorn kunde inte läsa sin logg (filen «db»)".to_owned(),
                ));
            }
            Err(OpenFailure::Sled(error)) => error,
        };
        if !lock::is_lock_conflict(&error) {
            return Err(error.into());
        }
        let holder = LockInfo::read(dir);
        let maybe_ours = holder
            .as_ref()
            .is_none_or(|holder| holder.pid == std::process::id());
        if !maybe_ours || started.elapsed() >= OWN_LOCK_PATIENCE {
            return Err(StoreError::Locked {
                path: dir.to_path_buf(),
                holder,
            });
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(100));
    }
}

/// The open database and its named trees. One per process (sled's rule).
pub struct Store {
    dir: PathBuf,
    db: sled::Db,
    meta: sled::Tree,
    councils: sled::Tree,
    years: sled::Tree,
    nodes: sled::Tree,
    reports: sled::Tree,
    audit: sled::Tree,
    drafts: sled::Tree,
    series_links: sled::Tree,
    /// The source of imported values ([`value_sources`]).
    value_sources: sled::Tree,
    /// A council-year's economy and its added months ([`economy`]).
    economy: sled::Tree,
    months: sled::Tree,
    /// Flags marked *ej aktuell i denna period* ([`dismissals`]).
    dismissals: sled::Tree,
    /// Serialises `apply`: a plan-year replacement reads the old keys before its
    /// transaction (sled transactions cannot scan), so no other write may come between.
    write_lock: Mutex<()>,
    /// Set once a record from a newer malkoll has been read; from then on nothing is written.
    saw_newer_record: AtomicBool,
    /// Why this process writes nothing: set once any record could not be read.
    read_only: Mutex<Option<String>>,
    /// The reading of every record (*genomläsning*): running since `open`, not started yet
    /// (opened for reading), or done. The first write waits for it under this lock.
    verifying: Mutex<FullCheck>,
    /// Every record was found readable (or the seal showed nothing changed since they were):
    /// the store is sealed at close ([`seal`]).
    read_through: AtomicBool,
    /// ... and that because the seal held, without reading them.
    sealed_at_open: AtomicBool,
    /// Notes for the audit entry of the plan year being put; set under `write_lock`.
    pending_notes: Mutex<Vec<String>>,
    /// True while a flush that ran past [`FLUSH_PATIENCE`] is still going.
    flush_stuck: Arc<AtomicBool>,
    /// What opening found and did (incomplete snapshots moved aside), for the user.
    prepared: directory::Prepared,
}

/// The reading of every record once (*genomläsning*), which decides whether this process
/// may write at all.
enum FullCheck {
    /// Not begun: the first write runs it ([`Store::open_for_reading`]).
    NotStarted,
    /// On its thread since [`Store::open`]; `stop` ends it early when the store is dropped,
    /// so the thread's handles on the trees do not hold the database open after the store.
    Running {
        result: std::sync::mpsc::Receiver<verify::Verification>,
        stop: Arc<AtomicBool>,
        thread: std::thread::JoinHandle<()>,
    },
    /// Its result is taken in (`read_only` holds the reason if any).
    Done,
}

impl Store {
    /// `$XDG_DATA_HOME/malkoll` (or the platform's data directory), else `./malkoll-data`.
    pub fn default_path() -> PathBuf {
        dirs::data_dir()
            .map(|dir| dir.join("malkoll"))
            .unwrap_or_else(|| PathBuf::from("malkoll-data"))
    }

    /// Opens (creating if needed) the database in `dir`, checks its schema and records this
    /// process as its holder.
    ///
    /// Refuses a directory that is not a malkoll database or whose log is gone; moves an
    /// incomplete sled snapshot to `recovered/` first (see [`Store::moved_aside`]). Every
    /// record is read once: if one cannot be, the store opens read-only
    /// ([`Store::read_only_reason`]).
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        // Before sled opens: opening rewrites parts of its log (free segments), so a seal
        // can only be compared with the files as the last process left them.
        let sealed =
            seal::Seal::read(dir).is_some_and(|seal| seal.holds(dir, &verify::format_signature()));
        let store = Store::open_unchecked(dir)?;
        store.start_full_check(sealed);
        Ok(store)
    }

    /// As [`Store::open`] for a command that reads: every record is read only when (and
    /// if) something is about to be written, and then before it is, so a read prints at
    /// once and a write still never goes into a database that cannot be fully read. A
    /// damaged record the command itself reads is reported by that read.
    pub fn open_for_reading(dir: &Path) -> Result<Store, StoreError> {
        Store::open_unchecked(dir)
    }

    fn open_unchecked(dir: &Path) -> Result<Store, StoreError> {
        let prepared = directory::prepare(dir)?;
        let db = open_sled(dir)?;
        if prepared.is_new {
            directory::make_new_database_private(dir);
        }
        let meta = db.open_tree("meta")?;
        schema::check_or_initialise(&db, &meta)?;
        let store = Store {
            dir: dir.to_path_buf(),
            councils: db.open_tree("councils")?,
            years: db.open_tree("years")?,
            nodes: db.open_tree("nodes")?,
            reports: db.open_tree("reports")?,
            audit: db.open_tree("audit")?,
            drafts: db.open_tree("drafts")?,
            series_links: db.open_tree("series_links")?,
            value_sources: db.open_tree("value_sources")?,
            economy: db.open_tree("economy")?,
            months: db.open_tree("months")?,
            dismissals: db.open_tree("dismissals")?,
            meta,
            db,
            write_lock: Mutex::new(()),
            saw_newer_record: AtomicBool::new(false),
            read_only: Mutex::new(None),
            pending_notes: Mutex::new(Vec::new()),
            verifying: Mutex::new(FullCheck::NotStarted),
            read_through: AtomicBool::new(false),
            sealed_at_open: AtomicBool::new(false),
            flush_stuck: Arc::new(AtomicBool::new(false)),
            prepared,
        };
        store.flush_bounded()?;
        // Best effort: without the file a second malkoll still gets a (less specific) message.
        let _ = LockInfo::current(&Actor::from_env().login).write(dir);
        Ok(store)
    }

    /// Starts reading every record on a thread, so a large database opens at once; the
    /// first write (and `read_only_reason`) waits for the result.
    fn start_full_check(&self, sealed: bool) {
        let Ok(mut slot) = self.verifying.lock() else {
            return;
        };
        if !matches!(*slot, FullCheck::NotStarted) {
            return;
        }
        let trees = self.trees();
        let (sender, result) = std::sync::mpsc::channel();
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = stop.clone();
        let spawned = std::thread::Builder::new()
            .name("malkoll-verify".to_owned())
            .spawn(move || {
                let _ = sender.send(trees.read_through(sealed, &stopped));
            });
        // Without a thread the check runs at the first write instead.
        if let Ok(thread) = spawned {
            *slot = FullCheck::Running {
                result,
                stop,
                thread,
            };
        }
    }

    /// Waits for the reading of every record (running it now if it has not started) and
    /// takes in its result. The lock is held throughout, so a second caller waits too.
    fn await_verification(&self) {
        let Ok(mut slot) = self.verifying.lock() else {
            self.mark_read_only(
                "databasen kunde inte läsas igenom (läsningen avbröts).".to_owned(),
            );
            return;
        };
        let found = match std::mem::replace(&mut *slot, FullCheck::Done) {
            FullCheck::Done => return,
            FullCheck::NotStarted => Ok(self.trees().decode_all(&AtomicBool::new(false))),
            FullCheck::Running { result, .. } => result.recv(),
        };
        match found {
            Ok(found) => self.take_in(&found),
            Err(_) => self.mark_read_only(
                "databasen kunde inte läsas igenom (läsningen avbröts).".to_owned(),
            ),
        }
    }

    /// Takes in a finished reading-through: a problem makes the process read-only; none
    /// lets it seal the database at close.
    fn take_in(&self, found: &verify::Verification) {
        match found.read_only_reason() {
            Some(reason) => self.mark_read_only(reason),
            None => {
                self.read_through.store(true, Ordering::SeqCst);
                self.sealed_at_open.store(found.sealed, Ordering::SeqCst);
            }
        }
    }

    /// Whether opening skipped reading every record because the seal showed the files
    /// unchanged since they were last read through (waits for opening's check).
    pub fn read_through_was_sealed(&self) -> bool {
        self.await_verification();
        self.sealed_at_open.load(Ordering::SeqCst)
    }

    /// Why nothing is written to this database, when a record could not be read.
    pub fn read_only_reason(&self) -> Option<String> {
        self.await_verification();
        if self.saw_newer_record.load(Ordering::SeqCst) {
            return Some(StoreError::WriteRefused.to_string());
        }
        self.read_only.lock().ok().and_then(|reason| reason.clone())
    }

    /// As [`Store::read_only_reason`], without waiting for the reading-through that opening
    /// started: what is known so far, from the records read and the check if it has
    /// finished (the interface and the read-only commands start at once and ask again later).
    pub fn read_only_reason_if_known(&self) -> Option<String> {
        if let Ok(mut slot) = self.verifying.lock()
            && let FullCheck::Running { result, .. } = &*slot
        {
            match result.try_recv() {
                Ok(found) => {
                    *slot = FullCheck::Done;
                    self.take_in(&found);
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => {}
                Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                    *slot = FullCheck::Done;
                    self.mark_read_only(
                        "databasen kunde inte läsas igenom (läsningen avbröts).".to_owned(),
                    );
                }
            }
        }
        if self.saw_newer_record.load(Ordering::SeqCst) {
            return Some(StoreError::WriteRefused.to_string());
        }
        self.read_only.lock().ok().and_then(|reason| reason.clone())
    }

    /// Incomplete sled snapshot files that opening moved to `recovered/`.
    pub fn moved_aside(&self) -> &[PathBuf] {
        &self.prepared.moved_aside
    }

    /// What opening found that the user must be told, in Swedish — the same sentences on
    /// the command line and in the interface's status line — and whether that is all:
    /// `false` while the records are still being read through (ask again later).
    pub fn opening_notices(&self) -> (Vec<String>, bool) {
        let mut notices: Vec<String> = self
            .moved_aside()
            .iter()
            .map(|moved| moved_aside_notice(moved))
            .collect();
        notices.extend(
            self.read_only_reason_if_known()
                .map(|r| read_only_notice(&r)),
        );
        let done = self
            .verifying
            .lock()
            .is_ok_and(|slot| !matches!(*slot, FullCheck::Running { .. }));
        (notices, done)
    }

    fn mark_read_only(&self, reason: String) {
        if let Ok(mut slot) = self.read_only.lock()
            && slot.is_none()
        {
            *slot = Some(reason);
        }
    }

    /// The error for a write this process must not make, if any: a record could not be read,
    /// an earlier flush is still stuck, or the disk is nearly full.
    pub fn check_writable(&self) -> Result<(), StoreError> {
        self.await_verification();
        if self.saw_newer_record.load(Ordering::SeqCst) {
            return Err(StoreError::WriteRefused);
        }
        if let Some(reason) = self.read_only.lock().ok().and_then(|r| r.clone()) {
            return Err(StoreError::ReadOnly(reason));
        }
        if self.flush_stuck.load(Ordering::SeqCst) {
            return Err(StoreError::SaveTimedOut {
                seconds: FLUSH_PATIENCE.as_secs(),
            });
        }
        directory::check_free_space(&self.dir)
    }

    /// Flushes on a helper thread and waits at most [`FLUSH_PATIENCE`]: a flush that hangs
    /// (a full disk) is reported, and further writes are refused until it has finished.
    fn flush_bounded(&self) -> Result<(), StoreError> {
        if self.flush_stuck.load(Ordering::SeqCst) {
            return Err(StoreError::SaveTimedOut {
                seconds: FLUSH_PATIENCE.as_secs(),
            });
        }
        let (sender, receiver) = std::sync::mpsc::channel();
        let db = self.db.clone();
        let stuck = Arc::clone(&self.flush_stuck);
        let spawned = std::thread::Builder::new()
            .name("malkoll-flush".to_owned())
            .spawn(move || {
                let result = db.flush();
                stuck.store(false, Ordering::SeqCst);
                let _ = sender.send(result);
            });
        if spawned.is_err() {
            // No thread to spare: flush here rather than not at all.
            self.db.flush()?;
            return Ok(());
        }
        match receiver.recv_timeout(FLUSH_PATIENCE) {
            Ok(result) => {
                result?;
                Ok(())
            }
            Err(_) => {
                self.flush_stuck.store(true, Ordering::SeqCst);
                Err(StoreError::SaveTimedOut {
                    seconds: FLUSH_PATIENCE.as_secs(),
                })
            }
        }
    }

    /// The directory the database lives in.
    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Whether no council-year has been stored yet.
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self.years.is_empty())
    }

    /// Every council, sorted by name.
    pub fn councils(&self) -> Result<Vec<Council>, StoreError> {
        let mut councils = Vec::new();
        for entry in self.councils.iter() {
            let (slug, bytes) = entry?;
            let CouncilRecord::V1(record) = self.decode(&bytes)?;
            councils.push(Council {
                id: String::from_utf8_lossy(&slug).into_owned(),
                name: record.name,
            });
        }
        councils.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
        Ok(councils)
    }

    /// The years stored for a council, ascending; empty for an unknown council.
    pub fn years(&self, council: &str) -> Result<Vec<u16>, StoreError> {
        let Some((key, _)) = self.council_record(council)? else {
            return Ok(Vec::new());
        };
        let mut years = Vec::new();
        for entry in self.years.scan_prefix(keys::council_prefix(key)) {
            let (year_key, _) = entry?;
            years.push(keys::year_of(&year_key).ok_or_else(|| bad_key("years", &year_key))?);
        }
        Ok(years)
    }

    /// Every council (by name) with its years and each year's periods with data, read from
    /// the year records and added months alone, without a goal tree.
    pub fn council_periods(&self) -> Result<Vec<CouncilPeriods>, StoreError> {
        let mut out = Vec::new();
        for council in self.councils()? {
            let Some((key, _)) = self.council_record(&council.id)? else {
                continue;
            };
            let mut years = Vec::new();
            for entry in self.years.scan_prefix(keys::council_prefix(key)) {
                let (year_key, bytes) = entry?;
                let year = keys::year_of(&year_key).ok_or_else(|| bad_key("years", &year_key))?;
                let YearRecord::V1(record) = self.decode(&bytes)?;
                let months = self.stored_months(&year_key)?;
                years.push(YearPeriods {
                    year,
                    periods: periods_with_data(&record.documents, &months),
                });
            }
            out.push(CouncilPeriods { council, years });
        }
        Ok(out)
    }

    /// One council-year as the nested tree it was put as.
    pub fn plan_year(&self, council: &str, year: u16) -> Result<Option<PlanYear>, StoreError> {
        let Some((key, record)) = self.council_record(council)? else {
            return Ok(None);
        };
        let year_key = keys::year_key(key, year);
        let Some(year_bytes) = self.years.get(year_key)? else {
            return Ok(None);
        };
        let year_record: YearRecord = self.decode(&year_bytes)?;
        let mut nodes = Vec::new();
        for entry in self.nodes.scan_prefix(year_key) {
            let (node_key, bytes) = entry?;
            let id = keys::node_of(&node_key).ok_or_else(|| bad_key("nodes", &node_key))?;
            nodes.push((id, self.decode::<NodeRecord>(&bytes)?));
        }
        let mut reports = Vec::new();
        for entry in self.reports.scan_prefix(year_key) {
            let (report_key, bytes) = entry?;
            let id = keys::node_of(&report_key).ok_or_else(|| bad_key("reports", &report_key))?;
            let period =
                keys::period_of(&report_key).ok_or_else(|| bad_key("reports", &report_key))?;
            reports.push((id, period, self.decode::<ReportRecord>(&bytes)?));
        }
        let council = Council {
            id: council.to_owned(),
            name: record.name,
        };
        let mut plan = records::assemble(council, year, year_record, nodes, reports)?;
        plan.economy = self.stored_economy(&year_key)?;
        plan.months = self.stored_months(&year_key)?;
        Ok(Some(plan))
    }

    /// Applies one change and its audit entry in one transaction, flushes, and returns the
    /// entry. Nothing is written when it fails.
    pub fn apply(&self, change: &Change, actor: &Actor) -> Result<AuditEntry, StoreError> {
        self.apply_noted(change, actor, Vec::new())
    }

    /// As [`Store::apply`], storing `notes` with a plan year's audit entry (an import's kept
    /// conflicts); read back with [`Store::audit_notes`].
    pub fn apply_noted(
        &self,
        change: &Change,
        actor: &Actor,
        notes: Vec<String>,
    ) -> Result<AuditEntry, StoreError> {
        self.check_writable()?;
        // Best effort: a failed daily backup must not keep a user's change from being saved.
        let _ = self.backup_if_due();
        let _serialised = self
            .write_lock
            .lock()
            .map_err(|_| StoreError::Database("en tidigare skrivning avbröts".to_owned()))?;
        if let Ok(mut pending) = self.pending_notes.lock() {
            *pending = notes;
        }
        let at = jiff::Timestamp::now().to_string();
        let put_plan = match change {
            Change::PutPlanYear(plan) => Some(plan),
            _ => None,
        };
        let name_list = put_plan.map(|_| self.take_name_list());
        let result = self.apply_unflushed(change, actor, at);
        if let Ok(mut pending) = self.pending_notes.lock() {
            pending.clear();
        }
        if let Some(taken) = name_list {
            self.flush_bounded()?;
            self.restore_name_list(taken, put_plan.filter(|_| result.is_ok()));
        }
        match &result {
            Err(StoreError::UnknownRecordVersion { .. }) => {
                self.saw_newer_record.store(true, Ordering::SeqCst);
            }
            Err(StoreError::Corrupt(reason)) => self.mark_read_only(format!("{reason}.")),
            _ => {}
        }
        let entry = result?;
        self.flush_bounded()?;
        Ok(entry)
    }

    /// Writes everything from the current buffers to disk, waiting at most
    /// [`FLUSH_PATIENCE`]. For the signal thread, which flushes before exiting; `apply` has
    /// flushed already.
    pub fn flush(&self) -> Result<(), StoreError> {
        self.flush_bounded()
    }

    /// Flushes and seals the database as dropping the store does, for a process that exits
    /// without dropping it (the service's stop, the interface's SIGHUP/SIGTERM): the next
    /// open then need not read every record again.
    pub fn close(&self) -> Result<(), StoreError> {
        self.flush_bounded()?;
        self.seal_or_unseal();
        Ok(())
    }

    /// Every applied change, oldest first.
    pub fn audit_log(&self) -> Result<Vec<AuditEntry>, StoreError> {
        let mut entries = Vec::new();
        self.for_each_audit_entry(|entry| entries.push(entry))?;
        Ok(entries)
    }

    /// Every applied change, oldest first, one at a time: for a reader that keeps a little
    /// of each (the service's versions), so the whole log is never in memory at once.
    pub fn for_each_audit_entry(&self, mut take: impl FnMut(AuditEntry)) -> Result<(), StoreError> {
        for entry in self.audit.iter() {
            let (key, bytes) = entry?;
            let seq = keys::read_u64(&key).ok_or_else(|| bad_key("audit", &key))?;
            take(self.decode::<AuditRecord>(&bytes)?.into_entry(seq));
        }
        Ok(())
    }

    /// The notes stored with audit entry `seq` (empty when none, or for an older entry).
    pub fn audit_notes(&self, seq: u64) -> Result<Vec<String>, StoreError> {
        match self.audit.get(keys::audit_key(seq))? {
            Some(bytes) => Ok(self.decode::<AuditRecord>(&bytes)?.notes().to_vec()),
            None => Ok(Vec::new()),
        }
    }

    /// Loads the bundled sample data (`data/*.json`) into an empty database; does nothing
    /// to one that has data. Returns how many council-years were loaded.
    pub fn seed_bundled(&self, actor: &Actor) -> Result<usize, StoreError> {
        self.seed_from_files(&bundled::bundled_files(), actor)
    }

    /// As [`Store::seed_bundled`], from given (file name, JSON of a `PlanYear`) pairs. Every
    /// file is parsed before anything is written, so a bad file leaves the database empty.
    pub fn seed_from_files(
        &self,
        files: &[(&str, &[u8])],
        actor: &Actor,
    ) -> Result<usize, StoreError> {
        if !self.is_empty()? {
            return Ok(0);
        }
        let mut plans = Vec::with_capacity(files.len());
        for (name, contents) in files {
            let plan: PlanYear =
                serde_json::from_slice(contents).map_err(|error| StoreError::BundledData {
                    file: (*name).to_owned(),
                    message: error.to_string(),
                })?;
            plans.push(plan);
        }
        for plan in plans {
            self.apply(&Change::PutPlanYear(plan), actor)?;
        }
        Ok(files.len())
    }

    /// A Swedish one-liner for a change, naming goals by number and indicators and
    /// activities by name where the store knows them ("Bedömning för 1.1.1 T1 2020").
    pub fn describe(&self, change: &Change) -> String {
        let name_of = |node: NodeId| -> Option<String> {
            let (key, _) = self.council_record(change.council()).ok()??;
            let bytes = self
                .nodes
                .get(keys::node_key(key, change.year(), node))
                .ok()??;
            let record = codec::decode::<NodeRecord>(&bytes).ok()?.into_current();
            Some(match record.body {
                records::NodeBodyV2::Goal(goal) => goal.number.unwrap_or(goal.title),
                records::NodeBodyV2::Indicator(indicator) => indicator.name,
                records::NodeBodyV2::Activity(activity) => activity.title,
            })
        };
        match change {
            Change::SetGoalStatus {
                goal, period, year, ..
            } => match name_of(*goal) {
                Some(name) => format!("Bedömning för {name} {period} {year}"),
                None => change.describe(),
            },
            Change::SetIndicatorReport {
                indicator,
                period,
                year,
                ..
            } => match name_of(*indicator) {
                Some(name) => format!("Värden för «{name}» {period} {year}"),
                None => change.describe(),
            },
            Change::SetActivityReport {
                activity,
                period,
                year,
                ..
            } => match name_of(*activity) {
                Some(name) => format!("Status för «{name}» {period} {year}"),
                None => change.describe(),
            },
            Change::SetIndicatorSettings {
                indicator, year, ..
            } => match name_of(*indicator) {
                Some(name) => format!("Riktning och tolerans för «{name}» {year}"),
                None => change.describe(),
            },
            Change::PutPlanYear(_)
            | Change::LinkSeries { .. }
            | Change::UnlinkSeries { .. }
            | Change::Economy(_)
            | Change::AddMonth { .. }
            | Change::RemoveMonth { .. }
            | Change::SetIndicatorValues { .. } => change.describe(),
            Change::SetFlagDismissal {
                node,
                period,
                year,
                code,
                reason,
                ..
            } => match name_of(*node) {
                Some(name) => dismissal_description(&name, *code, *period, *year, reason),
                None => change.describe(),
            },
        }
    }

    /// Keeps unsaved editor text under `key`, replacing an earlier draft, and flushes so it
    /// survives a dropped connection. Called a moment after typing stops and on SIGHUP.
    pub fn save_draft(&self, key: &str, text: &str) -> Result<(), StoreError> {
        self.check_writable()?;
        let record = DraftRecord::V1(DraftV1 {
            text: text.to_owned(),
            saved_at: jiff::Timestamp::now().to_string(),
        });
        self.drafts
            .insert(key.as_bytes(), codec::encode(&record)?)?;
        self.flush_bounded()
    }

    /// Every draft left, by key: what to offer back on the next start.
    pub fn drafts(&self) -> Result<Vec<Draft>, StoreError> {
        let mut drafts = Vec::new();
        for entry in self.drafts.iter() {
            let (key, bytes) = entry?;
            let DraftRecord::V1(record) = self.decode(&bytes)?;
            drafts.push(Draft {
                key: String::from_utf8_lossy(&key).into_owned(),
                text: record.text,
                saved_at: record.saved_at,
            });
        }
        Ok(drafts)
    }

    /// Forgets a draft: after its text was saved as a change, or the user declined it.
    pub fn discard_draft(&self, key: &str) -> Result<(), StoreError> {
        self.check_writable()?;
        self.drafts.remove(key.as_bytes())?;
        self.flush_bounded()
    }

    /// Decodes a record, remembering a record from a newer malkoll so nothing is written after.
    fn decode<R: Versioned>(&self, bytes: &[u8]) -> Result<R, StoreError> {
        let result = codec::decode(bytes);
        match &result {
            Err(StoreError::UnknownRecordVersion { .. }) => {
                self.saw_newer_record.store(true, Ordering::SeqCst);
            }
            Err(StoreError::Corrupt(reason)) => self.mark_read_only(format!("{reason}.")),
            _ => {}
        }
        result
    }

    fn council_record(&self, slug: &str) -> Result<Option<(CouncilKey, CouncilV1)>, StoreError> {
        match self.councils.get(slug.as_bytes())? {
            Some(bytes) => {
                let CouncilRecord::V1(record) = self.decode(&bytes)?;
                Ok(Some((record.key, record)))
            }
            None => Ok(None),
        }
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        // Errors cannot be reported from drop; every apply has flushed already. Bounded, so
        // a full disk cannot hang the exit.
        let _ = self.flush_bounded();
        // A check still reading every record is stopped and waited for: its handles on the
        // trees would keep sled's files (and lock) open after the store is gone.
        if let Ok(mut slot) = self.verifying.lock()
            && let FullCheck::Running { stop, thread, .. } =
                std::mem::replace(&mut *slot, FullCheck::Done)
        {
            stop.store(true, Ordering::SeqCst);
            let _ = thread.join();
        }
        self.seal_or_unseal();
        lock::release(&self.dir);
    }
}

impl Store {
    /// At close, after the last flush: a store that read every record without fault (and
    /// wrote only through this binary since) seals the files as they are now, so the next open
    /// need not read them through again; a store that found a problem removes any seal. One
    /// whose check never ran leaves the seal as it was: it wrote nothing (a write runs the
    /// check first), and a seal that no longer matches the files is ignored.
    fn seal_or_unseal(&self) {
        let problem = self.saw_newer_record.load(Ordering::SeqCst)
            || self.flush_stuck.load(Ordering::SeqCst)
            || self
                .read_only
                .lock()
                .map_or(true, |reason| reason.is_some());
        if problem {
            seal::remove(&self.dir);
        } else if self.read_through.load(Ordering::SeqCst) {
            // Best effort: without a seal the next open reads every record, as before.
            let _ = seal::Seal::of(&self.dir, verify::format_signature())
                .and_then(|seal| seal.write(&self.dir));
        }
    }
}

fn bad_key(tree: &str, key: &[u8]) -> StoreError {
    StoreError::Corrupt(format!("nyckel {key:02x?} i trädet {tree} har fel form"))
}
