//! Escaping text for the formats the site is written in.

/// Escapes text for HTML content and double- or single-quoted attributes.
pub fn escape_html(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['&', '<', '>', '"', '\'']) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(escape_markup(text, Markup::Html))
}

/// Escapes text for XML content and attributes (feeds, the sitemap):
/// characters XML 1.0 cannot hold at all are left out.
pub fn escape_xml(text: &str) -> String {
    escape_markup(text, Markup::Xml)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Markup {
    Html,
    Xml,
}

fn escape_markup(text: &str, markup: Markup) -> String {
    let mut escaped = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' if markup == Markup::Html => escaped.push_str("&#39;"),
            '\'' => escaped.push_str("&apos;"),
            c if markup == Markup::Xml && (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => escaped.push(c),
        }
    }
    escaped
}

/// JSON for a `<script>` element of a page: `<`, `>` and `&` occur in JSON
/// only inside strings, where their `\u` escapes mean the same, so the
/// text can never close the element.
pub fn json_in_script(value: &impl serde::Serialize) -> String {
    let json = serde_json::to_string(value).unwrap_or_default();
    if !json.contains(['<', '>', '&']) {
        return json;
    }
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}
