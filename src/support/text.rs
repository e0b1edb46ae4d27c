//! Text as the rest of the pipeline expects it, and slugs made from it.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

/// Drops a UTF-8 byte-order mark, turns CRLF (and lone CR) into LF and
/// normalises to Unicode NFC, since text pasted from word processors often
/// arrives decomposed and must compare equal to text typed by hand.
pub fn normalize(text: &str) -> Cow<'_, str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    };
    if surely_nfc(text.as_bytes()) || unicode_normalization::is_nfc(&text) {
        text
    } else {
        Cow::Owned(text.nfc().collect())
    }
}

/// A quick sufficient test for NFC, true for almost every notice: the
/// text (valid UTF-8) holds only characters below U+0300 (Latin letters,
/// none of them combining) and Vietnamese precomposed letters
/// (U+1EA0–U+1EF9). None of these combines with what precedes it, so such
/// a text is NFC. The full test looks up every character's combining
/// class: a fifth of the time of loading a large archive.
fn surely_nfc(bytes: &[u8]) -> bool {
    let mut at = 0;
    while at < bytes.len() {
        // Eight ASCII bytes at once: most of a notice is spaces, digits,
        // punctuation and unmarked letters.
        if let Some(chunk) = bytes.get(at..at + 8) {
            let word = u64::from_ne_bytes(chunk.try_into().unwrap_or([0x80; 8]));
            if word & 0x8080_8080_8080_8080 == 0 {
                at += 8;
                continue;
            }
        }
        at += match bytes[at] {
            0..0x80 => 1,
            // Two bytes: U+0080–U+02FF.
            0xc2..=0xcb => 2,
            // E1 BA A0–BF: U+1EA0–U+1EBF; E1 BB 80–B9: U+1EC0–U+1EF9.
            0xe1 => match (bytes.get(at + 1), bytes.get(at + 2)) {
                (Some(0xba), Some(0xa0..=0xbf)) | (Some(0xbb), Some(0x80..=0xb9)) => 3,
                _ => return false,
            },
            _ => return false,
        };
    }
    true
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

/// Folds text the way the reader folds a query: NFD, marks dropped, `đ` →
/// `d`, lowercase.
pub fn fold(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
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
    fn the_quick_nfc_test_never_passes_what_is_not_nfc() {
        use unicode_normalization::char::{canonical_combining_class, decompose_canonical};
        let safe = |c: char| c < '\u{300}' || ('\u{1ea0}'..='\u{1ef9}').contains(&c);
        for c in (0..0x11_0000u32).filter_map(char::from_u32) {
            assert_eq!(surely_nfc(c.to_string().as_bytes()), safe(c), "{c:?}");
            if safe(c) {
                assert!(unicode_normalization::is_nfc(&c.to_string()), "{c:?}");
                assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            }
            // Nothing composes with one of them following it: none is part
            // of a decomposition but at its start.
            let mut parts = Vec::new();
            decompose_canonical(c, |part| parts.push(part));
            assert!(parts.iter().skip(1).all(|&part| !safe(part)), "{c:?} → {parts:?}");
            // Wherever it falls among eight-byte runs of ASCII.
            for before in 0..9 {
                let text = format!("{}{c}{}", "a".repeat(before), "b".repeat(9));
                assert_eq!(surely_nfc(text.as_bytes()), safe(c), "{c:?} after {before}");
            }
        }
    }

    #[test]
    fn normalisation_composes_and_drops_bom_and_cr() {
        assert_eq!(normalize("\u{feff}Da\u{0302}n\r\nx"), "Dân\nx");
        assert_eq!(normalize("a\r\nb\rc"), "a\nb\nc");
        assert_eq!(normalize("Vie\u{0323}\u{0302}t"), "Việt");
    }
}
