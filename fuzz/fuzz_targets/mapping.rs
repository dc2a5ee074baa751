#![no_main]
//! Any bytes through every built-in mapping (translate, native check, error rewriting),
//! through --detect, and as a mapping file.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    skudesk::fuzzing::mapping_any(data);
});
