//! Any bytes as a plain-text notice: decoding and importing never panic,
//! and whatever is imported is written as a notice the site accepts.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use thongbao::config::Config;
use thongbao::import::{decode, import, to_notice};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = decode(data) else { return };
    let Ok(imported) = import(&text) else { return };
    let notice = to_notice(&imported, jiff::civil::date(2026, 11, 25));
    let path = Path::new("content/fuzz/imported.md");
    if let Err(errors) = thongbao::notice::parse(path, path, &notice, &Config::default()) {
        panic!("the imported notice does not parse: {}\n{notice}", errors[0]);
    }
});
