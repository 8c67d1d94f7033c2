//! The sample councils and years compiled into the binary from `data/`: one
//! `<council>-<year>.json` per council-year, each the JSON of a `PlanYear`. Other files there
//! (the README, an export's `malkoll.json`) are ignored.

use include_dir::{Dir, include_dir};

static DATA: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/data");

/// The bundled JSON files as (file name, contents), sorted by name so seeding is repeatable.
pub(crate) fn bundled_files() -> Vec<(&'static str, &'static [u8])> {
    let mut files: Vec<(&'static str, &'static [u8])> = DATA
        .files()
        .filter(|file| file.path().extension().is_some_and(|ext| ext == "json"))
        // An export's log, should one be copied here: the sample data has no history.
        .filter(|file| {
            file.path().file_name() != Some(crate::export::manifest::MANIFEST_FILE.as_ref())
        })
        .filter_map(|file| Some((file.path().to_str()?, file.contents())))
        .collect();
    files.sort_by_key(|(name, _)| *name);
    files
}
