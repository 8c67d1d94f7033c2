//! Integration tests of the sled store: a real database in a temporary directory, plan years
//! built in code, every `Change` kind, reopening, schema and record-version refusal, the lock
//! message and the bundled seed.

use std::collections::BTreeMap;
use std::path::Path;

use jiff::civil::date;
use malkoll::domain::{
    Activity, ActivityReport, Assessment, Completion, Council, DocKind, Goal, GoalLevel,
    GoalStatus, Indicator, IndicatorReport, NodeId, Origin, Period, Periodicity, PlanYear,
    SourceDocument, Target, Value,
};
use malkoll::store::{Actor, Change, Snapshot, Store, StoreError};

/// Builds plan years with ids handed out in document pre-order.
struct PlanBuilder {
    next_id: NodeId,
    year: u16,
}

impl PlanBuilder {
    fn take_id(&mut self) -> NodeId {
        self.next_id += 1;
        self.next_id
    }

    fn indicator(&mut self, name: &str, outcome: &str, target: &str) -> Indicator {
        let mut reports = BTreeMap::new();
        reports.insert(
            Period::Plan,
            IndicatorReport {
                annual_target: Target::from_cell(target),
                council_target: Target::from_cell(target),
                period_label: format!("{}", self.year),
                ..IndicatorReport::default()
            },
        );
        reports.insert(
            Period::Tertial(1),
            IndicatorReport {
                outcome: Value::from_cell(outcome),
                outcome_men: Value::from_cell("48 %"),
                outcome_women: Value::from_cell("52 %"),
                prev_year_outcome: Value::from_cell("Ny indikator 2020"),
                forecast_full_year: Value::from_cell(outcome),
                annual_target: Target::from_cell(target),
                council_target: Target::from_cell("Tas fram av nämnden"),
                period_label: format!("Tertial 1 {}", self.year),
                analysis: "Utfallet följer plan.".to_owned(),
                ..IndicatorReport::default()
            },
        );
        Indicator {
            id: self.take_id(),
            origin: Origin::CityCouncil,
            name: name.to_owned(),
            unit: Some("%".to_owned()),
            periodicity: Periodicity::Tertial,
            direction: malkoll::domain::Direction::HigherBetter,
            tolerance: 0.2,
            direction_confirmed: false,
            reports,
        }
    }

    fn activity(&mut self, title: &str) -> Activity {
        let mut reports = BTreeMap::new();
        reports.insert(
            Period::Tertial(1),
            ActivityReport {
                deviation: false,
                completion: Completion::Ongoing,
                analysis: "Pågår enligt plan.".to_owned(),
            },
        );
        Activity {
            id: self.take_id(),
            origin: Origin::Committee,
            title: title.to_owned(),
            start: Some(date(self.year as i16, 1, 15)),
            end: Some(date(self.year as i16, 12, 31)),
            reports,
        }
    }

    fn goal(&mut self, level: GoalLevel, number: &str, depth_left: u8) -> Goal {
        let mut goal = Goal::new(
            self.take_id(),
            level,
            Some(number),
            &format!("Mål {number}"),
        );
        goal.description = format!("Beskrivning av {number}, med å, ä och ö.");
        goal.expected_results = vec!["Fler i arbete".to_owned(), "Tryggare miljö".to_owned()];
        goal.sdg_refs = vec![3, 11];
        goal.status.insert(
            Period::Tertial(1),
            GoalStatus {
                assessment: Assessment::PartiallyMet,
                is_forecast: true,
                analysis: format!("Analys av {number}"),
            },
        );
        goal.indicators
            .push(self.indicator(&format!("Andel nöjda {number}"), "96,9 %", "95 %"));
        goal.indicators
            .push(self.indicator(&format!("Antal besök {number}"), "1 050 st", "Öka"));
        goal.activities
            .push(self.activity(&format!("Aktivitet {number}")));
        if depth_left > 0 {
            let child_level = match level {
                GoalLevel::Direction => GoalLevel::Area,
                _ => GoalLevel::Committee,
            };
            for n in 1..=2 {
                let child = self.goal(child_level, &format!("{number}.{n}"), depth_left - 1);
                goal.children.push(child);
            }
        }
        goal
    }
}

