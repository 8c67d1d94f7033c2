//! The malkoll binary: parses the command line, opens the store, runs the UI or a subcommand.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;

use malkoll::commands;
use malkoll::import::ImportHints;
use malkoll::service::client::ConnectOptions;
use malkoll::service::protocol::{ClientKind, Refusal, ReportRequest};
use malkoll::service::{Client, ClientError, ServeOptions};
use malkoll::store::{Actor, Store};
use malkoll::tui;

mod cli;

use cli::{
    Cli, Command, ExportCommand, FindFormatArg, HistoryFormatArg, ImportCommand, KeymapCommand,
};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match &cli.command {
        Some(Command::Keymap {
            command: KeymapCommand::Check { file },
        }) => {
            let (report, ok) = tui::keymap::run_check(file);
            println!("{report}");
            if ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Some(Command::Import { command }) => run_import(&cli, command),
        Some(Command::Export { command }) => run_export(&cli, command),
        Some(Command::Flags {
            council,
            period,
            format,
            fail_on_flags,
        }) => run_flags(&cli, council, period, format, *fail_on_flags),
        Some(Command::Summary {
            council,
            period,
            format,
        }) => run_summary(&cli, council, period, format),
        Some(Command::Find {
            query,
            limit,
            format,
            dump_names,
        }) => run_find(&cli, query.as_deref(), *limit, *format, *dump_names),
        Some(Command::History {
            query,
            council,
            format,
        }) => run_history(&cli, query, council.as_deref(), *format),
        Some(Command::Serve { idle_exit }) => run_serve(&cli, *idle_exit),
        Some(Command::Who) => run_who(&cli),
        Some(Command::GenDemo {
            councils,
            years,
            seed,
        }) => run_gen_demo(&cli, *councils, *years, *seed),
        None => run_ui(&cli),
    }
}

/// Prints a Swedish error and gives the exit code for it.
fn fail(error: impl std::fmt::Display) -> ExitCode {
    eprintln!("malkoll: {error}");
    ExitCode::FAILURE
}

fn open_store(cli: &Cli) -> Result<Store, ExitCode> {
    Store::open(&db_path(cli)).map_err(fail)
}

fn db_path(cli: &Cli) -> std::path::PathBuf {
    cli.db.clone().unwrap_or_else(Store::default_path)
}

/// `MALKOLL_SERVICE=av`: open the database directly, never through or as a service (tests
/// that inspect the database right after the interface quits; one-off maintenance).
fn service_disabled() -> bool {
    std::env::var("MALKOLL_SERVICE").is_ok_and(|value| value == "av")
}

/// The running service for the database, if one runs: subcommands go through it then, as
/// the database is its to open. `Err` when one runs but cannot be reached.
fn running_service(cli: &Cli, command: &str) -> Result<Option<Client>, ExitCode> {
    if service_disabled() {
        return Ok(None);
    }
    let options = ConnectOptions::existing(ClientKind::Command(command.to_owned()));
    match Client::connect(&db_path(cli), options) {
        Ok(client) => Ok(Some(client)),
        Err(ClientError::NoService(_)) => Ok(None),
        Err(error) => Err(fail(error)),
    }
}

/// A failed request through the service: bad input exits with 2, anything else with 1.
fn fail_remote(error: ClientError) -> ExitCode {
    let bad_input = matches!(&error, ClientError::Refused(Refusal::BadInput { .. }));
    eprintln!("malkoll: {error}");
    if bad_input {
        ExitCode::from(2)
    } else {
        ExitCode::FAILURE
    }
}

/// `malkoll serve`: owns the database until stopped, or until idle when started for a user.
fn run_serve(cli: &Cli, idle_exit: Option<u64>) -> ExitCode {
    let options = ServeOptions {
        idle_exit: idle_exit.map(std::time::Duration::from_secs),
    };
    match malkoll::service::serve(&db_path(cli), options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => fail(format!("{error:#}")),
    }
}

/// `malkoll who`: the sessions of the running service.
fn run_who(cli: &Cli) -> ExitCode {
    let path = db_path(cli);
    let client = match running_service(cli, "who") {
        Ok(Some(client)) => client,
        Ok(None) => {
            println!(
                "Ingen malkoll-tjänst kör för {}: ingen är ansluten.",
                path.display()
            );
            return ExitCode::SUCCESS;
        }
        Err(code) => return code,
    };
    match client.who() {
        Ok(sessions) => {
            print!("{}", commands::remote::who_text(&path, &sessions));
            ExitCode::SUCCESS
        }
        Err(error) => fail_remote(error),
    }
}

