//! The malkoll binary: parses the command line, opens the store, runs the UI or a subcommand.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;

use malkoll::commands;
use malkoll::domain::text::sanitize;
use malkoll::import::ImportHints;
use malkoll::service::client::ConnectOptions;
use malkoll::service::protocol::{ClientKind, Refusal, ReportRequest};
use malkoll::service::{Client, ClientError, ServeOptions};
use malkoll::store::{Actor, Store, StoreError};
use malkoll::tui;

mod cli;

use cli::{
    Cli, Command, ExportCommand, FindFormatArg, HistoryFormatArg, ImportCommand, KeymapCommand,
    PeriodCommand,
};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match &cli.command {
        Some(Command::Keymap {
            command: KeymapCommand::Check { file },
        }) => {
            let (report, ok) = tui::keymap::run_check(file);
            out_text(&format!("{report}\n"));
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
            deficit,
        }) => run_flags(
            &cli,
            council,
            period,
            format,
            &deficit.deficit_percent,
            *fail_on_flags,
        ),
        Some(Command::Summary {
            council,
            period,
            format,
        }) => run_summary(&cli, council, period, format),
        Some(Command::Economy {
            council,
            period,
            format,
            deficit,
            area,
            forecast,
            budget,
            analysis,
        }) => {
            let edit = commands::economy::EconomyEdit {
                area: area.clone(),
                forecast: forecast.clone(),
                budget: budget.clone(),
                analysis: analysis.clone(),
            };
            run_economy(
                &cli,
                council,
                period,
                format,
                &deficit.deficit_percent,
                &edit,
            )
        }
        Some(Command::Period {
            command:
                PeriodCommand::Add {
                    council,
                    year,
                    month,
                },
        }) => run_period_add(&cli, council, *year, *month),
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
        Some(Command::Doctor { restore }) => run_doctor(&cli, *restore),
        Some(Command::Serve { idle_exit }) => run_serve(&cli, *idle_exit),
        Some(Command::Who) => run_who(&cli),
        Some(Command::Completions { shell }) => run_generated(Some(*shell)),
        Some(Command::Man) => run_generated(None),
        Some(Command::GenDemo {
            councils,
            years,
            seed,
        }) => run_gen_demo(&cli, *councils, *years, *seed),
        None => run_ui(&cli),
    }
}

/// Writes human text to standard out, sanitised (it may hold names from documents). A
/// closed pipe (`| head`) ends the output quietly.
fn out_text(text: &str) {
    write_quietly(&mut std::io::stdout().lock(), &sanitize(text));
}

/// Writes data (JSON, CSV) to standard out: as it is when piped, so an export stays
/// lossless; sanitised when it goes to a terminal.
fn out_data(text: &str) {
    if std::io::stdout().is_terminal() {
        out_text(text);
    } else {
        write_quietly(&mut std::io::stdout().lock(), text);
    }
}

/// A line to standard error, sanitised: arguments and lock-file fields are echoed in errors.
fn say(text: &str) {
    write_quietly(
        &mut std::io::stderr().lock(),
        &format!("malkoll: {}\n", sanitize(text)),
    );
}

