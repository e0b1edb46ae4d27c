//! Vietnamese text in the legacy encodings many offices' older documents
//! still use: TCVN3 (ABC) of the `.VnTime` fonts, and VNI of the
//! `VNI-Times` fonts.
//!
//! Such a text arrives in two ways: as a file of single bytes (saved as
//! "text only" from a TCVN3 document), or as Unicode text whose letters
//! are the Latin-1 characters of those bytes (copied out of a document that
//! still uses the fonts: "Th«ng b¸o kÕt luËn"). Both read the same table.
//!
//! TCVN3 has precomposed capitals for only seven letters (Ă Â Ê Ô Ơ Ư Đ);
//! the other capitals were typed with the same codes as the small letters
//! in the `.VnTimeH` fonts. A plain text does not say which font a word was
//! in, so a word whose other letters are all capitals is taken for a
//! `.VnTimeH` word and put in capitals ("TH«NG B¸O" → "THÔNG BÁO").

/// TCVN3 code → Unicode letter, for the codes 0xA1–0xFE that are letters.
const TCVN3: &[(u8, char)] = &[
    (0xA1, 'Ă'),
    (0xA2, 'Â'),
    (0xA3, 'Ê'),
    (0xA4, 'Ô'),
    (0xA5, 'Ơ'),
    (0xA6, 'Ư'),
    (0xA7, 'Đ'),
    (0xA8, 'ă'),
    (0xA9, 'â'),
    (0xAA, 'ê'),
    (0xAB, 'ô'),
    (0xAC, 'ơ'),
    (0xAD, 'ư'),
    (0xAE, 'đ'),
    (0xB5, 'à'),
    (0xB6, 'ả'),
    (0xB7, 'ã'),
    (0xB8, 'á'),
    (0xB9, 'ạ'),
    (0xBB, 'ằ'),
    (0xBC, 'ẳ'),
    (0xBD, 'ẵ'),
    (0xBE, 'ắ'),
    (0xC6, 'ặ'),
    (0xC7, 'ầ'),
    (0xC8, 'ẩ'),
    (0xC9, 'ẫ'),
    (0xCA, 'ấ'),
    (0xCB, 'ậ'),
    (0xCC, 'è'),
    (0xCE, 'ẻ'),
    (0xCF, 'ẽ'),
    (0xD0, 'é'),
    (0xD1, 'ẹ'),
    (0xD2, 'ề'),
    (0xD3, 'ể'),
    (0xD4, 'ễ'),
    (0xD5, 'ế'),
    (0xD6, 'ệ'),
    (0xD7, 'ì'),
    (0xD8, 'ỉ'),
    (0xDC, 'ĩ'),
    (0xDD, 'í'),
    (0xDE, 'ị'),
    (0xDF, 'ò'),
    (0xE1, 'ỏ'),
    (0xE2, 'õ'),
    (0xE3, 'ó'),
    (0xE4, 'ọ'),
    (0xE5, 'ồ'),
    (0xE6, 'ổ'),
    (0xE7, 'ỗ'),
    (0xE8, 'ố'),
    (0xE9, 'ộ'),
    (0xEA, 'ờ'),
    (0xEB, 'ở'),
    (0xEC, 'ỡ'),
    (0xED, 'ớ'),
    (0xEE, 'ợ'),
    (0xEF, 'ù'),
    (0xF1, 'ủ'),
    (0xF2, 'ũ'),
    (0xF3, 'ú'),
    (0xF4, 'ụ'),
    (0xF5, 'ừ'),
    (0xF6, 'ử'),
    (0xF7, 'ữ'),
    (0xF8, 'ứ'),
    (0xF9, 'ự'),
    (0xFA, 'ỳ'),
    (0xFB, 'ỷ'),
    (0xFC, 'ỹ'),
    (0xFD, 'ý'),
    (0xFE, 'ỵ'),
];