fn run_import(cli: &Cli, command: &ImportCommand) -> ExitCode {
    let ImportCommand::Report {
        file,
        council,
        year,
        kind,
        dry_run,
    } = command;
    let hints = ImportHints {
        council: council.clone(),
        year: *year,
        kind: kind.map(|k| k.doc_kind()),
        source_name: String::new(),
    };
    let outcome = if *dry_run {
        commands::import::import_file(file, hints, None)
    } else if let Some(client) = match running_service(cli, "import") {
        Ok(client) => client,
        Err(code) => return code,
    } {
        return print_result(commands::remote::import_file(&client, file, hints));
    } else {
        let store = match open_store(cli) {
            Ok(store) => store,
            Err(code) => return code,
        };
        commands::import::import_file(file, hints, Some((&store, &Actor::from_env())))
    };
    match outcome {
        Ok(summary) => {
            print!("{summary}");
            ExitCode::SUCCESS
        }
        Err(error) => fail(error),
    }
}

fn run_export(cli: &Cli, command: &ExportCommand) -> ExitCode {
    let ExportCommand::Json { council, year, out } = command;
    match running_service(cli, "export") {
        Ok(Some(client)) => {
            return match client.export_plans(council.as_deref(), *year) {
                Ok(plans) => print_result(match out {
                    Some(dir) => commands::export::export_to_dir(&plans, dir),
                    None => commands::export::export_one(&plans).map(|json| json + "\n"),
                }),
                Err(error) => fail_remote(error),
            };
        }
        Ok(None) => {}
        Err(code) => return code,
    }
    let store = match open_store(cli) {
        Ok(store) => store,
        Err(code) => return code,
    };
    let result =
        commands::export::select(&store, council.as_deref(), *year).and_then(|plans| match out {
            Some(dir) => commands::export::export_to_dir(&plans, dir),
            None => commands::export::export_one(&plans).map(|json| json + "\n"),
        });
    match result {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(error) => fail(error),
    }
}

/// Opens the database for a report command, seeding the bundled data on first run as the
/// UI does.
fn open_seeded_store(cli: &Cli) -> Result<Store, ExitCode> {
    let store = open_store(cli)?;
    store
        .seed_bundled(&Actor::from_env())
        .map_err(|error| fail(format!("exempeldata kunde inte läsas in: {error}")))?;
    Ok(store)
}

/// A failed report command: bad input exits with 2, a database fault with 1.
fn fail_select(error: commands::select::SelectError) -> ExitCode {
    eprintln!("malkoll: {error}");
    if error.is_bad_input() {
        ExitCode::from(2)
    } else {
        ExitCode::FAILURE
    }
}

