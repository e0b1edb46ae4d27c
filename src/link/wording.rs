//! The kind of a citation read from the wording before it (SPEC §8):
//! "thay thế Thông báo số …", "sửa đổi, bổ sung …", "bãi bỏ …",
//! "Căn cứ …" at the start of a paragraph, "hướng dẫn thực hiện …",
//! "đính chính …", "tạm ngưng hiệu lực …". Only plain wording counts; a
//! citation whose wording is anything else stays a citation (dẫn chiếu).
//!
//! The rules, in order:
//! - only the clause the number is in is read: the text since the last
//!   full stop, semicolon, question or exclamation mark (a full stop after
//!   a capital, as in "TP. Quảng Ngãi", ends nothing);
//! - the last verb of relation before the number decides ("Căn cứ A,
//!   thay thế B": A is a basis, B is replaced);
//! - a verb said of someone else's act is not this notice's act: after
//!   "đã", "được", "bị", "không", "chưa", "đang", "sẽ" among the three
//!   words before it, or "đề nghị", "kiến nghị", "xem xét", "nghiên cứu",
//!   "dự kiến", "đề xuất" among the five;
//! - the verb must govern the number: between them no "theo" (but "kèm
//!   theo"), "để", "nhằm", "khi", "nếu", "mà", "vì", and no "đã", "được",
//!   "bị" unless of "ban hành" ("Quy chế được ban hành kèm theo Quyết định
//!   số …"), no comma that starts another clause ("sửa đổi quy chế, đồng
//!   thời gửi kèm …"), and at most [`MAX_GAP_WORDS`] words besides numbers;
//! - "Căn cứ" counts at the start of its clause (a paragraph, a list item,
//!   after a semicolon), and in the preamble also after a comma
//!   ("Thực hiện …, căn cứ …"); it governs the rest of its clause;
//! - with no verb before the number, a passive form after it in its
//!   clause counts ("Thông báo số … ngày … bị bãi bỏ", "… hết hiệu lực kể
//!   từ ngày ký", "… được thay thế bằng Thông báo này"), unless another
//!   document follows it ("được sửa đổi tại Quyết định số …");
//! - a repeal or suspension of a part ("khoản 2 Điều 3 của", "mục II",
//!   "một số nội dung của") is in part.

use crate::model::relation::Relation;

/// Words allowed between a verb and the number it governs, numbers and
/// dates aside: "bãi bỏ khoản 2 Điều 5 Quy chế làm việc ban hành kèm theo
/// Quyết định số …" is 13.
const MAX_GAP_WORDS: usize = 24;

/// The verbs, lower case, longest first where one starts another.
const VERBS: &[(&str, Relation)] = &[
    ("thay thế", Relation::Supersedes),
    ("thay cho", Relation::Supersedes),
    ("sửa đổi, bổ sung", Relation::Amends),
    ("sửa đổi và bổ sung", Relation::Amends),
    ("sửa đổi bổ sung", Relation::Amends),
    ("sửa đổi", Relation::Amends),
    ("bãi bỏ", Relation::Repeals),
    ("hủy bỏ", Relation::Repeals),
    ("huỷ bỏ", Relation::Repeals),
    ("hướng dẫn thực hiện", Relation::Guides),
    ("hướng dẫn thi hành", Relation::Guides),
    ("hướng dẫn triển khai", Relation::Guides),
    ("hướng dẫn việc thực hiện", Relation::Guides),
    ("đính chính", Relation::Corrects),
    ("tạm ngưng", Relation::Suspends),
    ("tạm ngừng", Relation::Suspends),
    ("tạm dừng", Relation::Suspends),
    ("tạm đình chỉ", Relation::Suspends),
    ("căn cứ", Relation::BasedOn),
];

/// Words just before a verb that make it another's act, or one not done.
const NOT_DONE: &[&str] = &["đã", "được", "bị", "không", "chưa", "đang", "sẽ", "chẳng"];

