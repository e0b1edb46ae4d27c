//! Text as the rest of the pipeline expects it, and slugs made from it.

use unicode_normalization::UnicodeNormalization;

/// Drops a UTF-8 byte-order mark, turns CRLF (and lone CR) into LF and
/// normalises to Unicode NFC, since text pasted from word processors often
/// arrives decomposed and must compare equal to text typed by hand.
pub fn normalize(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    };
    if unicode_normalization::is_nfc(&text) {
        text
    } else {
        text.nfc().collect()
    }
}

/// A URL slug: lowercase ASCII letters and digits joined by single hyphens.
/// Vietnamese letters lose their marks and `đ` becomes `d`:
/// `45-TB/BDVTU` → `45-tb-bdvtu`, `Dân vận khéo` → `dan-van-kheo`.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    for c in text.chars() {
        let ascii = if c.is_ascii() {
            std::borrow::Cow::Owned(c.to_string())
        } else {
            std::borrow::Cow::Borrowed(deunicode::deunicode_char(c).unwrap_or(""))
        };
        for a in ascii.chars() {
            if a.is_ascii_alphanumeric() {
                if pending_hyphen && !slug.is_empty() {
                    slug.push('-');
                }
                pending_hyphen = false;
                slug.push(a.to_ascii_lowercase());
            } else {
                pending_hyphen = true;
            }
        }
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_follow_the_spec() {
        assert_eq!(slugify("45-TB/BDVTU"), "45-tb-bdvtu");
        assert_eq!(slugify("Dân vận khéo"), "dan-van-kheo");
        assert_eq!(slugify("Đảng ủy Khối"), "dang-uy-khoi");
        assert_eq!(slugify("30/2020/NĐ-CP"), "30-2020-nd-cp");
        assert_eq!(slugify("  --Quy chế  dân chủ-- "), "quy-che-dan-chu");
        assert_eq!(slugify("../../etc"), "etc");
        assert_eq!(slugify("!!!"), "");
    }

    #[test]
    fn normalisation_composes_and_drops_bom_and_cr() {
        assert_eq!(normalize("\u{feff}Da\u{0302}n\r\nx"), "Dân\nx");
        assert_eq!(normalize("a\r\nb\rc"), "a\nb\nc");
        assert_eq!(normalize("Vie\u{0323}\u{0302}t"), "Việt");
    }
}
