//! Rebuilds when data/ or keymaps/ change: both are compiled into the binary
//! (include_dir!/include_str!), and include_dir! alone does not tell cargo to watch them.

fn main() {
    println!("cargo:rerun-if-changed=data");
    println!("cargo:rerun-if-changed=keymaps");
}