fn plan_year(council: &str, name: &str, year: u16) -> PlanYear {
    let mut builder = PlanBuilder { next_id: 0, year };
    let goals = (1..=2)
        .map(|n| builder.goal(GoalLevel::Direction, &n.to_string(), 2))
        .collect();
    PlanYear {
        council: Council {
            id: council.to_owned(),
            name: name.to_owned(),
        },
        year,
        documents: vec![SourceDocument {
            kind: DocKind::Tertial(1),
            source: format!("{council}-t1-{year}.txt"),
            summary: "Sammanfattande analys.".to_owned(),
        }],
        goals,
        months: Vec::new(),
        economy: Default::default(),
    }
}

fn actor() -> Actor {
    Actor {
        login: "kontroller".to_owned(),
        ssh_client: Some("10.0.0.7".to_owned()),
    }
}

fn open(dir: &Path) -> Store {
    Store::open(dir).expect("open store")
}

/// Opens the database with sled itself, to plant what only another version would write.
/// sled releases its file lock on background threads just after a drop, so retry briefly.
fn raw_sled(dir: &Path) -> sled::Db {
    let mut attempts = 0;
    loop {
        match sled::open(dir) {
            Ok(db) => return db,
            Err(_) if attempts < 100 => {
                attempts += 1;
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(error) => panic!("raw sled open: {error}"),
        }
    }
}

fn put(store: &Store, plan: &PlanYear) {
    store
        .apply(&Change::PutPlanYear(plan.clone()), &actor())
        .expect("put plan year");
}

#[test]
fn a_put_plan_year_reads_back_identical() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = open(dir.path());
    assert!(store.is_empty().expect("is_empty"));
    let plan = plan_year("sodermalm", "Södermalms stadsdelsnämnd", 2020);
    put(&store, &plan);
    assert!(!store.is_empty().expect("is_empty"));
    assert_eq!(
        store.plan_year("sodermalm", 2020).expect("read"),
        Some(plan)
    );
    assert_eq!(store.plan_year("sodermalm", 2019).expect("read"), None);
    assert_eq!(store.plan_year("kungsholmen", 2020).expect("read"), None);
}

#[test]
fn councils_sort_by_name_and_years_ascend() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = open(dir.path());
    put(
        &store,
        &plan_year("sodermalm", "Södermalms stadsdelsnämnd", 2021),
    );
    put(
        &store,
        &plan_year("sodermalm", "Södermalms stadsdelsnämnd", 2019),
    );
    put(&store, &plan_year("bromma", "Bromma stadsdelsnämnd", 2020));
    put(
        &store,
        &plan_year("sodermalm", "Södermalms stadsdelsnämnd", 2020),
    );

    let names: Vec<String> = store
        .councils()
        .expect("councils")
        .into_iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(names, ["bromma", "sodermalm"]);
    assert_eq!(store.years("sodermalm").expect("years"), [2019, 2020, 2021]);
    assert_eq!(store.years("bromma").expect("years"), [2020]);
    assert!(store.years("okänd").expect("years").is_empty());
    assert_eq!(
        store.plan_year("bromma", 2020).expect("read"),
        Some(plan_year("bromma", "Bromma stadsdelsnämnd", 2020))
    );
}

#[test]
fn a_second_put_replaces_the_whole_year_and_keeps_the_old_one_in_the_log() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = open(dir.path());
    let first = plan_year("sodermalm", "Södermalms stadsdelsnämnd", 2020);
    put(&store, &first);
    let mut smaller = first.clone();
    smaller.goals.truncate(1);
    smaller.goals[0].children.truncate(1);
    let entry = store
        .apply(&Change::PutPlanYear(smaller.clone()), &actor())
        .expect("replace");
    assert_eq!(
        store.plan_year("sodermalm", 2020).expect("read"),
        Some(smaller.clone())
    );
    assert_eq!(
        entry.before,
        Some(Snapshot::PlanYear(Box::new(first.clone())))
    );
    assert_eq!(entry.after, Some(Snapshot::PlanYear(Box::new(smaller))));
    assert_eq!(entry.undo_change(), Some(Change::PutPlanYear(first)));
}

