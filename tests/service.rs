//! Several clients against one `malkoll serve` on a temp database: concurrent saves,
//! conflicts instead of lost updates, access rules, live updates, a killed service, and
//! clients that misbehave.

mod service_common;
mod ui_common;

use std::io::Write;
use std::os::unix::net::UnixStream;
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use malkoll::domain::Period;
use malkoll::service::protocol::{ClientKind, Refusal};
use malkoll::service::{ClientError, RemoteUpdate, socket_path};
use malkoll::tui::error::SourceError;
use malkoll::tui::source::PlanSource;
use service_common::{Service, analysis_of, goal_targets, set_analysis};

/// `clients` clients save different goals at the same time; every save lands.
fn concurrent_saves_of_different_nodes_all_land(clients: usize, per_client: usize) {
    let service = Service::start(None);
    let reader = service.client();
    let (plan, _) = reader
        .plan_year_versioned("sodermalm", 2020)
        .expect("reads");
    let plan = plan.expect("Södermalm 2020 is bundled");
    let targets = goal_targets(&plan);
    assert!(
        targets.len() >= clients * per_client,
        "enough distinct targets"
    );
    let audit_before = reader.audit_log().expect("audit").len();
    let barrier = Arc::new(Barrier::new(clients));
    let threads: Vec<_> = (0..clients)
        .map(|c| {
            let client = service.client();
            let mine: Vec<_> = targets[c * per_client..(c + 1) * per_client].to_vec();
            let barrier = Arc::clone(&barrier);
            std::thread::spawn(move || {
                let (_, version) = client
                    .plan_year_versioned("sodermalm", 2020)
                    .expect("reads");
                barrier.wait();
                for (i, (goal, period)) in mine.into_iter().enumerate() {
                    let change = set_analysis(goal, period, &format!("klient {c} text {i}"));
                    client
                        .apply(&change, Some(version))
                        .expect("a save of a node nobody else touched lands");
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().expect("client thread");
    }
    let (plan, _) = reader
        .plan_year_versioned("sodermalm", 2020)
        .expect("reads");
    let plan = plan.expect("still there");
    for c in 0..clients {
        for (i, (goal, period)) in targets[c * per_client..(c + 1) * per_client]
            .iter()
            .enumerate()
        {
            assert_eq!(
                analysis_of(&plan, *goal, *period).as_deref(),
                Some(format!("klient {c} text {i}").as_str())
            );
        }
    }
    let audit = reader.audit_log().expect("audit");
    assert_eq!(audit.len(), audit_before + clients * per_client);
    assert!(
        audit
            .iter()
            .skip(audit_before)
            .all(|entry| !entry.actor.login.is_empty())
    );
}

#[test]
fn two_clients_saving_different_nodes_both_land() {
    concurrent_saves_of_different_nodes_all_land(2, 10);
}

#[test]
fn ten_clients_saving_different_nodes_all_land() {
    concurrent_saves_of_different_nodes_all_land(10, 5);
}

/// `clients` clients read the same text and save it at once: one save lands, the others
/// are conflicts, and the stored text is the one that landed.
fn concurrent_saves_of_the_same_text_conflict(clients: usize) {
    let service = Service::start(None);
    let reader = service.client();
    let plan = reader
        .plan_year_versioned("sodermalm", 2020)
        .expect("reads")
        .0
        .expect("bundled");
    let (goal, period) = goal_targets(&plan)[0];
    let barrier = Arc::new(Barrier::new(clients));
    let threads: Vec<_> = (0..clients)
        .map(|c| {
            let client = service.client();
            let barrier = Arc::clone(&barrier);
            std::thread::spawn(move || {
                let (_, version) = client
                    .plan_year_versioned("sodermalm", 2020)
                    .expect("reads");
                barrier.wait();
                let text = format!("version från klient {c}");
                (
                    text.clone(),
                    client.apply(&set_analysis(goal, period, &text), Some(version)),
                )
            })
        })
        .collect();
    let results: Vec<_> = threads
        .into_iter()
        .map(|t| t.join().expect("client thread"))
        .collect();
    let landed: Vec<_> = results.iter().filter(|(_, r)| r.is_ok()).collect();
    assert_eq!(landed.len(), 1, "exactly one save lands: {results:?}");
    for (_, result) in results.iter().filter(|(_, r)| r.is_err()) {
        match result {
            Err(ClientError::Refused(Refusal::Conflict {
                message,
                theirs_seq,
                ..
            })) => {
                assert!(message.starts_with("Krock: "), "{message}");
                assert!(message.contains("sedan du läste det"), "{message}");
                assert!(*theirs_seq > 0);
            }
            other => panic!("expected a conflict, got {other:?}"),
        }
    }
    let plan = reader
        .plan_year_versioned("sodermalm", 2020)
        .expect("reads")
        .0
        .expect("bundled");
    assert_eq!(
        analysis_of(&plan, goal, period).as_deref(),
        Some(landed[0].0.as_str())
    );
}

#[test]
fn two_clients_saving_the_same_text_give_a_conflict_not_a_lost_update() {
    concurrent_saves_of_the_same_text_conflict(2);
}

#[test]
fn ten_clients_saving_the_same_text_give_one_save_and_nine_conflicts() {
    concurrent_saves_of_the_same_text_conflict(10);
}

#[test]
fn keep_mine_after_a_conflict_saves_over_the_version_seen() {
    let service = Service::start(None);
    let (anna, bertil) = (service.client(), service.client());
    let (plan, version) = anna.plan_year_versioned("sodermalm", 2020).expect("reads");
    let (goal, period) = goal_targets(&plan.expect("bundled"))[1];
    bertil
        .apply(&set_analysis(goal, period, "Bertils"), Some(version))
        .expect("first save");
    let theirs = match anna.apply(&set_analysis(goal, period, "Annas"), Some(version)) {
        Err(ClientError::Refused(Refusal::Conflict { theirs_seq, .. })) => theirs_seq,
        other => panic!("expected a conflict, got {other:?}"),
    };
    anna.apply(&set_analysis(goal, period, "Annas"), Some(theirs))
        .expect("saving over the version now seen lands");
}

#[test]
fn the_plan_source_saves_with_the_version_it_read_and_undo_of_a_changed_value_conflicts() {
    let service = Service::start(None);
    let (anna, bertil) = (service.client(), service.client());
    let plan = PlanSource::plan_year(&anna, "sodermalm", 2020)
        .expect("reads")
        .expect("bundled");
    let (goal, period) = goal_targets(&plan)[2];
    let first = anna
        .apply_change(&set_analysis(goal, period, "Annas första"))
        .expect("saves");
    let second = anna
        .apply_change(&set_analysis(goal, period, "Annas andra"))
        .expect("a second save of her own value is no conflict");
    // Undo both in a row, then redo both: her own changes, no conflict.
    for entry in [&second, &first] {
        anna.apply_change(&entry.undo_change().expect("undoable"))
            .expect("undo of her own latest change");
    }
    anna.apply_change(&first.change).expect("redo");
    anna.apply_change(&second.change).expect("redo");
    PlanSource::plan_year(&bertil, "sodermalm", 2020).expect("reads");
    bertil
        .apply_change(&set_analysis(goal, period, "Bertils"))
        .expect("Bertil read after Anna's saves");
    let undo = first.undo_change().expect("a status change can be undone");
    let error = anna
        .apply_change(&undo)
        .expect_err("undo over Bertil's change");
    assert!(
        matches!(
            &error,
            SourceError::Service(ClientError::Refused(Refusal::Conflict { .. }))
        ),
        "{error:#}"
    );
    let plan = PlanSource::plan_year(&anna, "sodermalm", 2020)
        .expect("reads")
        .expect("bundled");
    assert_eq!(analysis_of(&plan, goal, period).as_deref(), Some("Bertils"));
}

#[test]
fn an_unauthorised_write_is_refused_in_swedish_and_audited_as_refused() {
    // Nobody may write: this user is in neither list.
    let mut service = Service::start(Some("[users]\nnagon-annan = [\"*\"]\n"));
    let client = service.client();
    assert!(client.writes().expect("welcome").is_empty());
    let (plan, version) = client
        .plan_year_versioned("sodermalm", 2020)
        .expect("reads");
    let (goal, period) = goal_targets(&plan.expect("bundled"))[0];
    let before = client.audit_log().expect("audit").len();
    let error = client
        .apply(&set_analysis(goal, period, "obehörig"), Some(version))
        .expect_err("refused");
    match &error {
        ClientError::Refused(Refusal::NotAllowed { message }) => {
            assert!(
                message.contains("får inte ändra i nämnden sodermalm"),
                "{message}"
            );
            assert!(message.contains("access.toml"), "{message}");
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(
        client.audit_log().expect("audit").len(),
        before,
        "nothing applied"
    );
    // An edit of access.toml takes effect without a restart.
    let login = client.login().expect("login");
    std::fs::write(
        service.db.join("access.toml"),
        format!("[users]\n\"{login}\" = [\"sodermalm\"]\n"),
    )
    .expect("grants Södermalm");
    client
        .apply(&set_analysis(goal, period, "behörig nu"), Some(version))
        .expect("the new rule lets the save through");
    drop(client);
    service.kill();
    let store = malkoll::store::Store::open(&service.db).expect("opens after the service");
    let refused = store.refusals().expect("refusals");
    assert_eq!(refused.len(), 1);
    assert!(refused[0].reason.contains("får inte ändra"));
    assert!(service.log().contains("nekad ändring"), "{}", service.log());
}

#[test]
fn a_second_client_sees_a_change_within_a_second() {
    let service = Service::start(None);
    let (anna, bertil) = (service.client(), service.client());
    let updates = bertil.updates().expect("the update stream");
    bertil.watch(Some("sodermalm")).expect("watches Södermalm");
    let (plan, version) = anna.plan_year_versioned("sodermalm", 2020).expect("reads");
    let (goal, period) = goal_targets(&plan.expect("bundled"))[0];
    let saved_at = Instant::now();
    let entry = anna
        .apply(&set_analysis(goal, period, "syns direkt"), Some(version))
        .expect("saves");
    match updates.recv_timeout(Duration::from_secs(1)) {
        Ok(RemoteUpdate::Applied(update)) => {
            assert_eq!(update.seq, entry.seq);
            assert_eq!(update.council, "sodermalm");
            assert!(
                update.description.starts_with("Bedömning för"),
                "{}",
                update.description
            );
            assert!(!update.login.is_empty());
        }
        other => panic!("no update within a second: {other:?}"),
    }
    assert!(saved_at.elapsed() < Duration::from_secs(1));
    // A client watching another council is not told.
    let cecilia = service.client();
    let other_updates = cecilia.updates().expect("stream");
    cecilia.watch(Some("farsta")).expect("watches");
    anna.apply(&set_analysis(goal, Period::Tertial(2), "igen"), None)
        .expect("saves");
    assert!(
        other_updates
            .recv_timeout(Duration::from_millis(300))
            .is_err()
    );
}

#[test]
fn killing_the_service_is_reported_at_once_and_loses_no_acknowledged_change() {
    let mut service = Service::start(None);
    let client = service.client();
    let updates = client.updates().expect("stream");
    let (plan, version) = client
        .plan_year_versioned("sodermalm", 2020)
        .expect("reads");
    let targets = goal_targets(&plan.expect("bundled"));
    let mut acknowledged = Vec::new();
    for (i, (goal, period)) in targets.iter().take(20).enumerate() {
        let text = format!("bekräftad {i}");
        client
            .apply(&set_analysis(*goal, *period, &text), Some(version))
            .expect("saves");
        acknowledged.push((*goal, *period, text));
    }
    let killed_at = Instant::now();
    service.kill();
    match updates.recv_timeout(Duration::from_secs(1)) {
        Ok(RemoteUpdate::ServiceLost { message }) => {
            assert!(message.contains("malkoll-tjänsten"), "{message}")
        }
        other => panic!("not told within a second: {other:?}"),
    }
    assert!(killed_at.elapsed() < Duration::from_secs(1));
    let error = client.who().expect_err("no service");
    let message = error.to_string();
    assert!(message.contains("ingen malkoll-tjänst kör"), "{message}");
    service.restart();
    let (plan, _) = client
        .plan_year_versioned("sodermalm", 2020)
        .expect("reconnects to the new service");
    let plan = plan.expect("bundled");
    for (goal, period, text) in &acknowledged {
        assert_eq!(
            analysis_of(&plan, *goal, *period).as_deref(),
            Some(text.as_str())
        );
    }
    assert_eq!(
        updates.recv_timeout(Duration::from_secs(1)).expect("told"),
        RemoteUpdate::Reconnected
    );
}

#[test]
fn who_lists_the_sessions_with_login_and_council() {
    let service = Service::start(None);
    let (anna, bertil) = (service.client(), service.client());
    anna.watch(Some("sodermalm")).expect("watches");
    let sessions = bertil.who().expect("who");
    assert!(sessions.len() >= 2, "{sessions:?}");
    let login = anna.login().expect("login");
    assert!(sessions.iter().any(|s| s.login == login
        && s.council.as_deref() == Some("sodermalm")
        && s.kind == ClientKind::Command("test".to_owned())));
    let output = std::process::Command::new(service_common::binary())
        .arg("--db")
        .arg(&service.db)
        .arg("who")
        .output()
        .expect("malkoll who runs");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success());
    assert!(
        text.contains("sodermalm") && text.contains(&login),
        "{text}"
    );
}

#[test]
fn garbage_a_huge_frame_and_a_thousand_idle_connections_do_not_stop_others() {
    let service = Service::start(None);
    let socket = socket_path(&service.db);
    let mut garbage = UnixStream::connect(&socket).expect("connects");
    garbage
        .write_all(&[0, 0, 0, 8, 0xde, 0xad, 0xbe, 0xef, 0xff, 0xff, 0xff, 0xff])
        .expect("writes");
    let mut huge = UnixStream::connect(&socket).expect("connects");
    huge.write_all(&(1u32 << 30).to_be_bytes())
        .expect("announces 1 GB");
    let idle: Vec<UnixStream> = (0..1000)
        .map(|_| UnixStream::connect(&socket).expect("connects"))
        .collect();
    let started = Instant::now();
    let client = service.client();
    let councils = PlanSource::councils(&client).expect("answers");
    assert!(!councils.is_empty());
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    drop(idle);
    let log_waited = Instant::now();
    while !(service.log().contains("för stort") && service.log().contains("ogiltigt meddelande")) {
        assert!(
            log_waited.elapsed() < Duration::from_secs(10),
            "{}",
            service.log()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn the_first_client_starts_the_service_which_stops_when_idle() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("db");
    let options = malkoll::service::client::ConnectOptions::starting(
        ClientKind::Interface,
        service_common::binary(),
        1,
    );
    let client = malkoll::service::Client::connect(&db, options).expect("starts and connects");
    client.seed_bundled().expect("seeds");
    assert!(socket_path(&db).exists());
    let mode = std::os::unix::fs::PermissionsExt::mode(
        &std::fs::metadata(socket_path(&db))
            .expect("socket")
            .permissions(),
    );
    assert_eq!(mode & 0o777, 0o660, "owner and group only");
    // A command works while the interface is connected.
    let output = std::process::Command::new(service_common::binary())
        .arg("--db")
        .arg(&db)
        .args(["flags", "--council", "sodermalm", "--period", "T1-2020"])
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("Att åtgärda"));
    drop(client);
    let left = Instant::now();
    while socket_path(&db).exists() {
        assert!(
            left.elapsed() < Duration::from_secs(10),
            "still running after 10 s"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    // The lock goes with the process, a moment after the socket.
    let gone = Instant::now();
    while let Err(error) = malkoll::store::Store::open(&db) {
        assert!(
            gone.elapsed() < Duration::from_secs(10),
            "the stopped service still holds the database: {error}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn the_subcommands_go_through_a_running_service() {
    let service = Service::start(None);
    let malkoll = |args: &[&str]| {
        let output = std::process::Command::new(service_common::binary())
            .arg("--db")
            .arg(&service.db)
            .args(args)
            .output()
            .expect("malkoll runs");
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stdout).into_owned(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };
    let (code, out, err) = malkoll(&["gen-demo", "--councils", "3", "--years", "2"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("genom malkoll-tjänsten"), "{out}");
    let export_dir = service.dir.path().join("export");
    let (code, _, err) = malkoll(&[
        "export",
        "json",
        "--out",
        export_dir.to_str().expect("utf-8"),
    ]);
    assert_eq!(code, Some(0), "{err}");
    let files = std::fs::read_dir(&export_dir).expect("exported").count();
    assert_eq!(
        files,
        4 + 3 * 2 + 1,
        "the bundled years, the generated ones and malkoll.json"
    );
    let manifest = std::fs::read_to_string(export_dir.join("malkoll.json")).expect("the log");
    assert!(
        manifest.contains("\"format\": 2") && manifest.contains("\"PutPlanYear\""),
        "the service hands over the log for an export of the whole database"
    );
    let (code, out, err) = malkoll(&["summary", "--council", "sodermalm", "--period", "T1-2020"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(!out.is_empty());
    let (code, _, err) = malkoll(&["flags", "--council", "ingen-sadan", "--period", "T1-2020"]);
    assert_eq!(
        code,
        Some(2),
        "bad input is exit code 2 through the service too: {err}"
    );
    assert!(err.contains("okänd nämnd"), "{err}");
    // Every one of them was a session of the service, not a second open of the database.
    assert!(
        !service.log().contains("används redan"),
        "{}",
        service.log()
    );
}

/// The example Kolada file and mapping in data/kolada, imported into the database at `db`
/// (seeded first) with the store, as `malkoll import kolada` does without a service.
fn import_kolada_example(db: &std::path::Path) -> malkoll::store::Store {
    use malkoll::commands::import_values::ImportOptions;
    let store = malkoll::store::Store::open(db).expect("store opens");
    let actor = malkoll::store::Actor::from_parts("test".into(), None);
    store.seed_bundled(&actor).expect("seeds");
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/kolada");
    malkoll::commands::import_kolada::run(
        &store,
        &example.join("example-sodermalm.json"),
        &example.join("example-map.toml"),
        ImportOptions {
            dry_run: false,
            skip_bad: false,
            overwrite: true,
        },
        &actor,
    )
    .expect("the example imports");
    store
}

/// Historik through the service says where imported values came from, as the store does
/// (protocol 3): the client's value sources are the store's, for every year.
#[test]
fn the_client_gives_the_value_sources_the_store_gives() {
    let mut expected = Vec::new();
    let service = Service::start_prepared(|db| {
        let store = import_kolada_example(db);
        for council in store.councils().expect("councils") {
            for year in store.years(&council.id).expect("years") {
                let plan = store.plan_year(&council.id, year).expect("read");
                let plan = plan.expect("a plan year");
                let sources = store.value_sources(&plan).expect("sources");
                expected.push((council.id.clone(), year, sources));
            }
        }
    });
    assert!(
        expected
            .iter()
            .any(|(council, year, sources)| council == "sodermalm"
                && *year == 2020
                && sources.values().any(|s| s == "Kolada N00001 2020 T, K, M")),
        "the import stored its sources: {expected:?}"
    );
    let client = service.client();
    for (council, year, sources) in &expected {
        let plan = PlanSource::plan_year(&client, council, *year)
            .expect("read")
            .expect("a plan year");
        let got = PlanSource::value_sources(&client, &plan).expect("the service answers");
        assert_eq!(&got, sources, "{council} {year}");
    }
}

/// What the service's opening of the database found reaches its clients: an incomplete
/// snapshot it moved to `recovered/`, said in the store's words, until the service says
/// it has read its records through.
#[test]
fn the_client_is_told_what_the_service_found_when_it_opened_the_database() {
    let service = Service::start_prepared(|db| {
        drop(import_kolada_example(db));
        std::fs::write(db.join("snap.00000000000FFFFF.generating"), vec![7u8; 100])
            .expect("plant an incomplete snapshot");
    });
    let moved: Vec<std::path::PathBuf> = std::fs::read_dir(service.db.join("recovered"))
        .expect("the service moved the snapshot aside")
        .map(|entry| entry.expect("entry").path())
        .collect();
    assert_eq!(moved.len(), 1, "{moved:?}");
    let client = service.client();
    let started = Instant::now();
    let lines = loop {
        let (lines, done) = PlanSource::notices(&client);
        if done {
            break lines;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the service never finished reading its records through"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(
        lines,
        vec![malkoll::store::moved_aside_notice(&moved[0])],
        "the notice names where the snapshot went, and nothing is read-only"
    );
}

/// A new service opens the database anew: after the client reconnects to one, the
/// interface asks again what opening found, and says what this one found.
#[test]
fn after_reconnecting_the_interface_tells_what_the_new_service_found() {
    let mut service = Service::start(None);
    let client = Arc::new(service.client());
    let updates = client.updates().expect("the client's updates");
    let mut driver = ui_common::Driver::new(Arc::clone(&client));
    let screen = driver.screen(200, 50);
    assert!(!screen.contains("ofullständig"), "{screen}");

    service.kill();
    std::fs::write(
        service.db.join("snap.00000000000FFFFF.generating"),
        vec![7u8; 100],
    )
    .expect("plant an incomplete snapshot");
    service.restart();
    // The next request reconnects, as the next load or save of the interface would (one
    // sent before the client saw the old connection close fails, as it would there).
    let started = Instant::now();
    while let Err(error) = PlanSource::councils(&*client) {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "no reconnect to the new service: {error}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    // What the client reports reaches the loop as the terminal's events do.
    let reported: Vec<RemoteUpdate> = updates.try_iter().collect();
    assert!(
        reported.contains(&RemoteUpdate::Reconnected),
        "{reported:?}"
    );
    driver.run(
        reported
            .into_iter()
            .map(|update| malkoll::tui::events::Input::Remote(Box::new(update))),
    );
    let screen = driver.screen(200, 50);
    let status = screen.lines().nth(49).unwrap_or_default();
    assert!(
        status.contains("en ofullständig ögonblicksbild av databasen")
            && status.contains("recovered"),
        "{screen}"
    );
}
