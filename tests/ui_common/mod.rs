//! Shared helpers for the UI tests: small plan years shaped like the samples, and a driver that
//! runs the real message loop on a `TestBackend` with scripted keys.
#![allow(dead_code)]

use std::collections::BTreeMap;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use malkoll::domain::{
    Activity, ActivityReport, Assessment, Council, DocKind, Goal, GoalLevel, GoalStatus, Indicator,
    IndicatorReport, Origin, Period, Periodicity, PlanYear, SourceDocument, Target, Value,
};
use malkoll::tui::action::Action;
use malkoll::tui::app::App;
use malkoll::tui::event_loop::Live;
use malkoll::tui::event_loop::{Exit, Session, run};
use malkoll::tui::events::{Input, ScriptedEvents};
use malkoll::tui::keymap::Keymap;
use malkoll::tui::position::Position;
use malkoll::tui::source::{MemorySource, PlanSource};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn council(id: &str, name: &str) -> Council {
    Council {
        id: id.into(),
        name: name.into(),
    }
}

fn status(assessment: Assessment, analysis: &str) -> GoalStatus {
    GoalStatus {
        assessment,
        is_forecast: true,
        analysis: analysis.into(),
    }
}

fn goal(id: u32, level: GoalLevel, number: &str, title: &str) -> Goal {
    Goal::new(id, level, Some(number), title)
}

fn indicator(id: u32, origin: Origin, name: &str, period: Period, cells: [&str; 8]) -> Indicator {
    let report = IndicatorReport {
        outcome: Value::from_cell(cells[0]),
        outcome_men: Value::from_cell(cells[1]),
        outcome_women: Value::from_cell(cells[2]),
        prev_year_outcome: Value::from_cell(cells[3]),
        forecast_full_year: Value::from_cell(cells[4]),
        annual_target: Target::from_cell(cells[5]),
        council_target: Target::from_cell(cells[6]),
        period_label: cells[7].into(),
        ..IndicatorReport::default()
    };
    Indicator {
        id,
        origin,
        name: name.into(),
        unit: None,
        periodicity: Periodicity::Tertial,
        direction: Default::default(),
        tolerance: 0.2,
        direction_confirmed: false,
        reports: BTreeMap::from([(period, report)]),
    }
}

/// Södermalm 2020 with a T1 report: three inriktningsmål, KF-mål and numbered nämndmål.
pub fn sodermalm_2020() -> PlanYear {
    let t1 = Period::Tertial(1);
    let mut im1 = goal(
        1,
        GoalLevel::Direction,
        "1",
        "En modern storstad med möjligheter och valfrihet för alla",
    );
    let mut kf11 = goal(
        2,
        GoalLevel::Area,
        "1.1",
        "Stockholm är en stad där människor kan leva ett självständigt liv",
    );
    kf11.status.insert(t1, status(Assessment::FullyMet, "Förvaltningen gör bedömningen att verksamhetsområdesmålet kommer att uppfyllas under året."));
    let mut nm111 = goal(
        3,
        GoalLevel::Committee,
        "1.1.1",
        "Vuxna försörjer sig själva",
    );
    nm111.status.insert(t1, status(Assessment::FullyMet, "Förvaltningen gör bedömningen att nämndmålet kommer att nås under året. Bedömningen grundas på att förväntat resultat och indikatorn prognostiseras att nås."));
    nm111.description = "Kvinnor och män som inte har tillräckliga inkomster får stöd att ta tillvara sina resurser med målet att bli självförsörjande.".into();
    nm111.expected_results = vec![
        "Fler vuxna försörjer sig själva.".into(),
        "Andel barn som lever i familjer med ekonomiskt bistånd minskar.".into(),
    ];
    nm111.indicators.push(indicator(
        4,
        Origin::Committee,
        "Andel män och kvinnor i arbetsträning som blir självförsörjande",
        t1,
        [
            "27 %",
            "14 %",
            "13 %",
            "29 %",
            "28 %",
            "28 %",
            "",
            "Tertial 1 2020",
        ],
    ));
    nm111.indicators.push(indicator(
        5,
        Origin::CityCouncil,
        "Sjukfrånvaro",
        t1,
        [
            "7,4 %",
            "6 %",
            "7,7 %",
            "7,3 %",
            "7,4 %",
            "6,9 %",
            "Tas fram av nämnd/styrelse",
            "Tertial 1 2020",
        ],
    ));
    let mut activity = Activity {
        id: 6,
        origin: Origin::Committee,
        title: "Utveckla digitala stöd för personer som söker ekonomiskt bistånd".into(),
        start: "2020-01-01".parse().ok(),
        end: "2020-12-31".parse().ok(),
        reports: BTreeMap::new(),
    };
    activity.reports.insert(
        t1,
        ActivityReport {
            deviation: true,
            analysis: "Försenad på grund av pandemin.".into(),
            ..Default::default()
        },
    );
    nm111.activities.push(activity);
    let mut nm112 = goal(
        7,
        GoalLevel::Committee,
        "1.1.2",
        "Hemlösa har tak över huvudet",
    );
    nm112
        .status
        .insert(t1, status(Assessment::PartiallyMet, "Nås delvis."));
    kf11.children = vec![nm111, nm112];
    let mut kf12 = goal(
        8,
        GoalLevel::Area,
        "1.2",
        "Stockholm är en stad med en jämlik hälsa",
    );
    kf12.status.insert(t1, status(Assessment::PartiallyMet, ""));
    let mut nm121 = goal(
        9,
        GoalLevel::Committee,
        "1.2.1",
        "Äldre har en trygg och meningsfull vardag",
    );
    nm121
        .status
        .insert(t1, status(Assessment::NotMet, "Nås inte."));
    kf12.children = vec![nm121];
    im1.children = vec![kf11, kf12];
    let mut im2 = goal(
        10,
        GoalLevel::Direction,
        "2",
        "En hållbart växande och dynamisk storstad med hög tillväxt",
    );
    let mut kf21 = goal(
        11,
        GoalLevel::Area,
        "2.1",
        "Stockholm är en växande stad med höga ambitioner",
    );
    kf21.children = vec![goal(
        12,
        GoalLevel::Committee,
        "2.1.1",
        "Stadsdelsområdet är rent och tryggt",
    )];
    im2.children = vec![kf21];
    let im3 = goal(
        13,
        GoalLevel::Direction,
        "3",
        "En ekonomiskt hållbar och innovativ storstad för framtiden",
    );
    PlanYear {
        council: council("sodermalm", "Södermalms stadsdelsnämnd"),
        year: 2020,
        documents: vec![SourceDocument {
            kind: DocKind::Tertial(1),
            source: "t1-2020-sodermalm.txt".into(),
            summary: String::new(),
        }],
        goals: vec![im1, im2, im3],
        months: Vec::new(),
        economy: Default::default(),
    }
}