#[test]
fn every_change_kind_shows_in_the_plan_year_and_the_audit_log() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = open(dir.path());
    let plan = plan_year("sodermalm", "Södermalms stadsdelsnämnd", 2020);
    put(&store, &plan);
    let goal = plan.goals[0].children[0].id;
    let indicator = plan.goals[0].indicators[1].id;
    let activity = plan.goals[1].children[1].activities[0].id;
    let old_goal_status = plan.goals[0].children[0].status[&Period::Tertial(1)].clone();

    let status = GoalStatus {
        assessment: Assessment::FullyMet,
        is_forecast: false,
        analysis: "Målet uppfylls helt.".to_owned(),
    };
    let report = IndicatorReport {
        outcome: Value::from_input("0,56 %").expect("number"),
        forecast_full_year: Value::from_input("1 050").expect("number"),
        annual_target: Target::from_input("Max 10 %").expect("target"),
        ..IndicatorReport::default()
    };
    let activity_report = ActivityReport {
        deviation: true,
        completion: Completion::NotDone,
        analysis: "Försenad.".to_owned(),
    };
    let changes = [
        Change::SetGoalStatus {
            council: "sodermalm".to_owned(),
            year: 2020,
            goal,
            period: Period::Tertial(1),
            status: status.clone(),
        },
        Change::SetIndicatorReport {
            council: "sodermalm".to_owned(),
            year: 2020,
            indicator,
            period: Period::Tertial(2),
            report: report.clone(),
        },
        Change::SetActivityReport {
            council: "sodermalm".to_owned(),
            year: 2020,
            activity,
            period: Period::AnnualReport,
            report: activity_report.clone(),
        },
    ];
    let entries: Vec<_> = changes
        .iter()
        .map(|change| store.apply(change, &actor()).expect("apply"))
        .collect();

    let mut expected = plan.clone();
    expected
        .goal_mut(goal)
        .expect("goal")
        .status
        .insert(Period::Tertial(1), status.clone());
    expected
        .indicator_mut(indicator)
        .expect("indicator")
        .reports
        .insert(Period::Tertial(2), report.clone());
    expected
        .activity_mut(activity)
        .expect("activity")
        .reports
        .insert(Period::AnnualReport, activity_report.clone());
    assert_eq!(
        store.plan_year("sodermalm", 2020).expect("read"),
        Some(expected)
    );

    assert_eq!(
        entries[0].before,
        Some(Snapshot::GoalStatus(old_goal_status.clone()))
    );
    assert_eq!(entries[0].after, Some(Snapshot::GoalStatus(status)));
    assert_eq!(entries[1].before, None, "T2 had no report before");
    assert_eq!(entries[1].after, Some(Snapshot::IndicatorReport(report)));
    assert_eq!(
        entries[2].after,
        Some(Snapshot::ActivityReport(activity_report))
    );

    let log = store.audit_log().expect("audit log");
    assert_eq!(log.len(), 4);
    assert_eq!(log.iter().map(|e| e.seq).collect::<Vec<_>>(), [1, 2, 3, 4]);
    assert_eq!(log[1..], entries[..]);
    assert!(log.iter().all(|e| e.actor == actor()));
    assert!(
        log[1].at.parse::<jiff::Timestamp>().is_ok(),
        "RFC 3339: {}",
        log[1].at
    );

    // Undo of the goal status puts the old one back.
    let undo = entries[0].undo_change().expect("undo");
    store.apply(&undo, &actor()).expect("undo applies");
    let after_undo = store
        .plan_year("sodermalm", 2020)
        .expect("read")
        .expect("year");
    assert_eq!(
        after_undo.goal(goal).expect("goal").status[&Period::Tertial(1)],
        old_goal_status
    );
}

#[test]
fn describe_names_the_node_when_the_store_knows_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = open(dir.path());
    let plan = plan_year("sodermalm", "Södermalms stadsdelsnämnd", 2020);
    put(&store, &plan);
    let change = Change::SetGoalStatus {
        council: "sodermalm".to_owned(),
        year: 2020,
        goal: plan.goals[0].children[0].children[0].id,
        period: Period::Tertial(1),
        status: GoalStatus::default(),
    };
    assert_eq!(store.describe(&change), "Bedömning för 1.1.1 T1 2020");
    assert!(change.describe().starts_with("Bedömning för mål "));
}

