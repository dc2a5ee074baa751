#![no_main]
//! Any bytes as a config file.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    skudesk::fuzzing::config_any(data);
});
