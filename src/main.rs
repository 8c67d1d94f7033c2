//! The malkoll binary: parses the command line, opens the store, runs the UI or a subcommand.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;

use malkoll::commands;
use malkoll::import::ImportHints;
use malkoll::store::{Actor, Store};
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
        Some(Command::Economy {
            council,
            period,
            format,
            deficit_percent,
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
            run_economy(&cli, council, period, format, deficit_percent, &edit)
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
    let path = cli.db.clone().unwrap_or_else(Store::default_path);
    Store::open(&path).map_err(fail)
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

fn run_summary(cli: &Cli, council: &str, period: &str, format: &str) -> ExitCode {
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

fn run_economy(
    cli: &Cli,
    council: &str,
    period: &str,
    format: &str,
    deficit_percent: &str,
    edit: &commands::economy::EconomyEdit,
) -> ExitCode {
    let share = match malkoll::domain::flags::economy::parse_share_percent(deficit_percent) {
        Ok(share) => share,
        Err(error) => {
            eprintln!("malkoll: {error}");
            return ExitCode::from(2);
        }
    };
    let store = match open_seeded_store(cli) {
        Ok(store) => store,
        Err(code) => return code,
    };
    let result = commands::economy::run(
        &store,
        &Actor::from_env(),
        council,
        period,
        format,
        share,
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
        Ok(text) => print_result::<String>(Ok(text)),
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
