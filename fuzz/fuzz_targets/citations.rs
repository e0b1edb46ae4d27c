//! Any text through the citation finder: never a panic, spans on char
//! boundaries and in order, numbers without spaces.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut last_end = 0;
    for found in thongbao::citations::find(text) {
        assert!(text.is_char_boundary(found.span.start) && text.is_char_boundary(found.span.end));
        assert!(text.is_char_boundary(found.full_span.end));
        assert!(found.span.start >= last_end && found.span.end <= found.full_span.end);
        assert!(!found.number.contains(' '));
        last_end = found.span.end;
        let _ = thongbao::citations::number_key(&found.number);
    }
});