fn write_quietly(out: &mut impl std::io::Write, text: &str) {
    // A closed pipe or terminal is no reason for a panic or a message.
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

/// Prints a Swedish error and gives the exit code for it.
fn fail(error: impl std::fmt::Display) -> ExitCode {
    say(&error.to_string());
    ExitCode::FAILURE
}

/// Opens the database, telling the user what opening found: incomplete snapshots moved
/// aside, a database that cannot be fully read (read-only).
fn open_store(cli: &Cli) -> Result<Store, ExitCode> {
    let store = open_store_for_ui(cli)?;
    if let Some(reason) = store.read_only_reason() {
        say(&malkoll::store::read_only_notice(&reason));
    }
    Ok(store)
}

/// As [`open_store`] without waiting for every record to be read: the UI starts at once and
/// a refused save says why.
fn open_store_for_ui(cli: &Cli) -> Result<Store, ExitCode> {
    let store = Store::open(&db_path(cli)).map_err(fail)?;
    tell_moved_aside(&store);
    Ok(store)
}

/// Opens the database for a command that only reads (`flags`, `summary`, `history`,
/// `export`, `find`'s first seeding): every record is read through only if something is
/// written (the bundled data into a new database), so the first output does not wait for it.
/// A damaged record the command reads is reported by that read.
fn open_reading_store(cli: &Cli) -> Result<Store, ExitCode> {
    let store = Store::open_for_reading(&db_path(cli)).map_err(fail)?;
    tell_moved_aside(&store);
    match store.seed_bundled(&Actor::from_env()) {
        Ok(_) | Err(StoreError::ReadOnly(_) | StoreError::WriteRefused) => {}
        Err(error) => return Err(fail(format!("exempeldata kunde inte läsas in: {error}"))),
    }
    if let Some(reason) = store.read_only_reason_if_known() {
        say(&format!(
            "databasen öppnas bara för läsning; inget sparas. {reason} Kör «malkoll doctor»."
        ));
    }
    Ok(store)
}

/// Tells the user of incomplete snapshots that opening moved aside.
fn tell_moved_aside(store: &Store) {
    for moved in store.moved_aside() {
        say(&malkoll::store::moved_aside_notice(moved));
    }
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
    say(&error.to_string());
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
    let (file, council, year, kind, dry_run, overwrite) = match command {
        ImportCommand::Report {
            file,
            council,
            year,
            kind,
            dry_run,
            overwrite,
        } => (file, council, year, kind, dry_run, overwrite),
        ImportCommand::Values {
            file,
            dry_run,
            skip_bad,
            overwrite,
        } => {
            let options = commands::import_values::ImportOptions {
                dry_run: *dry_run,
                skip_bad: *skip_bad,
                overwrite: *overwrite,
            };
            return run_import_values(cli, file, None, options);
        }
        ImportCommand::Kolada {
            file,
            map,
            dry_run,
            skip_bad,
            overwrite,
        } => {
            let options = commands::import_values::ImportOptions {
                dry_run: *dry_run,
                skip_bad: *skip_bad,
                overwrite: *overwrite,
            };
            return run_import_values(cli, file, Some(map), options);
        }
        ImportCommand::Json { path } => {
            // Not seeded: a restore goes into an empty database.
            let store = match open_store(cli) {
                Ok(store) => store,
                Err(code) => return code,
            };
            return print_result(
                commands::import_json::run(&store, path, &Actor::from_env()),
                false,
            );
        }
    };
    let hints = ImportHints {
        council: council.clone(),
        year: *year,
        kind: kind.map(|k| k.doc_kind()),
        source_name: String::new(),
    };
    let options = commands::import::ImportOptions {
        overwrite: *overwrite,
    };
    let outcome = if *dry_run {
        commands::import::import_file_with(file, hints, None, options)
    } else if let Some(client) = match running_service(cli, "import") {
        Ok(client) => client,
        Err(code) => return code,
    } {
        return print_result(
            commands::remote::import_file(&client, file, hints, options),
            false,
        );
    } else {
        let store = match open_seeded_store(cli) {
            Ok(store) => store,
            Err(code) => return code,
        };
        commands::import::import_file_with(file, hints, Some((&store, &Actor::from_env())), options)
    };
    match outcome {
        Ok(summary) => {
            out_text(&summary);
            ExitCode::SUCCESS
        }
        Err(error) => fail(error),
    }
}

/// `import values` and `import kolada` (with its mapping): exit 2 when the file is at fault
/// (nothing was written then).
fn run_import_values(
    cli: &Cli,
    file: &std::path::Path,
    kolada_map: Option<&std::path::Path>,
    options: commands::import_values::ImportOptions,
) -> ExitCode {
    let store = match open_seeded_store(cli) {
        Ok(store) => store,
        Err(code) => return code,
    };
    let actor = Actor::from_env();
    let result = match kolada_map {
        Some(map) => commands::import_kolada::run(&store, file, map, options, &actor),
        None => commands::import_values::run(&store, file, options, &actor),
    };
    match result {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("malkoll: {error}");
            if error.is_bad_input() {
                ExitCode::from(2)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}

/// `completions SHELL` and `man`: generated from the clap definition, to standard out.
fn run_generated(shell: Option<clap_complete::Shell>) -> ExitCode {
    use clap::CommandFactory;
    let mut command = Cli::command();
    let mut out = std::io::stdout().lock();
    match shell {
        Some(shell) => {
            clap_complete::generate(shell, &mut command, "malkoll", &mut out);
            ExitCode::SUCCESS
        }
        None => match clap_mangen::Man::new(command).render(&mut out) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => fail(format!("manualsidan kunde inte skrivas: {error}")),
        },
    }
}

fn run_export(cli: &Cli, command: &ExportCommand) -> ExitCode {
    let (council, year, out) = match command {
        ExportCommand::Json { council, year, out } => (council, year, out),
        ExportCommand::Report {
            council,
            period,
            format,
            out,
        } => {
            let store = match open_reading_store(cli) {
                Ok(store) => store,
                Err(code) => return code,
            };
            return print_result(
                commands::export_report::run(&store, council, period, format, out.as_deref()),
                false,
            );
        }
        ExportCommand::Csv { table } => {
            return run_export_table(cli, table, commands::export_table::TableFormat::Csv);
        }
        ExportCommand::Xlsx { table } => {
            return run_export_table(cli, table, commands::export_table::TableFormat::Xlsx);
        }
    };
    match running_service(cli, "export") {
        Ok(Some(client)) => {
            let whole = out.is_some() && council.is_none() && year.is_none();
            let history = if whole {
                match client.export_history() {
                    Ok(history) => Some(history),
                    Err(error) => return fail_remote(error),
                }
            } else {
                None
            };
            return match client.export_plans(council.as_deref(), *year) {
                Ok(plans) => print_result(
                    match out {
                        Some(dir) => commands::export::export_to_dir(&plans, history, dir),
                        None => commands::export::export_one(&plans).map(|json| json + "\n"),
                    },
                    out.is_none(),
                ),
                Err(error) => fail_remote(error),
            };
        }
        Ok(None) => {}
        Err(code) => return code,
    }
    let store = match open_reading_store(cli) {
        Ok(store) => store,
        Err(code) => return code,
    };
    let selected = commands::export::select(&store, council.as_deref(), *year);
    let result = match out {
        // The log and series links belong to the whole database: only an unfiltered export
        // carries them.
        Some(dir) => selected
            .and_then(|plans| {
                let history = match (council, year) {
                    (None, None) => Some(store.history_for_export()?),
                    _ => None,
                };
                commands::export::export_to_dir(&plans, history, dir)
            })
            .map(|text| (text, false)),
        None => selected
            .and_then(|plans| commands::export::export_one(&plans))
            .map(|json| (json + "\n", true)),
    };
    match result {
        Ok((text, is_data)) => {
            if is_data {
                out_data(&text);
            } else {
                out_text(&text);
            }
            ExitCode::SUCCESS
        }
        Err(error) => fail(error),
    }
}

/// `export csv` / `export xlsx`: the file's bytes to standard out, or a line saying where.
fn run_export_table(
    cli: &Cli,
    table: &cli::TableArgs,
    format: commands::export_table::TableFormat,
) -> ExitCode {
    let store = match open_reading_store(cli) {
        Ok(store) => store,
        Err(code) => return code,
    };
    let request = commands::export_table::TableRequest {
        council: &table.council,
        year: table.year,
        period: table.period.as_deref(),
        format,
        out: table.out.as_deref(),
    };
    match commands::export_table::run(&store, &request) {
        Ok(bytes) => {
            use std::io::Write;
            let _ = std::io::stdout().lock().write_all(&bytes);
            ExitCode::SUCCESS
        }
        Err(error) => fail(error),
    }
}

/// Opens the database for a report command, seeding the bundled data on first run as the
/// UI does.
fn open_seeded_store(cli: &Cli) -> Result<Store, ExitCode> {
    let store = open_store(cli)?;
    if store.read_only_reason().is_none() {
        store
            .seed_bundled(&Actor::from_env())
            .map_err(|error| fail(format!("exempeldata kunde inte läsas in: {error}")))?;
    }
    Ok(store)
}

/// A failed report command: bad input exits with 2, a database fault with 1.
fn fail_select(error: commands::select::SelectError) -> ExitCode {
    say(&error.to_string());
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
    deficit_percent: &str,
    fail_on_flags: bool,
) -> ExitCode {
    let report = ReportRequest::Flags {
        council: council.to_owned(),
        period: period.to_owned(),
        format: format.to_owned(),
        deficit_percent: deficit_percent.to_owned(),
    };
    match run_report_remote(cli, "flags", report, true) {
        Some((_, flagged)) if fail_on_flags && flagged => return ExitCode::FAILURE,
        Some((code, _)) => return code,
        None => {}
    }
    let store = match open_reading_store(cli) {
        Ok(store) => store,
        Err(code) => return code,
    };
    match commands::flags::run(&store, council, period, format, deficit_percent) {
        Ok(output) => {
            if format == "text" {
                out_text(&output.text);
            } else {
                out_data(&output.text);
            }
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
    let is_data = match &report {
        ReportRequest::Flags { format, .. }
        | ReportRequest::Summary { format, .. }
        | ReportRequest::History { format, .. } => format != "text",
        ReportRequest::ExportJson { .. } | ReportRequest::ExportHistory => true,
    };
    Some(match client.report(report) {
        Ok((text, flagged)) => (print_result(Ok::<_, ClientError>(text), is_data), flagged),
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
    let store = match open_reading_store(cli) {
        Ok(store) => store,
        Err(code) => return code,
    };
    match commands::summary::run(&store, council, period, format) {
        Ok(text) => {
            if format == "text" {
                out_text(&text);
            } else {
                out_data(&text);
            }
            ExitCode::SUCCESS
        }
        Err(error) => fail_select(error),
    }
}

fn run_economy(
    cli: &Cli,
    council: &str,
    period: &str,
    format: &str,
    deficit_percent: &str,
    edit: &commands::economy::EconomyEdit,
) -> ExitCode {
    let edits = edit.area.is_some()
        || edit.forecast.is_some()
        || edit.budget.is_some()
        || edit.analysis.is_some();
    let opened = if edits {
        open_seeded_store(cli)
    } else {
        open_reading_store(cli)
    };
    let store = match opened {
        Ok(store) => store,
        Err(code) => return code,
    };
    let result = commands::economy::run(
        &store,
        &Actor::from_env(),
        council,
        period,
        format,
        deficit_percent,
        edit,
    );
    economy_result(result)
}

fn run_period_add(cli: &Cli, council: &str, year: u16, month: u8) -> ExitCode {
    let store = match open_seeded_store(cli) {
        Ok(store) => store,
        Err(code) => return code,
    };
    economy_result(commands::economy::add_month(
        &store,
        &Actor::from_env(),
        council,
        year,
        month,
    ))
}

/// Prints an economy command's text; bad input exits with 2, a database fault with 1.
fn economy_result(result: Result<String, commands::economy::EconomyCommandError>) -> ExitCode {
    match result {
        Ok(text) => print_result::<String>(Ok(text), false),
        Err(error) => {
            say(&error.to_string());
            if error.is_bad_input() {
                ExitCode::from(2)
            } else {
                ExitCode::FAILURE
            }
        }
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
    use commands::find::{
        FindError, FindFormat, dump_names as dump, find, load_name_list, write_find,
    };
    let path = cli.db.clone().unwrap_or_else(Store::default_path);
    let (format, is_data) = match format {
        FindFormatArg::Text => (FindFormat::Text, false),
        FindFormatArg::Json => (FindFormat::Json, true),
    };
    // A new database gets the bundled data first, as every other command does; the name
    // list is written as it is stored.
    // Without its log the directory is no database (the store says so), whatever list is left.
    if !malkoll::search::names::path_in(&path).exists() || !path.join("db").exists() {
        match open_reading_store(cli) {
            Ok(store) => drop(store),
            Err(code) => return code,
        }
    }
    let names = match load_name_list(&path) {
        Ok(names) => names,
        Err(error) => return fail(error),
    };
    if dump_names {
        return print_result(Ok::<_, FindError>(dump(&names)), is_data);
    }
    let query = query.unwrap_or_default();
    if is_data {
        return print_result(find(&names, query, limit, format), is_data);
    }
    use std::io::Write as _;
    // Text is sanitised line by line as it is written: straight to one locked buffer.
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, stdout.lock());
    match write_find(&mut out, &names, query, limit, format)
        .and_then(|()| out.flush().map_err(FindError::from))
    {
        // A closed pipe (`| head`) ends the output quietly, as `out_text` does.
        Ok(()) | Err(FindError::Write(_)) => ExitCode::SUCCESS,
        Err(error) => fail(error),
    }
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
    let store = match open_reading_store(cli) {
        Ok(store) => store,
        Err(code) => return code,
    };
    let format = match format {
        HistoryFormatArg::Text => HistoryFormat::Text,
        HistoryFormatArg::Json => HistoryFormat::Json,
        HistoryFormatArg::Csv => HistoryFormat::Csv,
    };
    let is_data = !matches!(format, HistoryFormat::Text);
    print_result(
        lookup(&store, query, council).and_then(|history| render(&history, format)),
        is_data,
    )
}

fn run_gen_demo(cli: &Cli, councils: usize, years: usize, seed: u64) -> ExitCode {
    match running_service(cli, "gen-demo") {
        Ok(Some(client)) => {
            return print_result(
                commands::remote::gen_demo(&client, seed, councils, years),
                false,
            );
        }
        Ok(None) => {}
        Err(code) => return code,
    }
    let store = match open_store(cli) {
        Ok(store) => store,
        Err(code) => return code,
    };
    print_result(
        commands::demo::gen_demo(&store, seed, councils, years, &Actor::from_env()),
        false,
    )
}

/// `malkoll doctor [--restore]`: exit 0 for a healthy database, 1 otherwise.
fn run_doctor(cli: &Cli, restore: bool) -> ExitCode {
    let path = cli.db.clone().unwrap_or_else(Store::default_path);
    match commands::doctor::run(&path, restore, &Actor::from_env()) {
        Ok(report) => {
            out_text(&report.text);
            if report.healthy {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(error) => fail(error),
    }
}

/// Prints a command's text (or data), or its error with a failure code.
fn print_result<E: std::fmt::Display>(result: Result<String, E>, is_data: bool) -> ExitCode {
    match result {
        Ok(text) => {
            if is_data {
                out_data(&text);
            } else {
                out_text(&text);
            }
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
                say(&warning.to_string());
            }
            loaded.keymap
        }
        Err(errors) => {
            say(&format!("tangentbordsfilen kunde inte läsas:\n{errors}"));
            return ExitCode::from(2);
        }
    };
    if !service_disabled() {
        return run_ui_through_service(cli, &keymap);
    }
    let store = match open_store_for_ui(cli) {
        Ok(store) => store,
        Err(code) => return code,
    };
    let actor = Actor::from_env();
    // Seeding writes only into an empty database; a read-only one refuses it with its reason.
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
    // Ask for the updates of other sessions; the loop turns each into a message.
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
    let for_signals = std::sync::Arc::clone(&client);
    let positions = tui::position::PositionFile::for_database(&db_path(cli));
    // Other sessions' saves and a lost service arrive between keys, as messages of the loop.
    let events = match client.updates().map(tui::events::MergedEvents::start) {
        Some(Ok(events)) => events,
        Some(Err(error)) => return fail(format!("gränssnittet kunde inte starta: {error}")),
        None => return fail("gränssnittet fick inga uppdateringar från malkoll-tjänsten"),
    };
    let result = tui::run_source(
        client,
        events,
        keymap.clone(),
        user,
        positions,
        move |draft| {
            // Nothing useful can be done with an error while the process is going down; the
            // service has flushed every change it acknowledged.
            if let Some((key, text)) = draft {
                let _ = malkoll::tui::source::PlanSource::save_draft(&*for_signals, &key, &text);
            }
        },
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => fail(format!("{error:#}")),
    }
}
