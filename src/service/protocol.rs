//! The service's wire protocol: serde messages ([`ClientMsg`], [`ServerMsg`]) encoded with
//! bincode inside length-prefixed frames (tokio-util's `LengthDelimitedCodec`, used
//! synchronously). The service refuses a frame longer than [`MAX_FRAME_BYTES`] from its
//! header alone, before anything is allocated for it, and bincode decodes under the same
//! limit. Clients accept larger replies from the service ([`MAX_REPLY_BYTES`]: an export of a
//! whole city), which they trust as the database's owner.

use std::io::{self, Read, Write};

use bytes::{Bytes, BytesMut};
use serde::{Deserialize, Serialize, de::DeserializeOwned};
use tokio_util::codec::{Decoder, Encoder, LengthDelimitedCodec};

use crate::domain::flags::Dismissals;
use crate::domain::{Council, CouncilPeriods, PlanYear};
use crate::store::{AuditEntry, Change, Draft, SeriesLink, ValueSources};

/// Bumped whenever a message changes shape; a client of another version is turned away.
/// 2: indicator reports carry their read cells, indicators a confirmed direction (issue 11);
/// the audit log travels whole for `export json` (issue 13); `flags` carries its deficit threshold (issue 14).
/// 3: [`Request::ValueSources`] for the interface's Historik (issue 13) and
/// [`Request::Notices`], what the service's opening of the database found (issue 12).
/// 4 (issue 9): [`Request::Dismissals`] and `Change::SetFlagDismissal`, flags marked
/// *ej aktuell*; [`Request::CouncilPeriods`], the councils, years and periods of the *Gå till*
/// picker.
pub const PROTOCOL_VERSION: u32 = 4;

/// The largest frame the service accepts from a client: a whole plan year is a few hundred kB.
pub const MAX_FRAME_BYTES: usize = 16 * 1024 * 1024;

/// The largest reply a client accepts from the service (every plan year of a city, the
/// whole audit log).
pub const MAX_REPLY_BYTES: usize = 1024 * 1024 * 1024;

/// What a client sends.
// Messages are built, sent and dropped one at a time; boxing would only add allocations.
#[allow(clippy::large_enum_variant)]
#[derive(Serialize, Deserialize, Debug, Clone)]
pub enum ClientMsg {
    /// The first message on a connection. Says nothing about who the client is: the service
    /// takes that from the socket.
    Hello {
        protocol: u32,
        kind: ClientKind,
        /// `SSH_CONNECTION`'s client address as the client sees it, kept in the audit
        /// beside the login (informative only: the login comes from the socket).
        ssh_client: Option<String>,
    },
    Request {
        id: u64,
        request: Request,
    },
}

/// What kind of program is connected, for `malkoll who`.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub enum ClientKind {
    /// The terminal interface.
    Interface,
    /// A subcommand, by name (`flags`, `history` …).
    Command(String),
}

/// One question or order to the service; each gets one [`ServerMsg::Reply`].
#[derive(Serialize, Deserialize, Debug, Clone)]
pub enum Request {
    Councils,
    Years {
        council: String,
    },
    /// A plan year with the version it was read at.
    PlanYear {
        council: String,
        year: u16,
    },
    /// Where the plan year's imported values came from, checked against the plan year the
    /// service holds now (protocol 3).
    ValueSources {
        council: String,
        year: u16,
    },
    /// What the service's opening of the database found that users must know (protocol 3).
    Notices,
    /// Every council with its years and their periods with data (protocol 4).
    CouncilPeriods,
    /// Applies a change as the connected user. `base` is the version the edited value was
    /// read at (from [`Reply::PlanYear`] or an undone entry's `seq`); when what the change
    /// touches has changed since, the reply is [`Refusal::Conflict`]. `None`: no check
    /// (imports, which replace a whole year on purpose).
    Apply {
        change: Change,
        base: Option<u64>,
    },
    Describe {
        change: Change,
    },
    SaveDraft {
        key: String,
        text: String,
    },
    DiscardDraft {
        key: String,
    },
    /// This user's drafts.
    Drafts,
    /// The finder's name list (the text of the file beside the database).
    NameList,
    SeriesLinks,
    AuditLog,
    /// Loads the bundled sample data into an empty database, as a first run does.
    SeedBundled,
    /// Which council this session shows (`None`: all): updates for it are pushed.
    Watch {
        council: Option<String>,
    },
    /// The sessions connected now.
    Who,
    /// A report subcommand, run by the service on its store.
    Report(ReportRequest),
    /// The council-year's flags marked *ej aktuell i denna period* (protocol 4).
    Dismissals {
        council: String,
        year: u16,
    },
}