/// The letter a TCVN3 code stands for, the code read as a Latin-1 character.
fn letter(c: char) -> Option<char> {
    let code = u8::try_from(u32::from(c)).ok()?;
    TCVN3
        .binary_search_by_key(&code, |&(code, _)| code)
        .ok()
        .map(|at| TCVN3[at].1)
}

/// Codes that are symbols in Latin-1 but letters in TCVN3: a Vietnamese
/// text shows them only when it is TCVN3 read as Latin-1.
fn is_telltale(c: char) -> bool {
    matches!(c, '\u{A8}'..='\u{AE}' | '\u{B5}'..='\u{BE}') && letter(c).is_some()
}

/// Letters only Unicode Vietnamese has (ă đ ơ ư and the letters with two
/// marks): a text with them is not TCVN3.
fn is_unicode_vietnamese(c: char) -> bool {
    matches!(
        c,
        'ă' | 'Ă' | 'đ' | 'Đ' | 'ơ' | 'Ơ' | 'ư' | 'Ư' | '\u{1EA0}'..='\u{1EF9}'
    )
}

/// Whether `text` is Vietnamese in TCVN3 read as Latin-1: several of the
/// codes that are letters only in TCVN3, and no letter only Unicode has.
pub fn looks_like_tcvn3(text: &str) -> bool {
    let mut telltales = 0;
    for c in text.chars() {
        if is_unicode_vietnamese(c) {
            return false;
        }
        if is_telltale(c) {
            telltales += 1;
        }
    }
    telltales >= 3
}

/// Bytes of a single-byte TCVN3 file as the Latin-1 characters that
/// [`from_tcvn3`] converts.
pub fn latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|&byte| char::from(byte)).collect()
}

/// Converts TCVN3 text (its codes as Latin-1 characters) to Unicode; words
/// and lines typed in capitals keep their capitals (see the module's notes).
pub fn from_tcvn3(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    for line in text.split_inclusive('\n') {
        // Numbers ("12-TB/TU") are in capitals in any line: not counted.
        let words = line
            .split_whitespace()
            .filter(|token| !token.contains(|c: char| c.is_ascii_digit() || c == '/'));
        let line_shouted = shouted(words.flat_map(str::chars), 4);
        let mut word = String::new();
        for c in line.chars() {
            if c.is_alphanumeric() || letter(c).is_some() {
                word.push(c);
            } else {
                push_word(&mut out, &word, line_shouted);
                word.clear();
                out.push(c);
            }
        }
        push_word(&mut out, &word, line_shouted);
    }
    out
}

/// Whether the letters of `text` that are the same in both encodings are
/// all capitals, and at least `least` of them.
fn shouted(text: impl Iterator<Item = char>, least: usize) -> bool {
    let mut count = 0;
    for c in text.filter(|c| c.is_alphabetic() && letter(*c).is_none()) {
        if !c.is_uppercase() {
            return false;
        }
        count += 1;
    }
    count >= least
}

/// One word, converted; in capitals when its other letters are, or when
/// its whole line is.
fn push_word(out: &mut String, word: &str, line_shouted: bool) {
    let capitals = line_shouted || shouted(word.chars(), 2);
    for c in word.chars() {
        match letter(c) {
            Some(letter) if capitals => out.extend(letter.to_uppercase()),
            Some(letter) => out.push(letter),
            None => out.push(c),
        }
    }
}

/// VNI writes a vowel as its base letter and one or two mark letters
/// after it ("Thoâng baùo" is "Thông báo"): the tone marks.
fn vni_tone(c: char) -> Option<char> {
    Some(match c {
        'ù' | 'Ù' => '\u{301}',
        'ø' | 'Ø' => '\u{300}',
        'û' | 'Û' => '\u{309}',
        'õ' | 'Õ' => '\u{303}',
        'ï' | 'Ï' => '\u{323}',
        _ => return None,
    })
}

