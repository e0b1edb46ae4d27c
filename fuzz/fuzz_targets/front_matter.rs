//! Any text as a notice file: parsing never panics, and every diagnostic
//! points inside the text.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use thongbao::config::Config;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let path = Path::new("content/fuzz/a.md");
    if let Err(errors) = thongbao::notice::parse(path, path, text, &Config::default()) {
        let lines = thongbao::text::normalize(text).lines().count().max(1);
        for error in errors {
            assert!(error.line <= lines + 1, "{error} points past the text ({lines} lines)");
        }
    }
});
