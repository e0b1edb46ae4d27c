//! Any bytes, decoded as `import` decodes a file, then recognised: never a
//! panic, never a hang, and a notice that is produced always renders.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(text) = thongbao::import::decode(bytes)
        && let Ok(imported) = thongbao::import::import(&text)
    {
        assert!(!imported.title.is_empty());
        let _ = thongbao::import::to_notice(&imported, jiff::civil::date(2026, 12, 1));
    }
});
