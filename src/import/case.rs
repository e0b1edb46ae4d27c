//! Putting text written in capitals (headers, titles, signature blocks,
//! names) into the normal case of Vietnamese administrative writing.

/// Words of administrative names whose capitals a shouted line loses:
/// restored after the line is put in normal case. Longer phrases first.
const PROPER: &[&str] = &[
    "Ủy ban Mặt trận Tổ quốc Việt Nam",
    "Phó Trưởng Ban Thường trực",
    "Thường trực Huyện ủy",
    "Thường trực Tỉnh ủy",
    "Thường trực Thành ủy",
    "Thường trực Đảng ủy",
    "Ban cán sự đảng",
    "Ban Thường trực",
    "Mặt trận Tổ quốc Việt Nam",
    "Đảng Cộng sản Việt Nam",
    "Ủy ban nhân dân",
    "Hội đồng nhân dân",
    "Ủy ban Kiểm tra",
    "Ban Thường vụ",
    "Ban Chấp hành",
    "Ban Dân vận",
    "Ban Tuyên giáo",
    "Ban Tổ chức",
    "Ban Nội chính",
    "Ban Bí thư",
    "Bộ Chính trị",
    "Văn phòng",
    "Trung ương",
    "Tỉnh ủy",
    "Thành ủy",
    "Huyện ủy",
    "Thị ủy",
    "Đảng ủy",
    "Quốc hội",
    "Chính phủ",
    "Thủ tướng",
    "Trưởng Ban",
    "Phó Trưởng Ban",
    "Chủ tịch",
    "Phó Chủ tịch",
    "Bí thư",
    "Phó Bí thư Thường trực",
    "Phó Bí thư",
    "Giám đốc",
    "Sở Nội vụ",
    "Sở Tài chính",
    "Sở Tư pháp",
    "Sở Y tế",
    "Sở Xây dựng",
    "Sở Công Thương",
    "Sở Giáo dục và Đào tạo",
    "Sở Kế hoạch và Đầu tư",
    "Sở",
    "Việt Nam",
    "Quảng Ngãi",
];

pub fn is_capitals(line: &str) -> bool {
    line.chars().any(char::is_alphabetic) && !line.chars().any(char::is_lowercase)
}

/// Puts a line written in capitals into normal case, restoring the
/// capitals of the administrative names it holds.
pub fn normal_case(line: &str) -> String {
    capitalize_first(&restore_names(line))
}

/// Abbreviations that stay in capitals.
const ACRONYMS: &[&str] = &["UBND", "HĐND", "MTTQ", "MTTQVN", "BCH", "BTV", "TW", "VP", "VT"];

/// Words naming a level of administration: in a header line, the words
/// after them are a place's name.
const UNITS: &[&str] = &[
    "tỉnh",
    "huyện",
    "thành phố",
    "thị xã",
    "xã",
    "phường",
    "quận",
    "thị trấn",
    "thành",
    "thị",
];

fn is_roman(word: &str) -> bool {
    roman_value(word).is_some()
}

/// A number in Roman numerals ("IV").
pub fn roman(mut value: u32) -> String {
    const NUMERALS: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (n, numeral) in NUMERALS {
        while value >= n {
            out.push_str(numeral);
            value -= n;
        }
    }
    out
}

/// The value of a Roman numeral in capitals, as a notice's headings run
/// them (I to XII).
pub fn roman_value(numeral: &str) -> Option<u32> {
    (1..=12).find(|&value| roman(value) == numeral)
}

/// Words that are a unit only before "ủy" ("thành ủy", "thị ủy").
const PARTY_ONLY: &[&str] = &["thành", "thị"];

