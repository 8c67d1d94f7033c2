//! `malkoll serve`: the one process that owns the database. It binds the Unix socket beside
//! the database (mode 0660 from creation: owner and group only), takes each connection on
//! its own thread, learns who it is from the socket, and answers requests until the client
//! leaves. A client that sends garbage, too much, or nothing in time is logged and cut off;
//! it never holds up the others. Started for a user, it stops a while after the last
//! client leaves.

use std::io::ErrorKind;
use std::net::Shutdown;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::sync_channel;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use nix::sys::stat::{Mode, umask};

use crate::store::{Actor, Store};

use super::access::LiveAccess;
use super::handler::{Caller, handle};
use super::peer;
use super::protocol::{
    ClientMsg, FrameError, FrameReader, PROTOCOL_VERSION, ServerMsg, SessionInfo, write_frame,
};
use super::sessions::Sessions;
use super::versions::Versions;
use super::{log, socket_path};

/// A client must say hello within this time, and finish any frame it starts.
const FRAME_TIMEOUT: Duration = Duration::from_secs(5);
/// A client that does not take a reply within this time is cut off.
const WRITE_TIMEOUT: Duration = Duration::from_secs(5);
/// Messages waiting for one client before it counts as stuck.
const OUTBOX_LEN: usize = 1024;
/// Connections at once; past this new ones are closed with a log line.
const MAX_CONNECTIONS: usize = 4096;
/// Each connection's threads do little; a small stack lets thousands wait cheaply.
const THREAD_STACK: usize = 256 * 1024;

/// How the service runs.
#[derive(Debug, Clone, Default)]
pub struct ServeOptions {
    /// Stop this long after the last client left (`None`: run until stopped).
    pub idle_exit: Option<Duration>,
}

/// What every connection thread shares.
pub struct Shared {
    pub store: Store,
    pub access: LiveAccess,
    pub versions: RwLock<Versions>,
    pub sessions: Sessions,
    next_session: AtomicU64,
    connections: AtomicUsize,
    socket: PathBuf,
}

impl Shared {
    /// Flushes, removes the socket and ends the process.
    fn stop(&self, why: &str) -> ! {
        log(&format!("stannar: {why}"));
        // Flushed (and sealed) before the socket goes: no socket means nothing is left
        // unwritten. The database lock goes with the process, a moment later.
        let _ = self.store.close();
        let _ = std::fs::remove_file(&self.socket);
        std::process::exit(0)
    }
}

/// Opens the database in `db_dir` and serves it until stopped (or idle, per `options`).
pub fn serve(db_dir: &Path, options: ServeOptions) -> anyhow::Result<()> {
    // Owning sled first proves no other service runs: a socket file left behind is stale.
    let store = Store::open(db_dir)?;
    let access = LiveAccess::load(db_dir)?;
    let versions = Versions::from_store(&store)?;
    let socket = socket_path(db_dir);
    match std::fs::remove_file(&socket) {
        Ok(()) => log("en kvarglömd socket från en tidigare tjänst togs bort"),
        Err(error) if error.kind() == ErrorKind::NotFound => {}
        Err(error) => return Err(error.into()),
    }
    let listener = bind_owner_and_group(&socket).map_err(|error| {
        anyhow::anyhow!("socketen {} kunde inte skapas: {error}", socket.display())
    })?;
    let shared = Arc::new(Shared {
        store,
        access,
        versions: RwLock::new(versions),
        sessions: Sessions::default(),
        next_session: AtomicU64::new(1),
        connections: AtomicUsize::new(0),
        socket: socket.clone(),
    });
    spawn_signal_thread(Arc::clone(&shared))?;
    if let Some(idle) = options.idle_exit {
        spawn_idle_watch(Arc::clone(&shared), idle);
    }
    log(&format!(
        "tjänar {} på {} (pid {})",
        db_dir.display(),
        socket.display(),
        std::process::id()
    ));
    for incoming in listener.incoming() {
        let stream = match incoming {
            Ok(stream) => stream,
            Err(error) => {
                log(&format!("kunde inte ta emot en anslutning: {error}"));
                std::thread::sleep(Duration::from_millis(50));
                continue;
            }
        };
        if shared.connections.load(Ordering::SeqCst) >= MAX_CONNECTIONS {
            log(&format!(
                "{MAX_CONNECTIONS} anslutningar redan; en ny stängs"
            ));
            continue;
        }
        shared.connections.fetch_add(1, Ordering::SeqCst);
        let for_thread = Arc::clone(&shared);
        let spawned = std::thread::Builder::new()
            .name("malkoll-session".to_owned())
            .stack_size(THREAD_STACK)
            .spawn(move || {
                connection(&for_thread, stream);
                for_thread.connections.fetch_sub(1, Ordering::SeqCst);
            });
        if let Err(error) = spawned {
            shared.connections.fetch_sub(1, Ordering::SeqCst);
            log(&format!("ingen tråd för en ny anslutning: {error}"));
        }
    }
    Ok(())
}

/// Binds with umask 0117, so the socket is created 0660: only the owner and the group
/// may connect, from the first instant (no chmod after the fact).
fn bind_owner_and_group(socket: &Path) -> std::io::Result<UnixListener> {
    let old = umask(Mode::from_bits_truncate(0o117));
    let bound = UnixListener::bind(socket);
    umask(old);
    bound
}

fn spawn_signal_thread(shared: Arc<Shared>) -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP])?;
    std::thread::Builder::new()
        .name("malkoll-serve-signals".to_owned())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                shared.stop(&format!("signal {signal}"));
            }
        })?;
    Ok(())
}

