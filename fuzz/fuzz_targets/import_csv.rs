#![no_main]
//! Any bytes as a products, stock, orders or traffic file: parse, import, compute.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    skudesk::fuzzing::import_any(data);
});