/// The read-only subcommands the service runs on behalf of a client.
#[derive(Serialize, Deserialize, Debug, Clone)]
pub enum ReportRequest {
    Flags {
        council: String,
        period: String,
        format: String,
        /// `--deficit-percent` as typed (protocol 2).
        deficit_percent: String,
    },
    Summary {
        council: String,
        period: String,
        format: String,
    },
    /// `export json` to standard out (a directory is written by the client).
    ExportJson {
        council: Option<String>,
        year: Option<u16>,
    },
    /// The audit log and series links for `export json --out` of the whole database, as
    /// the JSON of [`crate::store::archive::History`] in a [`Reply::Report`].
    ExportHistory,
    History {
        query: String,
        council: Option<String>,
        /// "text", "json" or "csv".
        format: String,
    },
}

/// What the service sends.
#[allow(clippy::large_enum_variant)]
#[derive(Serialize, Deserialize, Debug, Clone)]
pub enum ServerMsg {
    /// The answer to `Hello`: who the socket says the client is.
    Welcome {
        session: u64,
        login: String,
        /// The councils this login may change (`["*"]`: all).
        writes: Vec<String>,
    },
    Reply {
        id: u64,
        result: Result<Reply, Refusal>,
    },
    /// A change someone applied, for sessions that show its council.
    Update(AppliedChange),
}

/// A successful answer.
#[allow(clippy::large_enum_variant)]
#[derive(Serialize, Deserialize, Debug, Clone)]
pub enum Reply {
    Councils(Vec<Council>),
    Years(Vec<u16>),
    PlanYear {
        plan: Option<PlanYear>,
        /// The audit sequence number of the last change applied when this was read.
        version: u64,
    },
    Applied(AuditEntry),
    ValueSources(ValueSources),
    /// The notices in Swedish, and whether that is all (`false`: the service is still
    /// reading its records through; ask again later).
    Notices {
        lines: Vec<String>,
        done: bool,
    },
    Text(String),
    /// A report: its text, and whether it flagged something (`flags --fail-on-flags`).
    Report {
        text: String,
        flagged: bool,
    },
    Drafts(Vec<Draft>),
    SeriesLinks(Vec<SeriesLink>),
    Audit(Vec<AuditEntry>),
    Sessions(Vec<SessionInfo>),
    /// Plan years for `export json`.
    Plans(Vec<PlanYear>),
    Done,
    Dismissals(Dismissals),
    CouncilPeriods(Vec<CouncilPeriods>),
}

/// Why a request was not carried out; every message is Swedish, for the user.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, thiserror::Error)]
pub enum Refusal {
    /// The login may not change this council (audited as refused).
    #[error("{message}")]
    NotAllowed { message: String },
    /// What the change touches was changed after the client read it.
    #[error("{message}")]
    Conflict {
        message: String,
        /// The change that came between.
        theirs_seq: u64,
        theirs_login: String,
    },
    /// Bad input (an unknown council in a report, …): exit code 2 on the command line.
    #[error("{message}")]
    BadInput { message: String },
    /// The store failed.
    #[error("{message}")]
    Failed { message: String },
}

/// One connected session, for `malkoll who`.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct SessionInfo {
    pub session: u64,
    pub login: String,
    pub kind: ClientKind,
    /// The council the session shows, if it said.
    pub council: Option<String>,
    /// RFC 3339 time it connected.
    pub since: String,
}

/// An applied change as pushed to other sessions.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct AppliedChange {
    pub seq: u64,
    pub login: String,
    pub council: String,
    pub year: u16,
    /// Swedish one-liner ("Värden för «Andel …» T1 2020").
    pub description: String,
    pub change: Change,
}

/// Why a frame could not be read.
#[derive(Debug, thiserror::Error)]
pub enum FrameError {
    #[error("{0}")]
    Io(#[from] io::Error),
    /// The peer closed the connection in the middle of a frame.
    #[error("förbindelsen bröts mitt i ett meddelande")]
    Truncated,
    /// Nothing arrived within the read timeout while a frame was half read.
    #[error("meddelandet kom inte fram i tid")]
    Stalled,
    #[error("ogiltigt meddelande: {0}")]
    Decode(String),
}

fn codec(max: usize) -> LengthDelimitedCodec {
    LengthDelimitedCodec::builder()
        .max_frame_length(max)
        .new_codec()
}

/// Reads frames from one side of a connection.
pub struct FrameReader<R> {
    inner: R,
    codec: LengthDelimitedCodec,
    buffer: BytesMut,
    max: usize,
    /// Bytes of a frame not yet whole have arrived (the codec takes the header out of the
    /// buffer, so an empty buffer does not mean "between frames").
    partial: bool,
}

impl<R: Read> FrameReader<R> {
    /// A reader of a client's messages: frames up to [`MAX_FRAME_BYTES`].
    pub fn new(inner: R) -> FrameReader<R> {
        FrameReader::with_limit(inner, MAX_FRAME_BYTES)
    }

    /// A reader of the service's replies: frames up to [`MAX_REPLY_BYTES`].
    pub fn for_replies(inner: R) -> FrameReader<R> {
        FrameReader::with_limit(inner, MAX_REPLY_BYTES)
    }