fn spawn_idle_watch(shared: Arc<Shared>, idle: Duration) {
    let spawned = std::thread::Builder::new()
        .name("malkoll-serve-idle".to_owned())
        .spawn(move || {
            loop {
                std::thread::sleep(Duration::from_millis(200));
                let quiet = shared.connections.load(Ordering::SeqCst) == 0;
                if quiet
                    && shared
                        .sessions
                        .idle_for()
                        .is_some_and(|since| since >= idle)
                {
                    shared.stop(&format!("ingen klient på {} s", idle.as_secs_f32().round()));
                }
            }
        });
    if let Err(error) = spawned {
        log(&format!("ingen tråd för att stanna vid tomgång: {error}"));
    }
}

/// One client, from hello to goodbye.
fn connection(shared: &Shared, stream: UnixStream) {
    let peer = match peer::identify(&stream) {
        Ok(peer) => peer,
        Err(error) => {
            log(&format!(
                "okänd klient (inga peer-uppgifter: {error}); kopplas bort"
            ));
            return;
        }
    };
    let who = format!("{} (pid {})", peer.login, peer.pid);
    if let Err(error) = stream.set_read_timeout(Some(FRAME_TIMEOUT)) {
        log(&format!("{who}: {error}"));
        return;
    }
    let Ok(read_half) = stream.try_clone() else {
        return;
    };
    let mut reader = FrameReader::new(read_half);
    let (kind, ssh_client) = match reader.read::<ClientMsg>() {
        Ok(Some(ClientMsg::Hello {
            protocol,
            kind,
            ssh_client,
        })) if protocol == PROTOCOL_VERSION => (kind, ssh_client),
        Ok(Some(ClientMsg::Hello { protocol, .. })) => {
            log(&format!(
                "{who}: protokoll {protocol}, tjänsten talar {PROTOCOL_VERSION}; kopplas bort"
            ));
            return;
        }
        Ok(Some(ClientMsg::Request { .. })) => {
            log(&format!(
                "{who}: började inte med en hälsning; kopplas bort"
            ));
            return;
        }
        Ok(None) => return,
        Err(error) => {
            log(&format!(
                "{who}: ingen giltig hälsning ({}); kopplas bort",
                describe(&error)
            ));
            return;
        }
    };
    let session = shared.next_session.fetch_add(1, Ordering::SeqCst);
    let (outbox, inbox) = sync_channel::<ServerMsg>(OUTBOX_LEN);
    let (Ok(mut write_half), Ok(for_sessions)) = (stream.try_clone(), stream.try_clone()) else {
        return;
    };
    let _ = write_half.set_write_timeout(Some(WRITE_TIMEOUT));
    let writer_who = who.clone();
    let writer = std::thread::Builder::new()
        .name("malkoll-session-writer".to_owned())
        .stack_size(THREAD_STACK)
        .spawn(move || {
            for message in inbox {
                if let Err(error) = write_frame(&mut write_half, &message) {
                    log(&format!(
                        "{writer_who}: tar inte emot ({error}); kopplas bort"
                    ));
                    let _ = write_half.shutdown(Shutdown::Both);
                    break;
                }
            }
        });
    if writer.is_err() {
        log(&format!("{who}: ingen skrivtråd; kopplas bort"));
        return;
    }
    let writes = shared
        .access
        .current()
        .map(|access| access.writable(&peer))
        .unwrap_or_default();
    shared.sessions.add(
        SessionInfo {
            session,
            login: peer.login.clone(),
            kind,
            council: None,
            since: jiff::Timestamp::now().to_string(),
        },
        outbox.clone(),
        for_sessions,
    );
    let caller = Caller {
        session,
        actor: Actor {
            login: peer.login.clone(),
            ssh_client,
        },
        peer: peer.clone(),
    };
    if outbox
        .send(ServerMsg::Welcome {
            session,
            login: peer.login.clone(),
            writes,
        })
        .is_ok()
    {
        serve_requests(shared, &caller, &mut reader, &outbox, &who);
    }
    shared.sessions.remove(session);
    let _ = stream.shutdown(Shutdown::Both);
}

fn serve_requests(
    shared: &Shared,
    caller: &Caller,
    reader: &mut FrameReader<UnixStream>,
    outbox: &std::sync::mpsc::SyncSender<ServerMsg>,
    who: &str,
) {
    loop {
        match reader.read::<ClientMsg>() {
            Ok(Some(ClientMsg::Request { id, request })) => {
                let result = handle(shared, caller, request);
                if outbox.send(ServerMsg::Reply { id, result }).is_err() {
                    return;
                }
            }
            Ok(Some(ClientMsg::Hello { .. })) => {
                log(&format!("{who}: hälsade två gånger; kopplas bort"));
                return;
            }
            Ok(None) => return,
            // Idle between requests: an open interface may wait for hours.
            Err(FrameError::Io(error))
                if matches!(error.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(error) => {
                if !is_plain_disconnect(&error) {
                    log(&format!("{who}: {}; kopplas bort", describe(&error)));
                }
                return;
            }
        }
    }
}

fn is_plain_disconnect(error: &FrameError) -> bool {
    matches!(error, FrameError::Io(e) if matches!(e.kind(), ErrorKind::ConnectionReset | ErrorKind::BrokenPipe))
}

fn describe(error: &FrameError) -> String {
    match error {
        FrameError::Io(e) if e.kind() == ErrorKind::InvalidData => {
            format!("för stort eller trasigt meddelande ({e})")
        }
        FrameError::Io(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
            "inget svar i tid".to_owned()
        }
        other => other.to_string(),
    }
}