/// Södermalm 2021, a plan only, with the same numbers so selection can follow.
pub fn sodermalm_2021() -> PlanYear {
    let mut plan = sodermalm_2020();
    plan.year = 2021;
    plan.documents = vec![SourceDocument {
        kind: DocKind::Plan,
        source: "vp-2021-sodermalm.txt".into(),
        summary: String::new(),
    }];
    plan
}

/// Hässelby-Vällingby 2021, a plan: goals without assessments.
pub fn hasselby_2021() -> PlanYear {
    let mut im1 = goal(
        1,
        GoalLevel::Direction,
        "1",
        "En modern storstad med möjligheter och valfrihet för alla",
    );
    let mut kf11 = goal(
        2,
        GoalLevel::Area,
        "1.1",
        "Stockholm är en stad där människor kan leva ett självständigt liv",
    );
    kf11.narrative = "Agenda 2030\nMål 1, Ingen fattigdom".into();
    kf11.children = vec![goal(
        3,
        GoalLevel::Committee,
        "1.1.1",
        "Ekonomiskt bistånd är en tillfällig insats",
    )];
    im1.children = vec![kf11];
    PlanYear {
        council: council("hasselby-vallingby", "Hässelby-Vällingby stadsdelsnämnd"),
        year: 2021,
        documents: vec![SourceDocument {
            kind: DocKind::Plan,
            source: "vp-2021-hasselby-vallingby.txt".into(),
            summary: String::new(),
        }],
        goals: vec![im1],
        months: Vec::new(),
        economy: Default::default(),
    }
}

pub fn source() -> MemorySource {
    MemorySource {
        plans: vec![sodermalm_2020(), sodermalm_2021(), hasselby_2021()],
    }
}

/// A real store in a temporary directory, seeded with the bundled data (data/*.json).
pub fn seeded_store() -> (tempfile::TempDir, malkoll::store::Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = malkoll::store::Store::open(&dir.path().join("db")).expect("store opens");
    let actor = malkoll::store::Actor::from_parts("test".into(), None);
    store.seed_bundled(&actor).expect("bundled data loads");
    (dir, store)
}

/// The sizes the snapshot tests draw at: the smallest supported terminal and a wide one.
pub const SIZES: [(u16, u16); 2] = [(80, 24), (200, 50)];

/// The app on the bundled data, at Södermalm's T1 2020; the temp dir lives as long as it.
pub fn seeded_sodermalm_t1() -> (tempfile::TempDir, Driver<malkoll::store::Store>) {
    let (dir, store) = seeded_store();
    let mut driver = Driver::new(store);
    driver.go_to("sodermalm", 2020, Period::Tertial(1));
    (dir, driver)
}

/// The app over `source` in the real message loop, drawn on a `TestBackend`: every input is
/// a real key (or paste, resize, tick) through the real dispatch and effect runner.
pub struct Driver<S: PlanSource> {
    pub session: Session<S>,
    pub terminal: Terminal<TestBackend>,
    live: Live,
}

impl<S: PlanSource> Driver<S> {
    /// Starts as the binary does (first council, drafts offered), at 80x24.
    pub fn new(source: S) -> Self {
        Self::with_keymap(source, Keymap::builtin().expect("default keymap"))
    }

    pub fn with_keymap(source: S, keymap: Keymap) -> Self {
        Self::start_at(source, keymap, None)
    }