    fn with_limit(inner: R, max: usize) -> FrameReader<R> {
        FrameReader {
            inner,
            codec: codec(max),
            buffer: BytesMut::with_capacity(8 * 1024),
            max,
            partial: false,
        }
    }

    /// The next message; `Ok(None)` at a clean end of the stream. A read timeout between
    /// frames is returned as the `Io` error it is (the caller decides whether idling is
    /// fine); one in the middle of a frame is [`FrameError::Stalled`].
    pub fn read<T: DeserializeOwned>(&mut self) -> Result<Option<T>, FrameError> {
        loop {
            if let Some(frame) = self.codec.decode(&mut self.buffer)? {
                self.partial = !self.buffer.is_empty();
                return if self.max <= MAX_FRAME_BYTES {
                    decode::<T, MAX_FRAME_BYTES>(&frame).map(Some)
                } else {
                    decode::<T, MAX_REPLY_BYTES>(&frame).map(Some)
                };
            }
            let mut chunk = [0u8; 16 * 1024];
            let read = match self.inner.read(&mut chunk) {
                Ok(read) => read,
                Err(error)
                    if matches!(
                        error.kind(),
                        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                    ) && self.partial =>
                {
                    return Err(FrameError::Stalled);
                }
                Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
                Err(error) => return Err(error.into()),
            };
            if read == 0 {
                return if !self.partial {
                    Ok(None)
                } else {
                    Err(FrameError::Truncated)
                };
            }
            self.buffer.extend_from_slice(&chunk[..read]);
            self.partial = true;
        }
    }

    pub fn get_ref(&self) -> &R {
        &self.inner
    }
}

/// Writes one message as one frame.
pub fn write_frame<T: Serialize>(out: &mut impl Write, message: &T) -> Result<(), FrameError> {
    let payload = bincode::serde::encode_to_vec(message, bincode::config::standard())
        .map_err(|error| FrameError::Decode(error.to_string()))?;
    let mut framed = BytesMut::with_capacity(payload.len() + 4);
    // The receiver enforces its own limit; the sender only keeps to the largest.
    codec(MAX_REPLY_BYTES).encode(Bytes::from(payload), &mut framed)?;
    out.write_all(&framed)?;
    out.flush()?;
    Ok(())
}

fn decode<T: DeserializeOwned, const LIMIT: usize>(frame: &[u8]) -> Result<T, FrameError> {
    let config = bincode::config::standard().with_limit::<LIMIT>();
    let (message, used) = bincode::serde::decode_from_slice(frame, config)
        .map_err(|error| FrameError::Decode(error.to_string()))?;
    if used != frame.len() {
        return Err(FrameError::Decode(format!(
            "{} byte över efter meddelandet",
            frame.len() - used
        )));
    }
    Ok(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_round_trips_through_a_frame() {
        let mut bytes = Vec::new();
        let sent = ClientMsg::Request {
            id: 7,
            request: Request::Years {
                council: "sodermalm".to_owned(),
            },
        };
        write_frame(&mut bytes, &sent).expect("encodes");
        let mut reader = FrameReader::new(&bytes[..]);
        let got: Option<ClientMsg> = reader.read().expect("decodes");
        assert!(matches!(
            got,
            Some(ClientMsg::Request { id: 7, request: Request::Years { council } }) if council == "sodermalm"
        ));
        let end: Option<ClientMsg> = reader.read().expect("clean end");
        assert!(end.is_none());
    }

    #[test]
    fn a_huge_length_is_refused_from_the_header() {
        let header = (1u32 << 30).to_be_bytes();
        let mut reader = FrameReader::new(&header[..]);
        let got: Result<Option<ClientMsg>, _> = reader.read();
        assert!(matches!(got, Err(FrameError::Io(_))), "{got:?}");
    }

    #[test]
    fn garbage_in_a_frame_is_a_decode_error() {
        let mut bytes = 5u32.to_be_bytes().to_vec();
        bytes.extend_from_slice(&[0xff, 0xff, 0xff, 0xff, 0xff]);
        let mut reader = FrameReader::new(&bytes[..]);
        let got: Result<Option<ClientMsg>, _> = reader.read();
        assert!(matches!(got, Err(FrameError::Decode(_))), "{got:?}");
    }

    #[test]
    fn a_header_alone_is_truncated_not_a_clean_end() {
        let bytes = 10u32.to_be_bytes();
        let mut reader = FrameReader::new(&bytes[..]);
        let got: Result<Option<ClientMsg>, _> = reader.read();
        assert!(matches!(got, Err(FrameError::Truncated)), "{got:?}");
    }

    #[test]
    fn a_cut_frame_is_truncated() {
        let mut bytes = 10u32.to_be_bytes().to_vec();
        bytes.extend_from_slice(&[1, 2, 3]);
        let mut reader = FrameReader::new(&bytes[..]);
        let got: Result<Option<ClientMsg>, _> = reader.read();
        assert!(matches!(got, Err(FrameError::Truncated)), "{got:?}");
    }
}