/// VNI's circumflex (on a, e, o) and breve (on a) letters, alone or with a
/// tone: the mark and the tone.
fn vni_hat(c: char) -> Option<(char, Option<char>)> {
    const CIRCUMFLEX: char = '\u{302}';
    const BREVE: char = '\u{306}';
    Some(match c {
        'â' | 'Â' => (CIRCUMFLEX, None),
        'á' | 'Á' => (CIRCUMFLEX, Some('\u{301}')),
        'à' | 'À' => (CIRCUMFLEX, Some('\u{300}')),
        'å' | 'Å' => (CIRCUMFLEX, Some('\u{309}')),
        'ã' | 'Ã' => (CIRCUMFLEX, Some('\u{303}')),
        'ä' | 'Ä' => (CIRCUMFLEX, Some('\u{323}')),
        'ê' | 'Ê' => (BREVE, None),
        'é' | 'É' => (BREVE, Some('\u{301}')),
        'è' | 'È' => (BREVE, Some('\u{300}')),
        'ú' | 'Ú' => (BREVE, Some('\u{309}')),
        'ü' | 'Ü' => (BREVE, Some('\u{303}')),
        'ë' | 'Ë' => (BREVE, Some('\u{323}')),
        _ => return None,
    })
}

/// VNI's letters of their own: ơ ư đ, the i's with a tone, and ỵ.
fn vni_letter(c: char) -> Option<char> {
    Some(match c {
        'ô' => 'ơ',
        'Ô' => 'Ơ',
        'ö' => 'ư',
        'Ö' => 'Ư',
        'ñ' => 'đ',
        'Ñ' => 'Đ',
        'í' => 'í',
        'Í' => 'Í',
        'ì' => 'ì',
        'Ì' => 'Ì',
        'æ' => 'ỉ',
        'Æ' => 'Ỉ',
        'ó' => 'ĩ',
        'Ó' => 'Ĩ',
        'ò' => 'ị',
        'Ò' => 'Ị',
        'î' => 'ỵ',
        'Î' => 'Ỵ',
        _ => return None,
    })
}

/// The vowel a VNI sequence starts at `chars[at]`, and how many chars it
/// took; `None` when no mark follows a base vowel there.
fn vni_vowel(chars: &[char], at: usize) -> Option<(String, usize)> {
    let base = chars[at];
    let next = chars.get(at + 1).copied();
    let mut vowel = String::new();
    let mut used = 1;
    let horned = matches!(base, 'ô' | 'Ô' | 'ö' | 'Ö');
    if horned {
        vowel.push(vni_letter(base)?);
    } else if "aeiouyAEIOUY".contains(base) {
        vowel.push(base);
    } else {
        return None;
    }
    let tone = match next.and_then(vni_hat) {
        Some((hat, with_tone))
            if !horned && ("aeoAEO".contains(base) && hat == '\u{302}' || "aA".contains(base) && hat == '\u{306}') =>
        {
            vowel.push(hat);
            used += 1;
            // A hat alone may be followed by the tone.
            let tone = with_tone.or_else(|| chars.get(at + 2).copied().and_then(vni_tone));
            used += usize::from(with_tone.is_none() && tone.is_some());
            tone
        }
        _ => {
            let tone = next.and_then(vni_tone);
            used += usize::from(tone.is_some());
            tone
        }
    };
    if used == 1 && !horned {
        return None;
    }
    vowel.extend(tone);
    Some((vowel, used))
}

/// Whether `text` is Vietnamese in VNI read as Latin-1: several vowels
/// written with VNI's mark letters, and no letter only Unicode has.
pub fn looks_like_vni(text: &str) -> bool {
    if text.chars().any(is_unicode_vietnamese) || looks_like_tcvn3(text) {
        return false;
    }
    let chars: Vec<char> = text.chars().collect();
    let marked = (0..chars.len())
        .filter(|&at| "aeouyAEOUY".contains(chars[at]) && vni_vowel(&chars, at).is_some_and(|(_, used)| used > 1))
        .count();
    marked >= 3
}

