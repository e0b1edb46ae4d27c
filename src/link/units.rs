//! Names of units (cơ quan, đơn vị) as the text writes them, and which of
//! them are the same unit: "UBND tỉnh" and "Ủy ban nhân dân tỉnh", "Sở
//! KH&ĐT" and "Sở Kế hoạch và Đầu tư", "Uỷ ban" and "Ủy ban".
//!
//! A name is read word by word ([`words`]); a short form (a word of
//! capitals: UBND, KH&ĐT) is spelt out from a table of the common ones,
//! or matched by its initials against the full names the archive uses
//! ("Sở KHĐT" → "Sở Kế hoạch và Đầu tư", when that name is written
//! somewhere). A site can list its units and their short names in
//! site.toml (`[units]`), which wins over both.

use rustc_hash::FxHashMap;

use crate::support::text::{fold, slugify};

/// Short forms every office uses, spelt out.
const SHORT_FORMS: &[(&str, &str)] = &[
    ("UBND", "Ủy ban nhân dân"),
    ("HĐND", "Hội đồng nhân dân"),
    ("MTTQ", "Mặt trận Tổ quốc"),
    ("MTTQVN", "Mặt trận Tổ quốc Việt Nam"),
    ("UBMTTQ", "Ủy ban Mặt trận Tổ quốc"),
    ("UBMTTQVN", "Ủy ban Mặt trận Tổ quốc Việt Nam"),
    ("BTV", "Ban Thường vụ"),
    ("BCH", "Ban Chấp hành"),
    ("BCĐ", "Ban Chỉ đạo"),
    ("KH&ĐT", "Kế hoạch và Đầu tư"),
    ("KHĐT", "Kế hoạch và Đầu tư"),
    ("TN&MT", "Tài nguyên và Môi trường"),
    ("TNMT", "Tài nguyên và Môi trường"),
    ("GD&ĐT", "Giáo dục và Đào tạo"),
    ("GDĐT", "Giáo dục và Đào tạo"),
    ("LĐTB&XH", "Lao động - Thương binh và Xã hội"),
    ("LĐ-TB&XH", "Lao động - Thương binh và Xã hội"),
    ("LĐTBXH", "Lao động - Thương binh và Xã hội"),
    ("NN&PTNT", "Nông nghiệp và Phát triển nông thôn"),
    ("NNPTNT", "Nông nghiệp và Phát triển nông thôn"),
    ("VHTT&DL", "Văn hóa, Thể thao và Du lịch"),
    ("VHTTDL", "Văn hóa, Thể thao và Du lịch"),
    ("TT&TT", "Thông tin và Truyền thông"),
    ("TTTT", "Thông tin và Truyền thông"),
    ("KH&CN", "Khoa học và Công nghệ"),
    ("KHCN", "Khoa học và Công nghệ"),
    ("GTVT", "Giao thông vận tải"),
    ("XD", "Xây dựng"),
    ("TC", "Tài chính"),
    ("NV", "Nội vụ"),
    ("TP", "Tư pháp"),
    ("YT", "Y tế"),
    ("CT", "Công Thương"),
    ("BHXH", "Bảo hiểm xã hội"),
    ("LĐLĐ", "Liên đoàn Lao động"),
    ("HLHPN", "Hội Liên hiệp Phụ nữ"),
    ("CCB", "Cựu chiến binh"),
    ("ĐTN", "Đoàn Thanh niên"),
    ("TNCS", "Thanh niên Cộng sản"),
    ("VP", "Văn phòng"),
    ("TU", "Tỉnh ủy"),
    ("HU", "Huyện ủy"),
];

/// Spellings of the same word: the old and the new place of the tone mark.
const SPELLINGS: &[(&str, &str)] = &[
    ("Uỷ", "Ủy"),
    ("uỷ", "ủy"),
    ("Thuỷ", "Thủy"),
    ("thuỷ", "thủy"),
    ("hoá", "hóa"),
    ("Hoá", "Hóa"),
    ("hoà", "hòa"),
    ("Hoà", "Hòa"),
    ("khoẻ", "khỏe"),
];

/// A unit as pages show it: its name and its slug (`/tasks/{slug}/`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Unit {
    pub name: String,
    pub slug: String,
}

/// Every unit of the archive by the names it goes by.
#[derive(Debug, Default)]
pub struct Units {
    /// Folded spelt-out name → the unit.
    by_key: FxHashMap<String, Unit>,
    /// Prefix and initials of each full name ("sở" + "khdt") → the key of
    /// the name, for short forms not in the table.
    by_initials: FxHashMap<(String, String), Option<String>>,
}

impl Units {
    /// `listed`: site.toml's `[units]`, each name with its short names;
    /// `written`: every name the archive's tasks use.
    pub fn new<'a>(listed: &[(String, Vec<String>)], written: impl IntoIterator<Item = &'a str>) -> Units {
        let mut units = Units::default();
        for (name, short_names) in listed {
            let unit = Unit {
                name: name.clone(),
                slug: slugify(&spelt_out(name)),
            };
            for alias in std::iter::once(name).chain(short_names) {
                units.by_key.insert(key(alias), unit.clone());
            }
        }
        let mut written: Vec<&str> = written.into_iter().collect();
        written.sort_unstable();
        written.dedup();
        for name in &written {
            if let Some(initials) = initials(name) {
                let key = key(name);
                units
                    .by_initials
                    .entry(initials)
                    .and_modify(|seen| {
                        // Two full names with the same initials: neither.
                        if seen.as_deref() != Some(key.as_str()) {
                            *seen = None;
                        }
                    })
                    .or_insert(Some(key));
            }
        }
        // Full names first: a unit is named as the archive spells it out.
        written.sort_by_key(|name| name.split_whitespace().any(is_short));
        for name in written {
            let key = units.canonical_key(name);
            units.by_key.entry(key).or_insert_with(|| Unit {
                name: tidy(&spelt_out(name)),
                slug: slugify(&spelt_out(name)),
            });
        }
        units
    }

    /// The key of a name after short forms are spelt out, using the
    /// archive's own full names for those the table lacks.
    fn canonical_key(&self, name: &str) -> String {
        let direct = key(name);
        if self.by_key.contains_key(&direct) {
            return direct;
        }
        let spelt = key(&spelt_out(name));
        if self.by_key.contains_key(&spelt) {
            return spelt;
        }
        if let Some((prefix, short)) = short_form(name)
            && let Some(Some(full)) = self.by_initials.get(&(prefix, short))
        {
            return full.clone();
        }
        spelt
    }

    /// The unit a name written in the archive stands for.
    pub fn unit(&self, name: &str) -> Unit {
        let key = self.canonical_key(name);
        self.by_key.get(&key).cloned().unwrap_or_else(|| Unit {
            name: tidy(name),
            slug: slugify(&spelt_out(name)),
        })
    }
}

