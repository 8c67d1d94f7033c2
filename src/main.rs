//! The malkoll binary: parses the command line, opens the store, runs the UI or a subcommand.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;

use malkoll::commands;
use malkoll::domain::text::sanitize;
use malkoll::import::ImportHints;
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
        Some(Command::Doctor { restore }) => run_doctor(&cli, *restore),
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
        say(&format!(
            "databasen öppnas bara för läsning; inget sparas. {reason} Kör «malkoll doctor»."
        ));
    }
    Ok(store)
}

/// As [`open_store`] without waiting for every record to be read: the UI starts at once and
/// a refused save says why.
fn open_store_for_ui(cli: &Cli) -> Result<Store, ExitCode> {
    let path = cli.db.clone().unwrap_or_else(Store::default_path);
    let store = Store::open(&path).map_err(fail)?;
    for moved in store.moved_aside() {
        say(&format!(
            "en ofullständig ögonblicksbild av databasen (kvar efter ett avbrott eller en full disk) flyttades till {}; databasen öppnades utan den.",
            moved.display()
        ));
    }
    Ok(store)
}

fn run_import(cli: &Cli, command: &ImportCommand) -> ExitCode {
    let ImportCommand::Report {
        file,
        council,
        year,
        kind,
        dry_run,
        overwrite,
    } = command;
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

fn run_export(cli: &Cli, command: &ExportCommand) -> ExitCode {
    let ExportCommand::Json { council, year, out } = command;
    let store = match open_seeded_store(cli) {
        Ok(store) => store,
        Err(code) => return code,
    };
    let selected = commands::export::select(&store, council.as_deref(), *year);
    let result = match out {
        Some(dir) => selected
            .and_then(|plans| commands::export::export_to_dir(&plans, dir))
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
    fail_on_flags: bool,
) -> ExitCode {
    let store = match open_seeded_store(cli) {
        Ok(store) => store,
        Err(code) => return code,
    };
    match commands::flags::run(&store, council, period, format) {
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

fn run_summary(cli: &Cli, council: &str, period: &str, format: &str) -> ExitCode {
    let store = match open_seeded_store(cli) {
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
    let (format, is_data) = match format {
        FindFormatArg::Text => (FindFormat::Text, false),
        FindFormatArg::Json => (FindFormat::Json, true),
    };
    // A new database gets the bundled data first, as every other command does; the name
    // list is written as it is stored.
    // Without its log the directory is no database (the store says so), whatever list is left.
    if !malkoll::search::names::path_in(&path).exists() || !path.join("db").exists() {
        match open_seeded_store(cli) {
            Ok(store) => drop(store),
            Err(code) => return code,
        }
    }
    let result = load_name_list(&path).and_then(|names| {
        if dump_names {
            Ok(dump(&names))
        } else {
            find(&names, query.unwrap_or_default(), limit, format)
        }
    });
    print_result(result, is_data)
}

fn run_history(
    cli: &Cli,
    query: &str,
    council: Option<&str>,
    format: HistoryFormatArg,
) -> ExitCode {
    use commands::history::{HistoryFormat, lookup, render};
    let store = match open_seeded_store(cli) {
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
