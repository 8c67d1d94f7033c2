//! Command-line arguments: with no subcommand malkoll opens the terminal interface.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// malkoll: målstyrning för Stockholms stadsdelsnämnder, i terminalen.
#[derive(Debug, Parser)]
#[command(name = "malkoll", version, about)]
pub struct Cli {
    /// Databasens katalog (standard: $XDG_DATA_HOME/malkoll).
    #[arg(long, global = true, value_name = "KATALOG")]
    pub db: Option<PathBuf>,

    /// Tangentbordsfil som ersätter enskilda tangenter i standardkartan
    /// (standard: $XDG_CONFIG_HOME/malkoll/keymap.toml om den finns).
    #[arg(long, global = true, value_name = "FIL")]
    pub keymap: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The deficit threshold of `flags` and `economy`: one option, read by one parser
/// (`malkoll::domain::flags::economy::parse_share_percent`).
#[derive(Debug, Clone, clap::Args)]
pub struct DeficitArg {
    /// Underskott större än denna andel av budgeten (procent, t.ex. 1 eller 0,5) flaggas.
    #[arg(long, default_value = "1", value_name = "PROCENT")]
    pub deficit_percent: String,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Läs in planer och rapporter.
    Import {
        #[command(subcommand)]
        command: ImportCommand,
    },
    /// Skriv ut lagrade data.
    Export {
        #[command(subcommand)]
        command: ExportCommand,
    },
    /// Att åtgärda: indikatorer som inte nås, avvikelser och inkonsekvenser för en nämnd
    /// och period (samma lista som i gränssnittet).
    Flags {
        /// Nämndens id eller namn, t.ex. sodermalm eller "Södermalm".
        #[arg(long, value_name = "NÄMND")]
        council: String,
        /// Period och år, t.ex. T1-2020.
        #[arg(long, value_name = "PERIOD-ÅR")]
        period: String,
        /// text, json eller csv.
        #[arg(long, default_value = "text", value_name = "FORMAT")]
        format: String,
        /// Avsluta med kod 1 om något behöver åtgärdas.
        #[arg(long)]
        fail_on_flags: bool,
        #[command(flatten)]
        deficit: DeficitArg,
    },
    /// Ekonomin för en nämnd och period: budget, justeringar, prognos och avvikelse per
    /// verksamhetsområde, underskott att åtgärda; med --area och --forecast sparas först en
    /// prognos (eller med --budget en budget).
    Economy {
        /// Nämndens id eller namn, t.ex. sodermalm eller "Södermalm".
        #[arg(long, value_name = "NÄMND")]
        council: String,
        /// Period och år: T1-2020, VB-2019 eller en månad, 2020-04.
        #[arg(long, value_name = "PERIOD-ÅR")]
        period: String,
        /// text, json eller csv.
        #[arg(long, default_value = "text", value_name = "FORMAT")]
        format: String,
        #[command(flatten)]
        deficit: DeficitArg,
        /// Verksamhetsområdet att ändra.
        #[arg(long, value_name = "OMRÅDE")]
        area: Option<String>,
        /// Periodens prognos för området i mnkr, t.ex. "1 080,5" (tom eller - tar bort den).
        #[arg(long, value_name = "MNKR", allow_hyphen_values = true)]
        forecast: Option<String>,
        /// Årets budget för området i mnkr (ett nytt namn lägger till området).
        #[arg(long, value_name = "MNKR", allow_hyphen_values = true)]
        budget: Option<String>,
        /// Periodens ekonomiska analys för området (tom text tar bort den).
        #[arg(long, value_name = "TEXT")]
        analysis: Option<String>,
    },
    /// Perioder: lägg till en månad som uppföljningsperiod.
    Period {
        #[command(subcommand)]
        command: PeriodCommand,
    },
    /// Antal per status och sammanfattande meningar för en nämnd och period.
    Summary {
        /// Nämndens id eller namn, t.ex. sodermalm eller "Södermalm".
        #[arg(long, value_name = "NÄMND")]
        council: String,
        /// Period och år, t.ex. T1-2020.
        #[arg(long, value_name = "PERIOD-ÅR")]
        period: String,
        /// text eller json.
        #[arg(long, default_value = "text", value_name = "FORMAT")]
        format: String,
    },
    /// Tangentbordskartor.
    Keymap {
        #[command(subcommand)]
        command: KeymapCommand,
    },
    /// Sök mål, indikatorer och aktiviteter i alla nämnder och år.
    Find {
        /// Sökord; filter: m: i: a: (slag), n:NÄMND, å:ÅR, g:NR (mål som hänvisar till Agenda 2030-mål NR).
        #[arg(required_unless_present = "dump_names")]
        query: Option<String>,
        /// Högst så många träffar.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[arg(long, value_enum, default_value_t = FindFormatArg::Text)]
        format: FindFormatArg,
        /// Skriv varje sökbar text på en rad (för jämförelser) i stället för att söka.
        #[arg(long, hide = true)]
        dump_names: bool,
    },
    /// En indikators historik: alla perioder och år i en nämnd.
    History {
        /// Sökord för indikatorn, eller dess id NÄMND/ÅR/NOD.
        query: String,
        /// Nämndens namn eller id (standard: där indikatorn hittades).
        #[arg(long)]
        council: Option<String>,
        #[arg(long, value_enum, default_value_t = HistoryFormatArg::Text)]
        format: HistoryFormatArg,
    },
    /// Kontrollera databasen, säg vad som är fel och återställ den från en säkerhetskopia.
    Doctor {
        /// Ersätt en skadad databas med den senaste säkerhetskopian (den skadade sparas bredvid).
        #[arg(long)]
        restore: bool,
    },
    /// Kör tjänsten som äger databasen och betjänar alla gränssnitt och kommandon på
    /// datorn (startas annars av den första malkoll som behöver den).
    Serve {
        /// Stanna så många sekunder efter att den sista klienten gått (standard: kör tills
        /// den stoppas, t.ex. av systemd).
        #[arg(long, value_name = "SEKUNDER")]
        idle_exit: Option<u64>,
    },
    /// Vilka som är anslutna till databasen just nu (inloggning, nämnd, sedan).
    Who,
    /// Skalkomplettering för bash, zsh, fish, elvish eller powershell till standard ut.
    Completions {
        /// Skalet.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Manualsidan (man 1 malkoll) till standard ut.
    Man,
    /// Skapa en påhittad stad (nämnder × år) i databasen, för prov och mätningar.
    GenDemo {
        #[arg(long, default_value_t = 14)]
        councils: usize,
        #[arg(long, default_value_t = 10)]
        years: usize,
        #[arg(long, default_value_t = 2026)]
        seed: u64,
    },
}

/// Output formats of `find`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum FindFormatArg {
    Text,
    Json,
}

/// Output formats of `history`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum HistoryFormatArg {
    Text,
    Json,
    Csv,
}