/// A name with its spelling evened out, for comparing.
fn key(name: &str) -> String {
    fold(&tidy(&spelt_out(name)))
}

/// Whitespace collapsed, one spelling of each word.
fn tidy(name: &str) -> String {
    name.split_whitespace()
        .map(|word| {
            SPELLINGS
                .iter()
                .fold(word.to_string(), |word, (old, new)| word.replace(old, new))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The name with every short form of the table spelt out.
pub fn spelt_out(name: &str) -> String {
    name.split_whitespace()
        .map(|word| {
            SHORT_FORMS
                .iter()
                .find(|(short, _)| *short == word)
                .map_or_else(|| word.to_string(), |(_, full)| full.to_string())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a word is a short form: two or more letters, all capitals
/// (with "&" or "-" between).
fn is_short(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2
        && letters.iter().all(|c| c.is_uppercase())
        && word.chars().all(|c| c.is_alphabetic() || c == '&' || c == '-')
}

/// A name of two words whose second is a short form ("Sở KHĐT"): its
/// first word and the short form's letters, folded.
fn short_form(name: &str) -> Option<(String, String)> {
    let words: Vec<&str> = name.split_whitespace().collect();
    match words.as_slice() {
        [prefix, short, rest @ ..] if is_short(short) && rest.iter().all(|w| !is_short(w)) && rest.len() <= 2 => {
            let letters: String = short.chars().filter(|c| c.is_alphabetic()).collect();
            let rest = rest.iter().map(|w| fold(w)).collect::<Vec<_>>().join(" ");
            Some((format!("{} {rest}", fold(prefix)).trim().to_string(), fold(&letters)))
        }
        _ => None,
    }
}

/// A full name's first word and the initials of the rest ("Sở Kế hoạch
/// và Đầu tư" → "sở", "khdt"); the trailing words of place ("tỉnh") stay
/// in the prefix's place so "Sở KHĐT tỉnh" finds "Sở Kế hoạch và Đầu tư
/// tỉnh".
fn initials(name: &str) -> Option<(String, String)> {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() < 3 || words.iter().any(|word| is_short(word)) {
        return None;
    }
    const PLACE: &[&str] = &["tỉnh", "huyện", "thành phố", "thị xã", "xã"];
    let (body, place) = match words.last() {
        Some(last) if PLACE.contains(last) => (&words[1..words.len() - 1], Some(*last)),
        _ => (&words[1..], None),
    };
    let letters: String = body
        .iter()
        .filter(|word| !matches!(**word, "và" | "-" | "–"))
        .filter_map(|word| word.chars().next())
        .collect();
    let prefix = match place {
        Some(place) => format!("{} {}", fold(words[0]), fold(place)),
        None => fold(words[0]),
    };
    Some((prefix, fold(&letters)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_full_names_are_one_unit() {
        let units = Units::new(
            &[],
            [
                "UBND tỉnh",
                "Ủy ban nhân dân tỉnh",
                "Uỷ ban nhân dân tỉnh",
                "Sở KH&ĐT",
                "Sở Kế hoạch và Đầu tư",
                "Sở Nội vụ",
                "Sở Thông tin và Truyền thông",
                "Sở TTTT",
            ],
        );
        assert_eq!(units.unit("UBND tỉnh"), units.unit("Ủy ban nhân dân tỉnh"));
        assert_eq!(units.unit("Uỷ ban nhân dân tỉnh").slug, "uy-ban-nhan-dan-tinh");
        assert_eq!(units.unit("Sở KH&ĐT").name, "Sở Kế hoạch và Đầu tư");
        assert_eq!(units.unit("Sở KHĐT"), units.unit("Sở Kế hoạch và Đầu tư"));
        assert_eq!(units.unit("Sở TTTT").name, "Sở Thông tin và Truyền thông");
        assert_ne!(units.unit("Sở Nội vụ"), units.unit("Sở Tư pháp"));
    }

    #[test]
    fn initials_find_the_archives_own_full_names() {
        let units = Units::new(&[], ["Ban Quản lý dự án Đầu tư", "Ban QLDAĐT"]);
        assert_eq!(units.unit("Ban QLDAĐT").name, "Ban Quản lý dự án Đầu tư");
    }

    #[test]
    fn the_site_list_wins() {
        let listed = vec![("Văn phòng Tỉnh ủy".to_string(), vec!["VPTU".to_string()])];
        let units = Units::new(&listed, ["VPTU", "Văn phòng Tỉnh uỷ"]);
        assert_eq!(units.unit("VPTU").name, "Văn phòng Tỉnh ủy");
        assert_eq!(units.unit("Văn phòng Tỉnh uỷ").slug, "van-phong-tinh-uy");
    }
}