/// Converts VNI text (its codes as Latin-1 characters) to Unicode.
pub fn from_vni(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while at < chars.len() {
        if let Some((vowel, used)) = vni_vowel(&chars, at) {
            out.push_str(&vowel);
            at += used;
            continue;
        }
        let c = chars[at];
        out.push(vni_letter(c).unwrap_or(c));
        at += 1;
    }
    crate::support::text::normalize(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_and_complete() {
        assert!(TCVN3.windows(2).all(|pair| pair[0].0 < pair[1].0));
        // 7 capitals, 7 small base letters, then 5 toned forms of each of
        // the 12 vowels a ă â e ê i o ô ơ u ư y.
        assert_eq!(TCVN3.len(), 7 + 7 + 12 * 5);
    }

    #[test]
    fn tcvn3_text_becomes_unicode() {
        let text = "Th«ng b¸o kÕt luËn cña Ban Th\u{AD}êng vô vÒ c«ng t¸c d©n vËn";
        assert!(looks_like_tcvn3(text));
        assert_eq!(
            from_tcvn3(text),
            "Thông báo kết luận của Ban Thường vụ về công tác dân vận"
        );
    }

    #[test]
    fn words_in_capitals_stay_in_capitals() {
        assert_eq!(from_tcvn3("TH«NG B¸O KÕT LUËN"), "THÔNG BÁO KẾT LUẬN");
        assert_eq!(from_tcvn3("§¶NG CéNG S¶N VIÖT NAM"), "ĐẢNG CỘNG SẢN VIỆT NAM");
        assert_eq!(from_tcvn3("Sè 12-TB/TU"), "Số 12-TB/TU");
        // A heading line in .VnTimeH: even its one-letter words.
        assert_eq!(
            from_tcvn3("BAN D©N VËN TØNH ñY\nTh«ng b¸o"),
            "BAN DÂN VẬN TỈNH ỦY\nThông báo"
        );
    }

    #[test]
    fn unicode_and_plain_texts_are_left_alone() {
        assert!(!looks_like_tcvn3("Thông báo kết luận của Ban Thường vụ"));
        assert!(!looks_like_tcvn3("Price: 12 ¥ or £5 — «quoted»"));
        assert!(!looks_like_tcvn3("Café à la carte, naïve résumé"));
    }

    #[test]
    fn single_bytes_read_as_latin1() {
        let bytes = [
            b'T', b'h', 0xAB, b'n', b'g', b' ', b'b', 0xB8, b'o', b' ', b'k', 0xD5, b't',
        ];
        let text = latin1(&bytes);
        assert_eq!(from_tcvn3(&text), "Thông báo kết");
    }

    #[test]
    fn vni_text_becomes_unicode() {
        let text = "Thoâng baùo keát luaän cuûa Ban Thöôøng vuï veà coâng taùc daân vaän";
        assert!(looks_like_vni(text));
        assert!(!looks_like_tcvn3(text));
        assert_eq!(
            from_vni(text),
            "Thông báo kết luận của Ban Thường vụ về công tác dân vận"
        );
        assert_eq!(from_vni("THOÂNG BAÙO KEÁT LUAÄN"), "THÔNG BÁO KẾT LUẬN");
        assert_eq!(from_vni("ÑAÛNG COÄNG SAÛN VIEÄT NAM"), "ĐẢNG CỘNG SẢN VIỆT NAM");
        assert_eq!(
            from_vni("Quaûng Ngaõi, ngaøy 5 thaùng 3 naêm 2021"),
            "Quảng Ngãi, ngày 5 tháng 3 năm 2021"
        );
        assert_eq!(
            from_vni("tænh uûy, ñaõ toå chöùc hoäi nghò, quyù"),
            "tỉnh ủy, đã tổ chức hội nghị, quý"
        );
    }

    #[test]
    fn latin1_and_tcvn3_texts_are_not_vni() {
        assert!(!looks_like_vni("Café à la carte, naïve résumé, côté"));
        assert!(!looks_like_vni("Thông báo kết luận của Ban Thường vụ"));
        assert!(!looks_like_vni("Th«ng b¸o kÕt luËn cña Ban"));
    }
}