#[derive(Debug, Subcommand)]
pub enum PeriodCommand {
    /// Gör en månad till period för nämndens år (månadsuppföljning).
    Add {
        /// Nämndens id eller namn.
        #[arg(long, value_name = "NÄMND")]
        council: String,
        #[arg(long, value_name = "ÅR")]
        year: u16,
        /// Månaden, 1–12.
        #[arg(long, value_name = "MÅNAD")]
        month: u8,
    },
}

#[derive(Debug, Subcommand)]
pub enum KeymapCommand {
    /// Kontrollera en tangentbordsfil utan att starta gränssnittet.
    Check {
        /// Filen att kontrollera.
        file: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Läs in texten ur en verksamhetsplan, tertialrapport eller verksamhetsberättelse.
    Report {
        /// Textfilen (text ur dokumentets PDF eller DOCX).
        file: PathBuf,
        /// Nämndens namn eller id, om den inte framgår av texten.
        #[arg(long)]
        council: Option<String>,
        /// Året, om det inte framgår av texten.
        #[arg(long)]
        year: Option<u16>,
        /// Dokumenttypen, om den inte framgår av texten.
        #[arg(long, value_enum)]
        kind: Option<KindArg>,
        /// Visa vad som skulle läsas in utan att spara något.
        #[arg(long)]
        dry_run: bool,
        /// Låt dokumentet ersätta sparade värden och analyser som skiljer sig
        /// (standard: det sparade behålls och skillnaderna listas).
        #[arg(long)]
        overwrite: bool,
    },
    /// Läs in värden från Kolada (API:ets JSON, v2 eller v3) via en mappningsfil som en
    /// enda ändring; källan (Kolada, KPI, år) sparas med värdena.
    Kolada {
        /// Kolada-filen (JSON).
        file: PathBuf,
        /// Mappningen: KPI → indikator, kommun/enhet → nämnd (TOML).
        #[arg(long, value_name = "MAP.toml")]
        map: PathBuf,
        /// Kontrollera och visa vad som skulle sparas utan att spara något.
        #[arg(long)]
        dry_run: bool,
        /// Spara de giltiga posterna och lista de felaktiga (annars sparas inget).
        #[arg(long)]
        skip_bad: bool,
        /// Ersätt sparade värden som filen ändrar (annars vägras sådana poster).
        #[arg(long)]
        overwrite: bool,
    },
    /// Återställ det som export json skrev (en fil eller en katalog) till en tom databas.
    Json {
        /// En <nämnd>-<år>.json eller en katalog med sådana filer (med malkoll.json återställs
        /// även loggen och serielänkarna).
        path: PathBuf,
    },
    /// Läs in utfall, utfall för män och kvinnor och prognoser från CSV eller xlsx (samma
    /// kolumner som export csv skriver) som en enda ändring.
    Values {
        /// CSV-filen (semikolon eller komma) eller Excel-filen (.xlsx).
        file: PathBuf,
        /// Kontrollera och visa vad som skulle sparas utan att spara något.
        #[arg(long)]
        dry_run: bool,
        /// Spara de giltiga raderna och lista de felaktiga (annars sparas inget).
        #[arg(long)]
        skip_bad: bool,
        /// Ersätt sparade värden som filen ändrar (annars vägras sådana rader).
        #[arg(long)]
        overwrite: bool,
    },
}

/// Document kinds on the command line.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum KindArg {
    Vp,
    T1,
    T2,
    Vb,
}