    /// Starts where an earlier session left off, as the binary does with its saved position.
    pub fn start_at(source: S, keymap: Keymap, position: Option<Position>) -> Self {
        let session =
            Session::start_at(source, "kontroller".into(), keymap, position).expect("app starts");
        Driver {
            session,
            terminal: Terminal::new(TestBackend::new(80, 24)).expect("test terminal"),
            live: Live::default(),
        }
    }

    /// The position the loop keeps current for saving on quit and hang-up.
    pub fn live_position(&self) -> Option<Position> {
        self.live.position.get()
    }

    /// The pane layout the loop keeps current for saving on quit and hang-up (`None` until
    /// the user changes it).
    pub fn live_panes(&self) -> Option<malkoll::tui::panes::Panes> {
        self.live.panes.get()
    }

    /// The unsaved edit the loop keeps current for the signal thread, as (draft key, text).
    pub fn live_draft(&self) -> Option<(String, String)> {
        self.live.draft.get()
    }

    /// The pause after typing that the loop waits for before it writes a draft: the real
    /// loop's tick, without waiting for it.
    pub fn tick(&mut self) -> &mut Self {
        self.run([Input::Tick]);
        self
    }

    pub fn app(&self) -> &App {
        &self.session.app
    }

    pub fn source(&self) -> &S {
        self.session.runner.source()
    }

    /// Ends this session, giving the source back for a restart on it.
    pub fn into_source(self) -> S {
        self.session.runner.into_source()
    }

    pub fn keymap(&self) -> &Keymap {
        self.session.app.keymap()
    }

    /// Runs the loop over `inputs`; says whether it ended because the user quit.
    pub fn run(&mut self, inputs: impl IntoIterator<Item = Input>) -> bool {
        let mut events = ScriptedEvents::new(inputs);
        let exit = run(
            &mut self.terminal,
            &mut events,
            &mut self.session,
            &self.live,
        )
        .expect("loop runs");
        exit == Exit::Quit
    }

    /// Presses one key event; says whether it quit.
    pub fn key_event(&mut self, event: KeyEvent) -> bool {
        self.run([Input::Event(Event::Key(event))])
    }

    /// Presses keys without modifiers.
    pub fn keys(&mut self, codes: &[KeyCode]) -> &mut Self {
        for &code in codes {
            self.key_event(KeyEvent::new(code, KeyModifiers::NONE));
        }
        self
    }

    /// Presses a key with Ctrl held; says whether it quit.
    pub fn ctrl(&mut self, c: char) -> bool {
        self.key_event(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
    }

    /// Types text key by key.
    pub fn type_text(&mut self, text: &str) -> &mut Self {
        for c in text.chars() {
            self.keys(&[KeyCode::Char(c)]);
        }
        self
    }

    /// A bracketed paste.
    pub fn paste(&mut self, text: &str) -> &mut Self {
        self.run([Input::Event(Event::Paste(text.to_owned()))]);
        self
    }

    /// The key the keymap binds to `action` in the context the app is in now.
    pub fn key_for(&self, action: Action) -> KeyEvent {
        let context = self.app().context();
        self.keymap()
            .key_for(context, action)
            .and_then(|chord| chord.to_event())
            .unwrap_or_else(|| panic!("no key for {action} in {context:?}"))
    }

    /// For each action, presses the key that triggers it in the context of that moment.
    pub fn press(&mut self, actions: &[Action]) -> &mut Self {
        for &action in actions {
            let key = self.key_for(action);
            self.key_event(key);
        }
        self
    }

    /// Resizes to `width`x`height` (as a terminal reports it) and returns the screen as text.
    pub fn screen(&mut self, width: u16, height: u16) -> String {
        self.terminal.backend_mut().resize(width, height);
        self.run([Input::Event(Event::Resize(width, height))]);
        buffer_text(self.terminal.backend())
    }

    /// Switches council, year and period with the keys a user would press.
    pub fn go_to(&mut self, council: &str, year: u16, period: Period) -> &mut Self {
        for _ in 0..20 {
            if self.app().council().is_some_and(|c| c.id == council) {
                break;
            }
            self.press(&[Action::NextCouncil]);
        }
        for _ in 0..20 {
            match self.app().year() {
                Some(y) if y > year => self.press(&[Action::PrevYear]),
                Some(y) if y < year => self.press(&[Action::NextYear]),
                _ => break,
            };
        }
        for _ in 0..30 {
            match self.app().period() {
                p if p > period => self.press(&[Action::PrevPeriod]),
                p if p < period => self.press(&[Action::NextPeriod]),
                _ => break,
            };
        }
        assert_eq!(self.app().council().map(|c| c.id.as_str()), Some(council));
        assert_eq!(
            (self.app().year(), self.app().period()),
            (Some(year), period)
        );
        self
    }

    pub fn selected_title(&self) -> Option<String> {
        self.app().selected_goal().map(|(_, goal)| goal.heading())
    }
}

/// The backend's buffer as lines of text.
pub fn buffer_text(backend: &TestBackend) -> String {
    let buffer = backend.buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut line = String::new();
        for x in 0..buffer.area.width {
            line.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
