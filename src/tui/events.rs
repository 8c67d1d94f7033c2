//! Where the loop's input comes from: the terminal, or a script (tests, snapshots and
//! benchmarks press real keys through the same loop).

use std::collections::VecDeque;
use std::io;
use std::time::Duration;

use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::thread;

use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyModifiers};

use crate::service::RemoteUpdate;

/// One input from an event source.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    Event(Event),
    /// The wait the loop asked for passed without an event.
    Tick,
    /// What the service pushed: another session's save, or the service lost or back.
    Remote(Box<RemoteUpdate>),
}

/// A source of terminal input.
pub trait Events {
    /// The next input: blocks when `wait` is `None`, else returns [`Input::Tick`] once `wait`
    /// passed. `None` means the source is exhausted and the loop ends.
    fn next(&mut self, wait: Option<Duration>) -> io::Result<Option<Input>>;

    /// Whether another input is ready now (typed-ahead keys are handled before drawing).
    fn ready(&mut self) -> io::Result<bool>;
}

/// The real terminal through crossterm.
#[derive(Debug, Default)]
pub struct TerminalEvents;

impl Events for TerminalEvents {
    fn next(&mut self, wait: Option<Duration>) -> io::Result<Option<Input>> {
        match wait {
            Some(wait) if !event::poll(wait)? => Ok(Some(Input::Tick)),
            _ => Ok(Some(Input::Event(event::read()?))),
        }
    }

    fn ready(&mut self) -> io::Result<bool> {
        event::poll(Duration::ZERO)
    }
}

/// Inputs given in advance; exhausted when they run out.
#[derive(Debug, Default)]
pub struct ScriptedEvents {
    inputs: VecDeque<Input>,
}

impl ScriptedEvents {
    pub fn new(inputs: impl IntoIterator<Item = Input>) -> Self {
        ScriptedEvents {
            inputs: inputs.into_iter().collect(),
        }
    }

    /// Key presses without modifiers.
    pub fn keys(codes: impl IntoIterator<Item = KeyCode>) -> Self {
        Self::new(
            codes
                .into_iter()
                .map(|code| Input::Event(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)))),
        )
    }

    pub fn push(&mut self, input: Input) {
        self.inputs.push_back(input);
    }
}

impl Events for ScriptedEvents {
    fn next(&mut self, _wait: Option<Duration>) -> io::Result<Option<Input>> {
        Ok(self.inputs.pop_front())
    }

    /// A script hands one input per burst, so every key gets its own frame as a user's would.
    fn ready(&mut self) -> io::Result<bool> {
        Ok(false)
    }
}

/// The terminal and the service's updates as one stream (as gitui's `select_event`): a thread
/// reads the terminal, another forwards the service's pushes, and the loop waits on the one
/// channel they both feed — blocking, so an idle interface costs no CPU.
pub struct MergedEvents {
    inputs: Receiver<io::Result<Input>>,
    /// An input taken by [`Events::ready`], handed out by the next [`Events::next`].
    peeked: Option<io::Result<Input>>,
}

impl MergedEvents {
    /// Starts reading the terminal, merged with `updates` from the service.
    pub fn start(updates: Receiver<RemoteUpdate>) -> io::Result<MergedEvents> {
        let (sender, inputs) = channel();
        let terminal = sender.clone();
        thread::Builder::new()
            .name("terminal-input".to_owned())
            .spawn(move || read_terminal(&terminal))?;
        thread::Builder::new()
            .name("service-updates".to_owned())
            .spawn(move || {
                for update in updates {
                    if sender.send(Ok(Input::Remote(Box::new(update)))).is_err() {
                        return;
                    }
                }
            })?;
        Ok(MergedEvents {
            inputs,
            peeked: None,
        })
    }
}

/// Forwards terminal events until reading fails (the terminal is gone: the error ends the
/// loop) or the loop has stopped listening.
fn read_terminal(sender: &Sender<io::Result<Input>>) {
    loop {
        let input = event::read().map(Input::Event);
        let failed = input.is_err();
        if sender.send(input).is_err() || failed {
            return;
        }
    }
}

impl Events for MergedEvents {
    fn next(&mut self, wait: Option<Duration>) -> io::Result<Option<Input>> {
        if let Some(input) = self.peeked.take() {
            return input.map(Some);
        }
        let received = match wait {
            None => self
                .inputs
                .recv()
                .map_err(|_| RecvTimeoutError::Disconnected),
            Some(wait) => self.inputs.recv_timeout(wait),
        };
        match received {
            Ok(input) => input.map(Some),
            Err(RecvTimeoutError::Timeout) => Ok(Some(Input::Tick)),
            Err(RecvTimeoutError::Disconnected) => Ok(None),
        }
    }

    fn ready(&mut self) -> io::Result<bool> {
        if self.peeked.is_none() {
            self.peeked = self.inputs.try_recv().ok();
        }
        Ok(self.peeked.is_some())
    }
}