/// The line in lower case but for the administrative names of [`PROPER`],
/// acronyms and abbreviations like `K/T`.
pub fn restore_names(line: &str) -> String {
    let lower: String = line
        .split(' ')
        .map(|word| {
            let bare = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '/');
            // Acronyms, "K/T", and Roman numerals ("QUÝ IV") keep their capitals.
            if bare.contains('/') || ACRONYMS.contains(&bare) || is_roman(bare) {
                word.to_string()
            } else {
                word.to_lowercase()
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    spell_as(&lower, PROPER)
}

/// `text` with every word-bounded occurrence of each of `names`, in any
/// case, spelt as the name is ("cục thủy lợi" → "Cục Thủy lợi"). Longer
/// names first; where two overlap they must agree there ("Trưởng Ban"
/// and "Ban Dân vận" share "Ban"), so a shorter one never overwrites part
/// of a longer ("Đảng ủy" inside "Ban cán sự đảng Ủy ban nhân dân").
pub fn spell_as(text: &str, names: &[&str]) -> String {
    let lower = text.to_lowercase();
    // Vietnamese capitals and small letters have the same UTF-8 length, so
    // positions in the lower-case text hold in the text.
    if lower.len() != text.len() {
        return text.to_string();
    }
    let mut result = text.to_string();
    let mut taken: Vec<std::ops::Range<usize>> = Vec::new();
    let mut names: Vec<&str> = names.iter().copied().filter(|name| !name.is_empty()).collect();
    names.sort_by_key(|name| std::cmp::Reverse(name.chars().count()));
    for name in names {
        let wanted = name.to_lowercase();
        if wanted.len() != name.len() {
            continue;
        }
        for (at, _) in lower.match_indices(&wanted) {
            let end = at + wanted.len();
            let before = lower[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
            let after = lower[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
            let agrees = taken
                .iter()
                .filter(|range| range.start < end && at < range.end)
                .all(|range| {
                    let (from, to) = (range.start.max(at), range.end.min(end));
                    result.get(from..to) == name.get(from - at..to - at)
                });
            if before && after && agrees {
                result.replace_range(at..end, name);
                taken.push(at..end);
            }
        }
    }
    result
}

/// A header line (an issuing body) in normal case: names restored, and
/// the place after a unit word capitalised ("huyện ủy bình sơn" →
/// "Huyện ủy Bình Sơn").
pub fn header_case(line: &str, first: bool) -> String {
    let restored = agency_case(&restore_names(line));
    let lower = restored.to_lowercase();
    let after_unit = UNITS
        .iter()
        .filter_map(|unit| {
            let at = lower.find(unit)?;
            let end = at + unit.len();
            let rest = &lower[end..];
            // "tỉnh ủy", "huyện ủy", "thành ủy": a Party committee, then
            // the place; "thành" and "thị" alone are no unit.
            let rest_start = if rest.trim_start().starts_with("ủy") {
                end + rest.find("ủy")? + "ủy".len()
            } else if PARTY_ONLY.contains(unit) {
                return None;
            } else {
                end
            };
            Some(rest_start)
        })
        .min();
    let cased = match after_unit {
        Some(start) => {
            let (head, tail) = restored.split_at(start);
            let tail: Vec<String> = tail
                .split(' ')
                .map(|word| {
                    if word.is_empty() {
                        String::new()
                    } else {
                        capitalize_first(word)
                    }
                })
                .collect();
            format!("{head}{}", tail.join(" "))
        }
        None => restored,
    };
    if first { capitalize_first(&cased) } else { cased }
}

/// Words that begin the name of an agency.
const AGENCIES: &[&str] = &[
    "sở",
    "phòng",
    "ban",
    "cục",
    "chi cục",
    "tổng cục",
    "vụ",
    "bộ",
    "trung tâm",
    "viện",
    "văn phòng",
];

/// An agency's name as Vietnamese writes it: the agency word, the first
/// word of its field and the first word after each "và" in capitals
/// ("phòng giáo dục và đào tạo" → "Phòng Giáo dục và Đào tạo"), up to a
/// unit word ("tỉnh", "huyện"…). A name already restored is kept.
fn agency_case(line: &str) -> String {
    let lower = line.to_lowercase();
    let Some(agency) = AGENCIES
        .iter()
        .filter(|agency| lower.starts_with(*agency) && lower[agency.len()..].starts_with(' '))
        .max_by_key(|agency| agency.len())
    else {
        return line.to_string();
    };
    let restored_whole = PROPER
        .iter()
        .any(|proper| proper.contains(' ') && line.starts_with(proper) && !proper.eq_ignore_ascii_case(agency));
    let words: Vec<&str> = line.split(' ').collect();
    let agency_words = agency.split(' ').count();
    let mut out: Vec<String> = Vec::new();
    // A name put back already has its field's capitals: only what follows
    // "và" is left to do ("Ban Tuyên giáo và dân vận").
    let mut capitalise_next = !restored_whole;
    let mut in_place = false;
    for (i, word) in words.iter().enumerate() {
        let folded = word.to_lowercase();
        if i < agency_words {
            out.push(if i == 0 {
                capitalize_first(word)
            } else {
                word.to_string()
            });
            continue;
        }
        if UNITS.contains(&folded.as_str()) {
            in_place = true;
        }
        if in_place {
            out.push(word.to_string());
            continue;
        }
        if folded == "và" {
            out.push(word.to_string());
            capitalise_next = true;
            continue;
        }
        out.push(if capitalise_next {
            capitalize_first(word)
        } else {
            word.to_string()
        });
        capitalise_next = false;
    }
    out.join(" ")
}

/// Whether a header line continues the body named on the line before it
/// ("ỦY BAN NHÂN DÂN" / "TỈNH QUẢNG NGÃI"), rather than naming another.
/// A Party group ("BAN CÁN SỰ ĐẢNG", "ĐẢNG ĐOÀN") on the line before
/// continues with the body it sits in.
pub fn continues_body(line: &str, previous: &str) -> bool {
    let before = previous.to_lowercase();
    if before == "ban cán sự đảng" || before == "đảng đoàn" {
        return true;
    }
    let lower = line.to_lowercase();
    UNITS
        .iter()
        .filter(|unit| !PARTY_ONLY.contains(unit))
        .any(|unit| lower.starts_with(unit) && !lower[unit.len()..].trim_start().starts_with("ủy"))
}

pub fn capitalize_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A name written in capitals ("NGUYỄN VĂN AN") with each word
/// capitalised; a name already in normal case is kept.
pub fn name_case(name: &str) -> String {
    if !is_capitals(name) {
        return name.to_string();
    }
    name.split_whitespace()
        .map(|word| capitalize_first(&word.to_lowercase()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A signature block's authority line in normal case, its mark kept as
/// written: "KT. CHỦ TỊCH" → "KT. Chủ tịch", "T/M BAN THƯỜNG VỤ" →
/// "T/M Ban Thường vụ".
pub fn authority_case(line: &str) -> String {
    let line = line.trim();
    let mark_end = line
        .char_indices()
        .find(|(_, c)| c.is_whitespace())
        .map_or(line.len(), |(at, _)| at);
    let (mark, rest) = line.split_at(mark_end);
    let rest = rest.trim();
    if rest.is_empty() {
        return mark.to_string();
    }
    let rest = if is_capitals(rest) {
        normal_case(rest)
    } else {
        rest.to_string()
    };
    format!("{mark} {rest}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_become_normal_case_with_names_kept() {
        assert_eq!(
            normal_case("KẾT LUẬN CỦA TRƯỞNG BAN DÂN VẬN TỈNH ỦY"),
            "Kết luận của Trưởng Ban Dân vận Tỉnh ủy"
        );
        assert_eq!(normal_case("TRƯỞNG BAN"), "Trưởng Ban");
        assert_eq!(
            normal_case("ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI"),
            "Ủy ban nhân dân tỉnh Quảng Ngãi"
        );
    }

    #[test]
    fn names_and_authorities() {
        assert_eq!(name_case("NGUYỄN VĂN AN"), "Nguyễn Văn An");
        assert_eq!(name_case("Lê Thị Lan"), "Lê Thị Lan");
        assert_eq!(authority_case("KT. CHỦ TỊCH"), "KT. Chủ tịch");
        assert_eq!(authority_case("T/M BAN THƯỜNG VỤ"), "T/M Ban Thường vụ");
        assert_eq!(authority_case("TL. CHỦ TỊCH"), "TL. Chủ tịch");
    }
}