impl KindArg {
    pub fn doc_kind(self) -> malkoll::domain::DocKind {
        use malkoll::domain::DocKind;
        match self {
            KindArg::Vp => DocKind::Plan,
            KindArg::T1 => DocKind::Tertial(1),
            KindArg::T2 => DocKind::Tertial(2),
            KindArg::Vb => DocKind::AnnualReport,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Förlustfri JSON (samma format som data/): ett planår till standard ut, eller alla
    /// valda planår som filer i en katalog.
    Json {
        /// Nämndens id, t.ex. sodermalm.
        #[arg(long)]
        council: Option<String>,
        #[arg(long)]
        year: Option<u16>,
        /// Katalog att skriva <nämnd>-<år>.json till (utan --council och --year även
        /// malkoll.json med loggen och serielänkarna).
        #[arg(long, value_name = "KATALOG")]
        out: Option<PathBuf>,
    },
    /// Periodens rapport till nämnden (mål, bedömningar, analyser, indikator- och
    /// aktivitetstabeller) som Word, HTML eller Markdown.
    Report {
        /// Nämndens id eller namn, t.ex. sodermalm eller "Södermalm".
        #[arg(long, value_name = "NÄMND")]
        council: String,
        /// Period och år, t.ex. T1-2020.
        #[arg(long, value_name = "PERIOD-ÅR")]
        period: String,
        /// docx, html eller md.
        #[arg(long, default_value = "docx", value_name = "FORMAT")]
        format: String,
        /// Filen att skriva (standard: <nämnd>-<period>-<år>.<format>).
        #[arg(short, long, value_name = "FIL")]
        out: Option<PathBuf>,
    },
    /// Alla indikatorer med alla värden per period som CSV för svenska Excel (semikolon,
    /// decimalkomma, enheten i egen kolumn) till standard ut eller en fil.
    Csv {
        #[command(flatten)]
        table: TableArgs,
    },
    /// Alla indikatorer med alla värden per period som Excel-arbetsbok (.xlsx).
    Xlsx {
        #[command(flatten)]
        table: TableArgs,
    },
}

/// What `export csv` and `export xlsx` select.
#[derive(Debug, clap::Args)]
pub struct TableArgs {
    /// Nämndens id eller namn, t.ex. sodermalm eller "Södermalm".
    #[arg(long, value_name = "NÄMND")]
    pub council: String,
    /// Bara detta år.
    #[arg(long, value_name = "ÅR")]
    pub year: Option<u16>,
    /// Bara denna period: T1, VB … eller T1-2020.
    #[arg(long, value_name = "PERIOD")]
    pub period: Option<String>,
    /// Filen att skriva (csv: standard ut; xlsx: <nämnd>[-<år>].xlsx).
    #[arg(short, long, value_name = "FIL")]
    pub out: Option<PathBuf>,
}