#[test]
fn a_change_aimed_at_a_missing_or_wrong_node_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = open(dir.path());
    let plan = plan_year("sodermalm", "Södermalms stadsdelsnämnd", 2020);
    put(&store, &plan);
    let set_status = |council: &str, year: u16, goal: NodeId| Change::SetGoalStatus {
        council: council.to_owned(),
        year,
        goal,
        period: Period::Tertial(1),
        status: GoalStatus::default(),
    };
    let indicator_id = plan.goals[0].indicators[0].id;
    let errors = [
        store.apply(&set_status("bromma", 2020, 1), &actor()),
        store.apply(&set_status("sodermalm", 2018, 1), &actor()),
        store.apply(&set_status("sodermalm", 2020, 9999), &actor()),
        store.apply(&set_status("sodermalm", 2020, indicator_id), &actor()),
    ];
    let messages: Vec<String> = errors
        .into_iter()
        .map(|result| result.expect_err("refused").to_string())
        .collect();
    assert!(messages[0].contains("bromma"), "{}", messages[0]);
    assert!(messages[1].contains("2018"), "{}", messages[1]);
    assert!(messages[3].contains("ett mål"), "{}", messages[3]);
    assert_eq!(store.audit_log().expect("log").len(), 1);
    assert_eq!(
        store.plan_year("sodermalm", 2020).expect("read"),
        Some(plan)
    );
}

#[test]
fn a_plan_year_with_a_duplicate_id_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = open(dir.path());
    let mut plan = plan_year("sodermalm", "Södermalms stadsdelsnämnd", 2020);
    plan.goals[1].id = plan.goals[0].id;
    let error = store
        .apply(&Change::PutPlanYear(plan), &actor())
        .expect_err("duplicate id");
    assert!(matches!(error, StoreError::InvalidPlanYear(_)), "{error}");
    assert!(store.is_empty().expect("is_empty"));
}

#[test]
fn everything_survives_closing_and_reopening() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plan = plan_year("sodermalm", "Södermalms stadsdelsnämnd", 2020);
    let change = Change::SetGoalStatus {
        council: "sodermalm".to_owned(),
        year: 2020,
        goal: plan.goals[0].id,
        period: Period::AnnualReport,
        status: GoalStatus {
            assessment: Assessment::NotMet,
            is_forecast: false,
            analysis: "Uppfylls ej.".to_owned(),
        },
    };
    let log_before = {
        let store = open(dir.path());
        put(&store, &plan);
        store.apply(&change, &actor()).expect("apply");
        store.audit_log().expect("log")
    };
    let store = open(dir.path());
    let read = store
        .plan_year("sodermalm", 2020)
        .expect("read")
        .expect("year");
    assert_eq!(
        read.goals[0].status[&Period::AnnualReport].assessment,
        Assessment::NotMet
    );
    assert_eq!(store.audit_log().expect("log"), log_before);
    // Sequence numbers continue after a reopen.
    let next = store.apply(&change, &actor()).expect("apply again");
    assert_eq!(next.seq, 3);
}

#[test]
fn a_database_from_a_newer_schema_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    drop(open(dir.path()));
    {
        let raw = raw_sled(dir.path());
        let meta = raw.open_tree("meta").expect("meta");
        meta.insert("schema_version", &7u32.to_be_bytes())
            .expect("write");
        raw.flush().expect("flush");
    }
    let error = Store::open(dir.path()).err().expect("refused");
    assert!(
        matches!(
            error,
            StoreError::SchemaTooNew {
                found: 7,
                supported: 1
            }
        ),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(message.contains("schemaversion 7"), "{message}");
    assert!(message.contains("Uppdatera malkoll"), "{message}");
    let raw = raw_sled(dir.path());
    let version = raw
        .open_tree("meta")
        .expect("meta")
        .get("schema_version")
        .expect("read");
    assert_eq!(
        version.as_deref(),
        Some(&7u32.to_be_bytes()[..]),
        "not rewritten"
    );
}