/// Words a little before a verb that make it a proposal, not an act.
const PROPOSED: &[&str] = &["đề nghị", "kiến nghị", "xem xét", "nghiên cứu", "dự kiến", "đề xuất"];

/// Words between a verb and a number that start another predicate.
const BREAKERS: &[&str] = &["theo", "để", "nhằm", "khi", "nếu", "mà", "vì", "đã", "được", "bị"];

/// Words that name a part of a document.
const PARTS: &[&str] = &[
    "điều",
    "khoản",
    "điểm",
    "mục",
    "phần",
    "chương",
    "tiết",
    "nội dung",
    "một số",
    "phụ lục",
];

/// How far back a clause is read, in bytes: a verb governs a number only
/// within [`MAX_GAP_WORDS`] words, and "Căn cứ" a clause of a few lines;
/// a longer run without a full stop is not read whole for every number in
/// it.
const MAX_CLAUSE: usize = 2000;

/// The relation the wording before a citation states, and whether it is in
/// part. `before` is what precedes the number, in pieces read in order:
/// the lead-in of its list when the list follows a paragraph ending in a
/// colon, the text of the block (paragraph, list item, cell) before the
/// run, the run up to the number. `preamble`: the block is before the
/// body's first heading.
pub fn relation_before(before: &[&str], preamble: bool) -> Option<(Relation, bool)> {
    let lower = clause_before(before).to_lowercase();
    let (at, verb, relation) = last_verb(&lower)?;
    let gap = &lower[at + verb.len()..];
    let ahead = &lower[..at];
    if relation == Relation::BasedOn {
        return starts_clause(ahead, preamble).then_some((Relation::BasedOn, false));
    }
    if last_words(ahead, 3).iter().any(|word| NOT_DONE.contains(word)) {
        return None;
    }
    let near = last_words(ahead, 5).join(" ");
    if PROPOSED.iter().any(|phrase| contains_phrase(&near, phrase)) {
        return None;
    }
    let words = words_of(gap);
    if words.len() > MAX_GAP_WORDS || starts_another_clause(gap) {
        return None;
    }
    for (index, word) in words.iter().enumerate() {
        let breaks = match *word {
            "theo" => index == 0 || words[index - 1] != "kèm",
            "đã" | "được" | "bị" => words.get(index + 1) != Some(&"ban"),
            other => BREAKERS.contains(&other),
        };
        if breaks {
            return None;
        }
    }
    let part = match relation {
        Relation::Repeals | Relation::Suspends => names_a_part(gap),
        Relation::Amends => true,
        _ => false,
    };
    Some((relation, part))
}

/// Passive forms after a number that state this notice's act on it:
/// "Thông báo số … bị bãi bỏ", "… được thay thế bằng Thông báo này".
const AFTER: &[(&str, Relation)] = &[
    ("bị bãi bỏ", Relation::Repeals),
    ("được bãi bỏ", Relation::Repeals),
    ("bị hủy bỏ", Relation::Repeals),
    ("hết hiệu lực", Relation::Repeals),
    ("được thay thế", Relation::Supersedes),
    ("bị thay thế", Relation::Supersedes),
    ("được sửa đổi, bổ sung", Relation::Amends),
    ("được sửa đổi", Relation::Amends),
    ("được đính chính", Relation::Corrects),
    ("bị tạm ngưng", Relation::Suspends),
    ("được tạm ngưng", Relation::Suspends),
    ("tạm ngưng hiệu lực", Relation::Suspends),
];

/// Words after a number, before a passive form, that still describe the
/// document: its date, issuer, subject ("ngày 05/3/2021 của Ban Thường vụ
/// về …").
const MAX_AFTER_WORDS: usize = 14;

