//! `malkoll gen-demo`: writes a generated city ([`crate::demo::generate`]) into a database,
//! one `PutPlanYear` change per council-year — the data set the benchmarks run on.

use crate::demo::generate;
use crate::store::{Actor, Change, Store, StoreError};

/// Generates `councils` × `years` plan years from `seed` and stores them; returns a summary.
pub fn gen_demo(
    store: &Store,
    seed: u64,
    councils: usize,
    years: usize,
    actor: &Actor,
) -> Result<String, StoreError> {
    let plans = generate(seed, councils, years);
    let mut entries = 0;
    for plan in &plans {
        entries +=
            plan.goals_depth_first().len() + plan.indicators().count() + plan.activities().count();
        store.apply(&Change::PutPlanYear(plan.clone()), actor)?;
    }
    Ok(format!(
        "{} planår ({councils} nämnder × {years} år, frö {seed}) med {entries} mål, indikatorer och aktiviteter sparade i {}\n",
        plans.len(),
        store.path().display()
    ))
}
