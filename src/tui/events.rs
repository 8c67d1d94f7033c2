//! Where the loop's input comes from: the terminal, or a script (tests, snapshots and
//! benchmarks press real keys through the same loop).

use std::collections::VecDeque;
use std::io;
use std::time::Duration;

use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyModifiers};

/// One input from an event source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Event(Event),
    /// The wait the loop asked for passed without an event.
    Tick,
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
