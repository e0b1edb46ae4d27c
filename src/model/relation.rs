//! How one document acts on another (SPEC §8): the kinds of relation a
//! notice names in its front matter or its wording, with the front matter
//! key, the CSS and JSON name, and the UI strings of each voice.

/// A relation from a notice to a document it names. Declared from the
/// strongest to the weakest: where one notice names another in several
/// ways in its wording, the strongest is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Relation {
    /// Thay thế: the other is wholly replaced.
    Supersedes,
    /// Bãi bỏ: the other (or a part of it) is repealed.
    Repeals,
    /// Tạm ngưng hiệu lực.
    Suspends,
    /// Sửa đổi, bổ sung: the other is amended in part.
    Amends,
    /// Đính chính.
    Corrects,
    /// Hướng dẫn (thực hiện).
    Guides,
    /// Căn cứ.
    BasedOn,
    /// Named in `related`: a link with no stated kind.
    Related,
    /// Dẫn chiếu: cited in the body with no plain wording of a kind.
    Cites,
}

impl Relation {
    /// Every kind, strongest first.
    pub const ALL: [Relation; 9] = [
        Relation::Supersedes,
        Relation::Repeals,
        Relation::Suspends,
        Relation::Amends,
        Relation::Corrects,
        Relation::Guides,
        Relation::BasedOn,
        Relation::Related,
        Relation::Cites,
    ];

    /// The kinds a front matter names by key: all but a bare citation,
    /// which comes last.
    pub const FRONT_MATTER: &[Relation] = Relation::ALL.split_last().expect("kinds").1;

    /// The front matter key, and the name in `notices.json`, CSS classes
    /// and UI string keys (`relation_amends`, `relation_amends_by`).
    pub fn key(self) -> &'static str {
        match self {
            Relation::Supersedes => "supersedes",
            Relation::Repeals => "repeals",
            Relation::Suspends => "suspends",
            Relation::Amends => "amends",
            Relation::Corrects => "corrects",
            Relation::Guides => "guides",
            Relation::BasedOn => "based_on",
            Relation::Related => "related",
            Relation::Cites => "cites",
        }
    }

    pub fn from_key(key: &str) -> Option<Relation> {
        Relation::ALL.into_iter().find(|relation| relation.key() == key)
    }

    /// A small number for the build records.
    pub fn code(self) -> u8 {
        self as u8
    }

    pub fn from_code(code: u8) -> Option<Relation> {
        Relation::ALL.get(usize::from(code)).copied()
    }

    /// A kind a reader is told of (not a bare citation or `related`).
    pub fn is_typed(self) -> bool {
        !matches!(self, Relation::Related | Relation::Cites)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_codes_go_both_ways() {
        for relation in Relation::ALL {
            assert_eq!(Relation::from_key(relation.key()), Some(relation));
            assert_eq!(Relation::from_code(relation.code()), Some(relation));
        }
        assert!(Relation::Supersedes < Relation::Cites);
        assert!(!Relation::FRONT_MATTER.contains(&Relation::Cites));
        assert_eq!(Relation::FRONT_MATTER.len(), Relation::ALL.len() - 1);
    }
}