#[test]
fn a_record_from_a_newer_version_is_refused_and_stops_all_writes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plan = plan_year("sodermalm", "Södermalms stadsdelsnämnd", 2020);
    {
        let store = open(dir.path());
        put(&store, &plan);
    }
    {
        // Make the first node record claim version 3 (variant index 2).
        let raw = raw_sled(dir.path());
        let nodes = raw.open_tree("nodes").expect("nodes");
        let (key, value) = nodes.first().expect("scan").expect("a node");
        let mut newer = value.to_vec();
        newer[0] = 2;
        nodes.insert(key, newer).expect("write");
        raw.flush().expect("flush");
    }
    let store = open(dir.path());
    let error = store.plan_year("sodermalm", 2020).expect_err("refused");
    assert!(
        matches!(
            error,
            StoreError::UnknownRecordVersion {
                found: 3,
                supported: 2,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(error.to_string().contains("nyare malkoll"), "{error}");
    let write = store.apply(
        &Change::SetGoalStatus {
            council: "sodermalm".to_owned(),
            year: 2020,
            goal: plan.goals[1].id,
            period: Period::Tertial(1),
            status: GoalStatus::default(),
        },
        &actor(),
    );
    assert!(matches!(write, Err(StoreError::WriteRefused)), "{write:?}");
    assert_eq!(store.audit_log().expect("log").len(), 1);
}

#[test]
fn a_second_open_names_who_holds_the_database() {
    let dir = tempfile::tempdir().expect("temp dir");
    let first = open(dir.path());
    let error = Store::open(dir.path()).err().expect("second open refused");
    let StoreError::Locked { holder, path } = &error else {
        panic!("expected Locked, got {error:?}");
    };
    assert_eq!(path, dir.path());
    let holder = holder.as_ref().expect("holder read from the lock file");
    assert_eq!(holder.pid, std::process::id());
    assert_eq!(holder.user, Actor::from_env().login);
    let message = error.to_string();
    assert!(
        message.contains(&format!("pid {}", std::process::id())),
        "{message}"
    );
    assert!(message.contains(&holder.user), "{message}");
    assert!(message.contains("--db"), "{message}");
    drop(first);
    assert!(
        !dir.path().join("malkoll.lock.json").exists(),
        "removed on drop"
    );
    drop(open(dir.path()));
}

const ACTOR_CHILD: &str = "MALKOLL_TEST_ACTOR_CHILD";

/// Run by `actor_from_env_takes_the_ssh_client`: prints the actor of a child process whose
/// environment the parent set (the crate forbids the `unsafe` that `set_var` needs).
#[test]
fn actor_child_helper() {
    if std::env::var_os(ACTOR_CHILD).is_some() {
        let actor = Actor::from_env();
        println!("ACTOR={}", serde_json::to_string(&actor).expect("json"));
    }
}

#[test]
fn actor_from_env_takes_the_ssh_client() {
    let output = std::process::Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "actor_child_helper",
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(ACTOR_CHILD, "1")
        .env("SSH_CONNECTION", "192.0.2.17 51234 10.0.0.1 22")
        .output()
        .expect("run child");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let json = stdout
        .lines()
        .find_map(|line| line.split_once("ACTOR=").map(|(_, json)| json))
        .unwrap_or_else(|| panic!("child printed no actor: {stdout}"));
    let actor: Actor = serde_json::from_str(json).expect("actor json");
    assert_eq!(actor.ssh_client.as_deref(), Some("192.0.2.17"));
    assert!(!actor.login.is_empty());

    let local = Actor::from_parts("anna".to_owned(), None);
    assert_eq!(local.ssh_client, None);
}

#[test]
fn seeding_loads_every_bundled_file_into_an_empty_database_only() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = open(dir.path());
    let bundled_json = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data"))
        .expect("data/")
        .filter_map(Result::ok)
        .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "json"))
        .count();
    assert_eq!(store.seed_bundled(&actor()).expect("seed"), bundled_json);
    assert_eq!(store.audit_log().expect("log").len(), bundled_json);

    // Seeding from files works the same way and is a no-op once there is data.
    let dir = tempfile::tempdir().expect("temp dir");
    let store = open(dir.path());
    let files: Vec<(String, Vec<u8>)> = [
        plan_year("bromma", "Bromma stadsdelsnämnd", 2020),
        plan_year("sodermalm", "Södermalms stadsdelsnämnd", 2021),
    ]
    .iter()
    .map(|plan| {
        (
            format!("{}-{}.json", plan.council.id, plan.year),
            serde_json::to_vec(plan).expect("json"),
        )
    })
    .collect();
    let borrowed: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(name, bytes)| (name.as_str(), bytes.as_slice()))
        .collect();
    assert_eq!(store.seed_from_files(&borrowed, &actor()).expect("seed"), 2);
    assert_eq!(
        store.plan_year("bromma", 2020).expect("read"),
        Some(plan_year("bromma", "Bromma stadsdelsnämnd", 2020))
    );
    assert_eq!(store.seed_from_files(&borrowed, &actor()).expect("seed"), 0);
    assert_eq!(store.seed_bundled(&actor()).expect("seed"), 0);
    assert_eq!(store.audit_log().expect("log").len(), 2);
}

