//! sled itself on a malkoll database, as another program would open it: for the tests that
//! damage a record or read every record behind the store's back.
// Each test binary uses a subset of these helpers.
#![allow(dead_code)]

use std::path::Path;
use std::time::Duration;

/// sled on `db`, once a closed store's sled has let go of its lock (its threads release it a
/// moment after the drop); retried for up to 5 s.
pub fn open(db: &Path) -> sled::Db {
    for _ in 0..250 {
        if let Ok(raw) = sled::open(db) {
            return raw;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("sled did not open {} within 5 s", db.display());
}

/// Waits until no sled holds `db`: sled's last handle closes the log on one of its own
/// threads, a moment after the drop, and may still write it then.
pub fn wait_until_let_go(db: &Path) {
    use fs2::FileExt;
    let log = std::fs::File::open(db.join("db")).expect("the log");
    for _ in 0..250 {
        if log.try_lock_exclusive().is_ok() {
            let _ = FileExt::unlock(&log);
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("sled kept {} locked for 5 s", db.display());
}

/// Writes `bytes` over the first record of `tree`, flushed, and waits until sled has closed.
pub fn overwrite_first_record(db: &Path, tree: &str, bytes: &[u8]) {
    let raw = open(db);
    let records = raw.open_tree(tree).expect("tree");
    let (key, _) = records.first().expect("scan").expect("a record");
    records.insert(key, bytes).expect("write");
    raw.flush().expect("flush");
    drop(records);
    drop(raw);
    wait_until_let_go(db);
}

/// Every record of every tree: what "nothing was written" compares. (Not the log's length:
/// sled zeroes free segments when it opens, which can lengthen the file without a record.)
pub fn records(db: &Path) -> Vec<(Vec<u8>, Vec<u8>, Vec<u8>)> {
    let raw = open(db);
    let mut all = Vec::new();
    for name in raw.tree_names() {
        let tree = raw.open_tree(&name).expect("tree");
        for entry in tree.iter() {
            let (key, value) = entry.expect("a readable entry");
            all.push((name.to_vec(), key.to_vec(), value.to_vec()));
        }
    }
    drop(raw);
    wait_until_let_go(db);
    all
}
