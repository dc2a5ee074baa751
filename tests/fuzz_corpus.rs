//! Replays the fuzzers' corpus (`fuzz/corpus/`) as regression tests: every input that
//! once found new behaviour must still go through without a panic.

#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code: a failed unwrap is the report"
)]

fn replay(dir: &str, run: fn(&[u8])) -> usize {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(dir);
    let mut n = 0;
    for entry in std::fs::read_dir(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())) {
        let file = entry.unwrap().path();
        run(&std::fs::read(&file).unwrap());
        n += 1;
    }
    n
}

#[test]
fn the_import_corpus_runs_without_a_panic() {
    assert!(
        replay("import_csv", skudesk::fuzzing::import_any) > 10,
        "the corpus is committed"
    );
}

#[test]
fn the_config_corpus_runs_without_a_panic() {
    assert!(
        replay("config", skudesk::fuzzing::config_any) > 5,
        "the corpus is committed"
    );
}

#[test]
fn the_import_corpus_runs_through_every_mapping_without_a_panic() {
    assert!(replay("import_csv", skudesk::fuzzing::mapping_any) > 10);
    assert!(replay("config", skudesk::fuzzing::mapping_any) > 5);
}
