//! Any bytes as a Word file: read or refused, never a panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(document) = thongbao::import::docx::read_bytes(bytes) {
        let _ = thongbao::import::recognize::recognize(&document.blocks);
    }
});