/// The relation a passive form after a citation states: "Thông báo số …
/// ngày … bị bãi bỏ", "Quy chế ban hành kèm theo Quyết định số … được
/// sửa đổi như sau". `after` is the text after the number (and its date).
/// A form followed by another document ("… được sửa đổi tại Quyết định
/// số …") is another's act, and one after "đã", "không"… is not this
/// notice's.
pub fn relation_after(after: &str) -> Option<(Relation, bool)> {
    let mut end = after.len().min(400);
    while !after.is_char_boundary(end) {
        end -= 1;
    }
    let lower = clause_head(&after[..end]).to_lowercase();
    let (at, form, relation) = AFTER
        .iter()
        .filter_map(|&(form, relation)| {
            lower
                .match_indices(form)
                .find(|(at, _)| is_word_at(&lower, *at, form.len()))
                .map(|(at, _)| (at, form, relation))
        })
        .min_by_key(|(at, form, _)| (*at, std::cmp::Reverse(form.len())))?;
    let between = &lower[..at];
    let words = words_of(between);
    // The form itself is passive ("được", "bị"): only the other marks of
    // another's act, or of one not done, count before it.
    let not_done = |word: &&str| NOT_DONE.contains(word) && !matches!(*word, "được" | "bị");
    if words.len() > MAX_AFTER_WORDS || starts_another_clause(between) || words.iter().any(not_done) {
        return None;
    }
    // "… được sửa đổi tại Quyết định số 9/QĐ-UBND": done by another.
    let rest = &lower[at + form.len()..];
    if rest.chars().any(|c| c.is_ascii_digit()) && !crate::model::number::find(rest).is_empty() {
        return None;
    }
    let part = match relation {
        Relation::Amends => true,
        Relation::Repeals | Relation::Suspends => names_a_part(between),
        _ => false,
    };
    Some((relation, part))
}

/// The clause `text` begins with: up to its first full stop, semicolon,
/// question or exclamation mark.
fn clause_head(text: &str) -> &str {
    let mut previous: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let next = chars.peek().map(|&(_, next)| next);
        if ends_clause(c, previous, next) {
            return &text[..at];
        }
        previous = Some(c);
    }
    text
}

/// Whether `c`, between `previous` and `next`, ends a clause: a semicolon,
/// a question or exclamation mark, or a full stop before a space (or the
/// end) after a lower-case letter, a digit, a bracket or nothing ("năm
/// 2021. Bãi bỏ", a number's sentence ending right after it); not "TP.
/// Quảng Ngãi".
fn ends_clause(c: char, previous: Option<char>, next: Option<char>) -> bool {
    match c {
        ';' | '?' | '!' => true,
        '.' => {
            next.is_none_or(char::is_whitespace)
                && previous.is_none_or(|p| p.is_lowercase() || p.is_ascii_digit() || p == ')')
        }
        _ => false,
    }
}

/// Whether `text` names a part of a document: "khoản 2 Điều 3 của",
/// "mục II", "một số nội dung của".
pub fn names_a_part(text: &str) -> bool {
    let lower = text.to_lowercase();
    PARTS.iter().any(|part| contains_phrase(&lower, part))
}

/// The clause the pieces end in, read backwards from the end: what follows
/// the last full stop, semicolon, question or exclamation mark, at most
/// [`MAX_CLAUSE`] bytes.
fn clause_before(pieces: &[&str]) -> String {
    let mut parts: Vec<&str> = Vec::new();
    let mut room = MAX_CLAUSE;
    for piece in pieces.iter().rev() {
        let (tail, ended) = clause_tail(piece, room);
        parts.push(tail);
        room = room.saturating_sub(tail.len());
        if ended || room == 0 {
            break;
        }
    }
    parts.reverse();
    parts.concat()
}

