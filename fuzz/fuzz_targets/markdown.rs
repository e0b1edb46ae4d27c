//! Any body through Markdown rendering with a linker that links every
//! number it finds, as the archive does: never a panic, and no raw HTML
//! from the text gets through.
#![no_main]

use libfuzzer_sys::fuzz_target;
use thongbao::markdown::{TextLinker, render};

struct LinkEverything;

impl TextLinker for LinkEverything {
    fn link(&mut self, text: &str, _offset: usize) -> Option<String> {
        let found = thongbao::citations::find(text);
        if found.is_empty() {
            return None;
        }
        let mut html = String::new();
        let mut written = 0;
        for number in found {
            html.push_str(&thongbao::render::escape_html(&text[written..number.span.start]));
            html.push_str("<a class=\"citation\" href=\"/x/\">");
            html.push_str(&thongbao::render::escape_html(&text[number.span.clone()]));
            html.push_str("</a>");
            written = number.span.end;
        }
        html.push_str(&thongbao::render::escape_html(&text[written..]));
        Some(html)
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let rendered = render(text, false, &mut LinkEverything);
    assert!(!rendered.html.contains("<script"), "raw HTML got through: {:?}", rendered.html);
});
