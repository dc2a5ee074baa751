//! Build script: the version `skudesk --version` prints. Built from a git checkout it
//! is the package version and `git describe` of the commit (`0.1.0 (v0.1.0-3-gabc1234)`);
//! from a source package or without git, the package version alone.

use std::path::PathBuf;
use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?;
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

fn main() {
    let package = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    // Only a checkout of this project counts (not a parent folder's repository).
    let top = git(&["rev-parse", "--show-toplevel"]).map(PathBuf::from);
    let ours = top.is_some_and(|t| t.canonicalize().ok() == manifest.canonicalize().ok());
    let version = match ours
        .then(|| git(&["describe", "--tags", "--always"]))
        .flatten()
    {
        Some(describe) => format!("{package} ({describe})"),
        None => package,
    };
    println!("cargo:rustc-env=SKUDESK_VERSION={version}");
    // Run again when the commit moves (HEAD, or the branch it points to), not on every
    // edit: a new commit changes the description.
    if let Some(dir) = ours.then(|| git(&["rev-parse", "--git-dir"])).flatten() {
        let dir = PathBuf::from(dir);
        let dir = if dir.is_absolute() {
            dir
        } else {
            manifest.join(dir)
        };
        println!("cargo:rerun-if-changed={}", dir.join("HEAD").display());
        if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
            if let Some(common) = git(&["rev-parse", "--git-common-dir"]) {
                let common = PathBuf::from(common);
                let common = if common.is_absolute() {
                    common
                } else {
                    manifest.join(common)
                };
                // A branch packed away is in packed-refs (a missing file would make
                // cargo run this script on every build).
                let loose = common.join(branch);
                let watched = if loose.exists() {
                    loose
                } else {
                    common.join("packed-refs")
                };
                println!("cargo:rerun-if-changed={}", watched.display());
            }
        }
    }
    println!("cargo:rerun-if-changed=build.rs");
}