/// What follows the last end of a clause in `text`, and whether there was
/// one, reading back at most `room` bytes.
fn clause_tail(text: &str, room: usize) -> (&str, bool) {
    let mut floor = text.len().saturating_sub(room);
    while !text.is_char_boundary(floor) {
        floor += 1;
    }
    let window = &text[floor..];
    let mut next: Option<char> = None;
    let mut chars = window.char_indices().rev().peekable();
    while let Some((at, c)) = chars.next() {
        let previous = chars.peek().map(|&(_, previous)| previous);
        if ends_clause(c, previous, next) {
            return (&window[at + c.len_utf8()..], true);
        }
        next = Some(c);
    }
    (window, floor > 0)
}

/// The last verb of relation in `lower`: its byte offset, its text, its kind.
fn last_verb(lower: &str) -> Option<(usize, &'static str, Relation)> {
    let mut best: Option<(usize, &'static str, Relation)> = None;
    for &(verb, relation) in VERBS {
        for (at, _) in lower.match_indices(verb) {
            if !is_word_at(lower, at, verb.len()) {
                continue;
            }
            // Later wins; at the same place, the longer (listed first).
            if best.is_none_or(|(best_at, best_verb, _)| at > best_at && at >= best_at + best_verb.len()) {
                best = Some((at, verb, relation));
            }
        }
    }
    best
}

/// Whether `text[at..at + len]` stands as whole words.
fn is_word_at(text: &str, at: usize, len: usize) -> bool {
    let before = text[..at].chars().next_back();
    let after = text[at + len..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

fn contains_phrase(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase)
        .any(|(at, _)| is_word_at(text, at, phrase.len()))
}

/// Whether "căn cứ" after `ahead` (the clause before it, lower case) starts
/// its clause: nothing before it but a list mark or brackets; in the
/// preamble, also after a comma or colon.
fn starts_clause(ahead: &str, preamble: bool) -> bool {
    let trimmed = ahead.trim_end();
    let last = trimmed.chars().next_back();
    match last {
        None => true,
        Some(',' | ':') => preamble,
        Some('(') => true,
        _ => is_list_mark(trimmed),
    }
}

/// A list mark alone: "-", "+", "•", "a)", "1.", "2)", "II.".
fn is_list_mark(text: &str) -> bool {
    let text = text.trim();
    if matches!(text, "-" | "+" | "•" | "*" | "–") {
        return true;
    }
    let Some(body) = text.strip_suffix(['.', ')']) else {
        return false;
    };
    !body.is_empty() && body.chars().count() <= 4 && body.chars().all(char::is_alphanumeric)
}

/// Whether a comma in `gap` starts another clause: one not followed by a
/// part of a document or a number ("khoản 2, khoản 3 Điều 5 của"), as in
/// "sửa đổi quy chế, đồng thời gửi kèm Thông báo số …".
fn starts_another_clause(gap: &str) -> bool {
    gap.match_indices(',').any(|(at, _)| {
        let next = gap[at + 1..].split_whitespace().next().unwrap_or("");
        let next = next.trim_matches(|c: char| !c.is_alphanumeric());
        !(next.is_empty()
            || next.chars().any(|c| c.is_ascii_digit())
            || PARTS.iter().any(|part| part.split(' ').next() == Some(next)))
    })
}

/// The words of `text`, punctuation trimmed.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split_whitespace()
        .map(|word| word.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|word| !word.is_empty())
}

/// The words of `text`, document numbers and dates aside (a word with a
/// digit in it).
fn words_of(text: &str) -> Vec<&str> {
    words(text)
        .filter(|word| !word.chars().any(|c| c.is_ascii_digit()))
        .collect()
}

/// The last `n` words of `text`, in order.
fn last_words(text: &str, n: usize) -> Vec<&str> {
    let words: Vec<&str> = words(text).collect();
    words[words.len().saturating_sub(n)..].to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(before: &str) -> Option<Relation> {
        relation_before(&[before], false).map(|(relation, _)| relation)
    }

    #[test]
    fn plain_wording_names_the_kind() {
        assert_eq!(kind("Thông báo này thay thế Thông báo số "), Some(Relation::Supersedes));
        assert_eq!(kind("Sửa đổi, bổ sung mục II Thông báo số "), Some(Relation::Amends));
        assert_eq!(
            kind("Bãi bỏ khoản 2 Điều 5 của Quy chế ban hành kèm theo Quyết định số "),
            Some(Relation::Repeals)
        );
        assert_eq!(
            kind("Căn cứ Quy chế làm việc ban hành kèm theo Quyết định số "),
            Some(Relation::BasedOn)
        );
        assert_eq!(
            kind("- Căn cứ Nghị định số 30/2020/NĐ-CP và Kết luận số "),
            Some(Relation::BasedOn)
        );
        assert_eq!(kind("Hướng dẫn thực hiện Kết luận số "), Some(Relation::Guides));
        assert_eq!(kind("Đính chính sai sót tại Thông báo số "), Some(Relation::Corrects));
        assert_eq!(
            kind("Tạm ngưng hiệu lực thi hành Thông báo số "),
            Some(Relation::Suspends)
        );
        assert_eq!(
            relation_before(&["Bãi bỏ mục 3 phần II Thông báo số "], false),
            Some((Relation::Repeals, true))
        );
        assert_eq!(
            relation_before(&["Bãi bỏ Thông báo số "], false),
            Some((Relation::Repeals, false))
        );
    }

    #[test]
    fn other_wording_is_a_citation() {
        assert_eq!(kind("Các đơn vị đã sửa đổi quy trình theo Hướng dẫn số "), None);
        assert_eq!(kind("Sửa đổi quy trình tiếp dân theo Thông báo số "), None);
        assert_eq!(kind("Quy chế đã được sửa đổi tại Quyết định số "), None);
        assert_eq!(kind("Đề nghị UBND tỉnh xem xét bãi bỏ Quyết định số "), None);
        assert_eq!(kind("Thực hiện Hướng dẫn số "), None);
        assert_eq!(kind("Tổ chức thực hiện căn cứ vào Kế hoạch số "), None);
        assert_eq!(
            kind("Căn cứ Thông báo số 5-TB/TU, Ban đã sửa đổi. Thực hiện Kết luận số "),
            None
        );
        assert_eq!(kind("Trên cơ sở Thông báo số "), None);
    }

    #[test]
    fn passive_forms_after_the_number_count() {
        assert_eq!(
            relation_after(" ngày 05/3/2021 của Ban Thường vụ bị bãi bỏ."),
            Some((Relation::Repeals, false))
        );
        assert_eq!(
            relation_after(" được thay thế bằng Thông báo này."),
            Some((Relation::Supersedes, false))
        );
        assert_eq!(
            relation_after(" hết hiệu lực kể từ ngày ký."),
            Some((Relation::Repeals, false))
        );
        assert_eq!(relation_after(" đã bãi bỏ quy định cũ."), None);
        assert_eq!(relation_after(" được sửa đổi tại Quyết định số 9/QĐ-UBND."), None);
        assert_eq!(relation_after(" đã được sửa đổi."), None);
        assert_eq!(relation_after(". Quy chế được sửa đổi."), None);
    }

    #[test]
    fn the_preamble_allows_a_basis_after_a_comma() {
        let before = "Thực hiện Chương trình công tác năm 2021, căn cứ Kết luận số ";
        assert_eq!(relation_before(&[before], true), Some((Relation::BasedOn, false)));
        assert_eq!(relation_before(&[before], false), None);
        assert_eq!(clause_before(&["TP. Quảng Ngãi, ngày 5"]), "TP. Quảng Ngãi, ngày 5");
        assert_eq!(
            clause_before(&["Bãi bỏ các văn bản sau:", "\n", "", "Thông báo số "]),
            "Bãi bỏ các văn bản sau:\nThông báo số "
        );
        assert_eq!(
            clause_before(&["Căn cứ A; căn ", "cứ B, thay thế "]),
            " căn cứ B, thay thế "
        );
    }
}