fn run_flags(
    cli: &Cli,
    council: &str,
    period: &str,
    format: &str,
    fail_on_flags: bool,
) -> ExitCode {
    let report = ReportRequest::Flags {
        council: council.to_owned(),
        period: period.to_owned(),
        format: format.to_owned(),
    };
    match run_report_remote(cli, "flags", report, true) {
        Some((_, flagged)) if fail_on_flags && flagged => return ExitCode::FAILURE,
        Some((code, _)) => return code,
        None => {}
    }
    let store = match open_seeded_store(cli) {
        Ok(store) => store,
        Err(code) => return code,
    };
    match commands::flags::run(&store, council, period, format) {
        Ok(output) => {
            print!("{}", output.text);
            if fail_on_flags && output.flagged {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(error) => fail_select(error),
    }
}

/// Runs a report through the running service: `None` when none runs (the direct path
/// follows), else its exit code and whether it flagged anything.
fn run_report_remote(
    cli: &Cli,
    name: &str,
    report: ReportRequest,
    seed: bool,
) -> Option<(ExitCode, bool)> {
    let client = match running_service(cli, name) {
        Ok(Some(client)) => client,
        Ok(None) => return None,
        Err(code) => return Some((code, false)),
    };
    if seed && let Err(error) = client.seed_bundled() {
        return Some((
            fail(format!("exempeldata kunde inte läsas in: {error}")),
            false,
        ));
    }
    Some(match client.report(report) {
        Ok((text, flagged)) => (print_result(Ok::<_, ClientError>(text)), flagged),
        Err(error) => (fail_remote(error), false),
    })
}

fn run_summary(cli: &Cli, council: &str, period: &str, format: &str) -> ExitCode {
    let report = ReportRequest::Summary {
        council: council.to_owned(),
        period: period.to_owned(),
        format: format.to_owned(),
    };
    if let Some((code, _)) = run_report_remote(cli, "summary", report, true) {
        return code;
    }
    let store = match open_seeded_store(cli) {
        Ok(store) => store,
        Err(code) => return code,
    };
    match commands::summary::run(&store, council, period, format) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(error) => fail_select(error),
    }
}

/// `malkoll find`: reads only the name list beside the database, not the database.
fn run_find(
    cli: &Cli,
    query: Option<&str>,
    limit: usize,
    format: FindFormatArg,
    dump_names: bool,
) -> ExitCode {
    use commands::find::{FindFormat, dump_names as dump, find, load_name_list};
    let path = cli.db.clone().unwrap_or_else(Store::default_path);
    let format = match format {
        FindFormatArg::Text => FindFormat::Text,
        FindFormatArg::Json => FindFormat::Json,
    };
    let result = load_name_list(&path).and_then(|names| {
        if dump_names {
            Ok(dump(&names))
        } else {
            find(&names, query.unwrap_or_default(), limit, format)
        }
    });
    print_result(result)
}

fn run_history(
    cli: &Cli,
    query: &str,
    council: Option<&str>,
    format: HistoryFormatArg,
) -> ExitCode {
    use commands::history::{HistoryFormat, lookup, render};
    let name = match format {
        HistoryFormatArg::Text => "text",
        HistoryFormatArg::Json => "json",
        HistoryFormatArg::Csv => "csv",
    };
    let report = ReportRequest::History {
        query: query.to_owned(),
        council: council.map(str::to_owned),
        format: name.to_owned(),
    };
    if let Some((code, _)) = run_report_remote(cli, "history", report, false) {
        return code;
    }
    let store = match open_store(cli) {
        Ok(store) => store,
        Err(code) => return code,
    };
    let format = match format {
        HistoryFormatArg::Text => HistoryFormat::Text,
        HistoryFormatArg::Json => HistoryFormat::Json,
        HistoryFormatArg::Csv => HistoryFormat::Csv,
    };
    print_result(lookup(&store, query, council).and_then(|history| render(&history, format)))
}

fn run_gen_demo(cli: &Cli, councils: usize, years: usize, seed: u64) -> ExitCode {
    match running_service(cli, "gen-demo") {
        Ok(Some(client)) => {
            return print_result(commands::remote::gen_demo(&client, seed, councils, years));
        }
        Ok(None) => {}
        Err(code) => return code,
    }
    let store = match open_store(cli) {
        Ok(store) => store,
        Err(code) => return code,
    };
    print_result(commands::demo::gen_demo(
        &store,
        seed,
        councils,
        years,
        &Actor::from_env(),
    ))
}

/// Prints a command's text, or its error with a failure code.
fn print_result<E: std::fmt::Display>(result: Result<String, E>) -> ExitCode {
    match result {
        Ok(text) => {
            use std::io::Write;
            // A closed pipe (`| head`) is not an error worth a message.
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            ExitCode::SUCCESS
        }
        Err(error) => fail(error),
    }
}

/// Opens the database (seeding the bundled data on first run) and hands over to the UI.
fn run_ui(cli: &Cli) -> ExitCode {
    let keymap = match tui::keymap::load(cli.keymap.as_deref()) {
        Ok(loaded) => {
            for warning in &loaded.warnings {
                eprintln!("malkoll: {warning}");
            }
            loaded.keymap
        }
        Err(errors) => {
            eprintln!("malkoll: tangentbordsfilen kunde inte läsas:\n{errors}");
            return ExitCode::from(2);
        }
    };
    if !service_disabled() {
        return run_ui_through_service(cli, &keymap);
    }
    let store = match open_store(cli) {
        Ok(store) => store,
        Err(code) => return code,
    };
    let actor = Actor::from_env();
    if let Err(error) = store.seed_bundled(&actor) {
        return fail(format!("exempeldata kunde inte läsas in: {error}"));
    }
    if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        return fail(
            "gränssnittet behöver en terminal (standard in och ut); \
             för utskrifter finns kommandona i malkoll --help",
        );
    }
    match tui::run(store, keymap, actor) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => fail(format!("{error:#}")),
    }
}

/// How long a service started for this interface waits after its last client leaves.
const STARTED_SERVICE_IDLE_SECS: u64 = 30;

/// The interface as a client of the service, which is started when none runs.
fn run_ui_through_service(cli: &Cli, keymap: &tui::keymap::Keymap) -> ExitCode {
    let exe = match std::env::current_exe() {
        Ok(exe) => exe,
        Err(error) => return fail(format!("malkoll hittar inte sin egen fil: {error}")),
    };
    let options = ConnectOptions::starting(ClientKind::Interface, exe, STARTED_SERVICE_IDLE_SECS);
    let client = match Client::connect(&db_path(cli), options) {
        Ok(client) => std::sync::Arc::new(client),
        Err(error) => return fail(error),
    };
    if let Err(error) = client.seed_bundled() {
        return fail(format!("exempeldata kunde inte läsas in: {error}"));
    }
    if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        return fail(
            "gränssnittet behöver en terminal (standard in och ut); \
             för utskrifter finns kommandona i malkoll --help",
        );
    }
    // Updates are asked for now; the control loop turns them into messages (issue 9).
    if let Err(error) = client.watch(None) {
        return fail(error);
    }
    let login = match client.login() {
        Ok(login) => login,
        Err(error) => return fail(error),
    };
    let user = match Actor::from_env().ssh_client {
        Some(address) => format!("{login} ({address})"),
        None => login,
    };
    let live = tui::edit::drafts::LiveDraft::default();
    let for_signals = std::sync::Arc::clone(&client);
    let live_for_signals = live.clone();
    let result = tui::run_with_drafts(&client, keymap, user, &live, move || {
        // Nothing useful can be done with an error while the process is going down; the
        // service has flushed every change it acknowledged.
        if let Some((key, text)) = live_for_signals.get() {
            let _ = malkoll::tui::source::PlanSource::save_draft(&*for_signals, &key, &text);
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => fail(format!("{error:#}")),
    }
}