#[test]
fn a_bad_bundled_file_is_named_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = open(dir.path());
    let error = store
        .seed_from_files(&[("trasig-2020.json", b"{ inte json")], &actor())
        .expect_err("bad json");
    assert!(error.to_string().contains("trasig-2020.json"), "{error}");
    assert!(store.is_empty().expect("is_empty"));
}

#[test]
fn a_period_that_has_no_key_of_its_own_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = open(dir.path());
    let plan = plan_year("sodermalm", "Södermalms stadsdelsnämnd", 2020);
    put(&store, &plan);
    let error = store
        .apply(
            &Change::SetGoalStatus {
                council: "sodermalm".to_owned(),
                year: 2020,
                goal: plan.goals[0].id,
                period: Period::Tertial(3),
                status: GoalStatus::default(),
            },
            &actor(),
        )
        .expect_err("T3 refused");
    assert!(error.to_string().contains("T3"), "{error}");

    let mut bad = plan.clone();
    bad.goals[0]
        .status
        .insert(Period::Month(13), GoalStatus::default());
    let error = store
        .apply(&Change::PutPlanYear(bad), &actor())
        .expect_err("M13 refused");
    assert!(matches!(error, StoreError::InvalidPlanYear(_)), "{error}");
    assert_eq!(
        store.plan_year("sodermalm", 2020).expect("read"),
        Some(plan)
    );
}

#[test]
fn the_store_can_be_shared_with_the_signal_thread() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Store>();
}

const CRASH_CHILD: &str = "MALKOLL_TEST_CRASH_DIR";

/// Run by `a_save_reported_ok_survives_a_killed_process`: saves, then dies without running
/// any destructor, as under `kill -9`.
#[test]
fn crash_child_helper() {
    let Some(dir) = std::env::var_os(CRASH_CHILD) else {
        return;
    };
    let store = open(Path::new(&dir));
    let plan = plan_year("sodermalm", "Södermalms stadsdelsnämnd", 2020);
    put(&store, &plan);
    store
        .apply(
            &Change::SetGoalStatus {
                council: "sodermalm".to_owned(),
                year: 2020,
                goal: plan.goals[0].id,
                period: Period::AnnualReport,
                status: GoalStatus {
                    assessment: Assessment::FullyMet,
                    is_forecast: false,
                    analysis: "Sparat före kraschen.".to_owned(),
                },
            },
            &actor(),
        )
        .expect("apply");
    std::process::abort();
}

#[test]
fn a_save_reported_ok_survives_a_killed_process() {
    let dir = tempfile::tempdir().expect("temp dir");
    let status = std::process::Command::new(std::env::current_exe().expect("test binary"))
        .args(["crash_child_helper", "--exact", "--test-threads=1"])
        .env(CRASH_CHILD, dir.path())
        .output()
        .expect("run child")
        .status;
    assert!(!status.success(), "the child aborts");
    // The child's lock file is left behind; it must not block the next open.
    assert!(dir.path().join("malkoll.lock.json").exists());
    let store = open(dir.path());
    let plan = store
        .plan_year("sodermalm", 2020)
        .expect("read")
        .expect("year");
    assert_eq!(
        plan.goals[0].status[&Period::AnnualReport].analysis,
        "Sparat före kraschen."
    );
    assert_eq!(store.audit_log().expect("log").len(), 2);
}

#[test]
fn drafts_are_kept_across_a_reopen_until_discarded() {
    let dir = tempfile::tempdir().expect("temp dir");
    {
        let store = open(dir.path());
        store
            .save_draft("sodermalm/2020/12/T1/analys", "Första")
            .expect("save");
        store
            .save_draft("sodermalm/2020/12/T1/analys", "Halvfärdig analys …")
            .expect("save");
        store
            .save_draft("bromma/2021/3/VB/analys", "Annan")
            .expect("save");
    }
    let store = open(dir.path());
    let drafts = store.drafts().expect("drafts");
    let keys: Vec<&str> = drafts.iter().map(|d| d.key.as_str()).collect();
    assert_eq!(
        keys,
        ["bromma/2021/3/VB/analys", "sodermalm/2020/12/T1/analys"]
    );
    assert_eq!(drafts[1].text, "Halvfärdig analys …");
    store
        .discard_draft("bromma/2021/3/VB/analys")
        .expect("discard");
    assert_eq!(store.drafts().expect("drafts").len(), 1);
    assert!(
        store.audit_log().expect("log").is_empty(),
        "drafts are not audited"
    );
    assert!(store.is_empty().expect("is_empty"));
}
