//! Tasks found in a notice's body (SPEC §9): who is to do what, with whom,
//! by when. The body is read block by block (paragraphs, list items,
//! headings) as it renders; a block holding a task gets an anchor.
//!
//! A sentence is a task when
//! - it starts with a word of assigning ("Giao", "Đề nghị", "Yêu cầu",
//!   "Chỉ đạo", "Thống nhất giao") followed by a unit, or has one after
//!   the unit that assigns ("Ban Thường vụ giao Sở …");
//! - or it starts with a unit followed by an act ("Sở Z tham mưu …",
//!   "UBND các huyện chỉ đạo …", "Sở Tài chính: bố trí …"), not by what
//!   is done already or said of it ("đã", "đang", "được", "đánh giá",
//!   "ghi nhận");
//! - or it is a numbered block (or a list item) under a heading that names
//!   a unit ("2. Ban dân vận cấp ủy các cấp"), or after a sentence that
//!   assigns and ends in a colon ("Giao Sở Y tế thực hiện các nội dung
//!   sau:"): a task of that unit, the whole block its text.
//!
//! A short clause of time may come first ("Trước ngày 30/6/2022, Sở …").
//! The first unit after the word of assigning leads (chủ trì); others
//! named with it and those after "phối hợp (với)" assist. A sentence with
//! no unit right after a task, in the same block, lends it its deadline
//! ("… Hoàn thành trước ngày 30/6/2022.").

use jiff::civil::Date;

use crate::link::deadline::{self, Deadline};
use crate::model::task::FoundTask;

/// What kind of block the reader hands over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Item,
    Heading(u8),
}

/// Reads a body's blocks in order and keeps the tasks found.
pub struct Finder<'a> {
    issued: Date,
    /// Whether the document assigns tasks at all: a report (Báo cáo)
    /// says what units did ("Sở Tài chính báo cáo …"), not what to do.
    assigns: bool,
    /// Names of units the site lists (`[units]`), as written.
    known: &'a [String],
    /// A unit named by a heading, with the heading's level.
    section: Option<(u8, String)>,
    /// A unit named by a sentence that assigns and ends in a colon, with
    /// its assisting units: for the numbered blocks after it.
    lead: Option<(String, Vec<String>)>,
    pub found: Vec<FoundTask>,
}

/// Longest task text kept, in characters.
const MAX_TEXT: usize = 400;
/// Most words in a unit's name (a heading's name may be longer).
const MAX_UNIT_WORDS: usize = 16;

impl<'a> Finder<'a> {
    pub fn new(issued: Date, known: &'a [String]) -> Finder<'a> {
        Finder {
            issued,
            assigns: true,
            known,
            section: None,
            lead: None,
            found: Vec::new(),
        }
    }

    /// A finder for a document of kind `kind` ("Thông báo kết luận",
    /// "Báo cáo"…): a report assigns nothing.
    pub fn for_kind(issued: Date, kind: &str, known: &'a [String]) -> Finder<'a> {
        let folded = crate::support::text::fold(kind);
        Finder {
            assigns: !folded.trim_start().starts_with("bao cao"),
            ..Finder::new(issued, known)
        }
    }

    /// Reads one block; `anchor` is the id it gets if it holds a task.
    /// Returns whether it does.
    pub fn block(&mut self, kind: BlockKind, text: &str, offset: usize, anchor: &str) -> bool {
        if !self.assigns {
            return false;
        }
        // One space between words; most blocks have nothing to collapse.
        let collapsed;
        let text = if text.contains(['\n', '\t', '\r']) || text.contains("  ") {
            collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
            collapsed.as_str()
        } else {
            text.trim()
        };
        if let BlockKind::Heading(level) = kind {
            if self.section.as_ref().is_some_and(|(at, _)| level <= *at) {
                self.section = None;
            }
            self.lead = None;
            let (_, rest) = strip_numbering(text);
            let name = rest.trim_end_matches([':', '.', ' ']);
            if let Some(unit) = heading_unit(name, self.known) {
                self.section = Some((level, unit));
            }
            return false;
        }
        let (numbered, rest) = strip_numbering(text);
        let numbered = numbered || kind == BlockKind::Item;
        if !numbered {
            self.lead = None;
        }
        let before = self.found.len();
        let mut sentences = sentences(rest).into_iter().peekable();
        let mut in_block: Option<usize> = None;
        while let Some(sentence) = sentences.next() {
            let sentence = sentence.trim();
            if sentence.is_empty() {
                continue;
            }
            match self.assigned(sentence) {
                Some((unit, with)) if sentence.ends_with(':') && sentences.peek().is_none() => {
                    // "Giao Sở Y tế thực hiện các nội dung sau:" leads what follows.
                    self.lead = Some((unit, with));
                }
                Some((unit, with)) => {
                    let deadline = deadline::find(sentence, self.issued);
                    self.push(unit, with, sentence, deadline, (anchor, offset));
                    in_block = Some(self.found.len() - 1);
                }
                None => {
                    if let Some(at) = in_block {
                        let deadline = deadline::find(sentence, self.issued);
                        let task = &mut self.found[at];
                        if task.due.is_none() && task.every.is_none() && deadline.is_some() {
                            task.due = deadline.due;
                            task.every = deadline.every;
                            task.due_text = deadline.text;
                            task.text = trimmed(&format!("{} {sentence}", task.text));
                        }
                    }
                }
            }
        }
        if self.found.len() == before && !too_long_for_a_name(rest) {
            // A paragraph that only names a unit ("**4. Sở Y tế**", as Word
            // files give a heading) leads the numbered blocks after it.
            let name = rest.trim_end_matches([':', '.', ' ']);
            if let Some(unit) = heading_unit(name, self.known)
                && unit_at(name, self.known).is_some_and(|(_, after)| after.trim().is_empty())
            {
                self.lead = Some((unit, Vec::new()));
                return false;
            }
        }
        if self.found.len() == before && numbered {
            // A numbered block under a unit's heading or an assigning lead.
            let owner = self
                .lead
                .clone()
                .or_else(|| self.section.as_ref().map(|(_, unit)| (unit.clone(), Vec::new())));
            if let Some((unit, mut with)) = owner
                && !rest.is_empty()
                && !starts_with_any(rest, &NOT_ACTS_P)
            {
                let deadline = deadline::find(rest, self.issued);
                with.extend(assisting(rest));
                with.dedup();
                self.push(unit, with, rest, deadline, (anchor, offset));
            }
        }
        self.found.len() > before
    }

    /// Reads one row of a table; a table of tasks has a column of the lead
    /// unit ("Đơn vị chủ trì", "Cơ quan thực hiện") and one of the task
    /// ("Nhiệm vụ", "Nội dung"), and may have the assisting units ("Đơn
    /// vị phối hợp") and the deadline ("Thời hạn", "Thời gian hoàn
    /// thành"). Returns whether the row is a task.
    pub fn table_row(&mut self, header: &[String], cells: &[String], offset: usize, anchor: &str) -> bool {
        if !self.assigns {
            return false;
        }
        let column = |names: &[&str]| {
            header.iter().position(|title| {
                let title = title.to_lowercase();
                names.iter().any(|name| title.contains(name))
            })
        };
        let with_column = column(&["phối hợp"]);
        let unit_column = header.iter().enumerate().position(|(at, title)| {
            let title = title.to_lowercase();
            Some(at) != with_column
                && ["chủ trì", "thực hiện", "đơn vị", "cơ quan", "giao cho", "được giao"]
                    .iter()
                    .any(|name| title.contains(name))
                && !title.contains("nhiệm vụ")
        });
        let task_column = column(&["nhiệm vụ", "nội dung", "công việc"]).filter(|&at| Some(at) != unit_column);
        let due_column = column(&["thời hạn", "thời gian", "hoàn thành", "tiến độ"]);
        let (Some(unit_column), Some(task_column)) = (unit_column, task_column) else {
            return false;
        };
        let cell = |at: Option<usize>| {
            at.and_then(|at| cells.get(at))
                .map(|text| text.split_whitespace().collect::<Vec<_>>().join(" "))
                .unwrap_or_default()
        };
        let (unit, text) = (cell(Some(unit_column)), cell(Some(task_column)));
        if unit.is_empty() || text.is_empty() {
            return false;
        }
        // "Sở Tài chính, Sở Xây dựng": the first leads.
        let (mut units, _) = unit_list(&unit, self.known);
        let unit = if units.is_empty() { unit } else { units.remove(0) };
        let mut with = units;
        with.extend(
            cell(with_column)
                .split([',', ';'])
                .map(|name| name.trim().trim_end_matches('.').to_string())
                .filter(|name| !name.is_empty()),
        );
        // A bare date, month or quarter in the deadline's column.
        let due_cell = cell(due_column);
        let mut deadline = if due_cell.is_empty() {
            deadline::find(&text, self.issued)
        } else {
            deadline::find(&format!("trong {due_cell}"), self.issued)
        };
        if !due_cell.is_empty() && deadline.is_some() {
            // The column's own wording, not "trong …".
            deadline.text = due_cell;
        }
        self.push(unit, with, &text, deadline, (anchor, offset));
        true
    }

    /// Keeps a task found in the block at `offset` that gets `anchor`.
    fn push(
        &mut self,
        unit: String,
        with: Vec<String>,
        text: &str,
        deadline: Deadline,
        (anchor, offset): (&str, usize),
    ) {
        self.found.push(FoundTask {
            anchor: anchor.to_string(),
            unit,
            with,
            text: trimmed(text),
            due: deadline.due,
            every: deadline.every,
            due_text: deadline.text,
            offset,
        });
    }

    /// The lead unit and the assisting units when a sentence assigns work.
    fn assigned(&self, sentence: &str) -> Option<(String, Vec<String>)> {
        let (_, sentence) = strip_numbering(sentence);
        let sentence = skip_time_clause(sentence);
        if !may_assign(sentence, self.known) {
            return None;
        }
        // "Giao Sở …", "Đề nghị Ban …".
        if let Some(after) = after_word_of_assigning(sentence) {
            let (units, rest) = unit_list(after, self.known);
            return led_by_first(units, rest);
        }
        // "Sở Z tham mưu …", "Sở Tài chính: …", "Sở A, Sở B phối hợp …".
        let (mut units, rest) = unit_list(sentence, self.known);
        if units.is_empty() {
            return None;
        }
        let unit = units.remove(0);
        let rest_trimmed = rest.trim_start();
        if let Some(after_colon) = rest_trimmed.strip_prefix(':') {
            if starts_with_any(after_colon.trim_start(), &NOT_ACTS_P) {
                return None;
            }
            units.extend(assisting(after_colon));
            return Some((unit, units));
        }
        // "Ban Thường vụ giao Sở …": the unit assigns.
        let first = words_upto(rest_trimmed, 4);
        if let Some(count) = phrase_at(&first, 0, &UNIT_ASSIGNS_P) {
            let (start, word) = first[count - 1];
            let (assigned, rest) = unit_list(&rest_trimmed[start + word.len()..], self.known);
            if !assigned.is_empty() {
                return led_by_first(assigned, rest);
            }
        }
        if starts_with_any(rest_trimmed, &NOT_ACTS_P) || !starts_with_any(rest_trimmed, &ACTS_P) {
            return None;
        }
        units.extend(assisting(rest));
        Some((unit, units))
    }
}

/// The first of `units` leads; the others, and those after "phối hợp" in
/// `rest`, assist. `None` when no unit is named.
fn led_by_first(mut units: Vec<String>, rest: &str) -> Option<(String, Vec<String>)> {
    if units.is_empty() {
        return None;
    }
    let unit = units.remove(0);
    units.extend(assisting(rest));
    Some((unit, units))
}

/// Words with which a unit assigns a task to another.
const UNIT_ASSIGNS: &[&str] = &["giao cho", "giao", "đề nghị", "yêu cầu", "chỉ đạo"];

/// Words that open a clause of time before the unit.
const OPENERS: &[&str] = &[
    "trước",
    "trong",
    "chậm nhất",
    "từ nay",
    "thời gian tới",
    "từ ngày",
    "đến ngày",
    "sau ngày",
];

/// Whether a block's text is too long to be only a unit's name.
fn too_long_for_a_name(text: &str) -> bool {
    text.split_whitespace().count() > MAX_UNIT_WORDS
}

/// Titles of the head of a unit: "Giám đốc Sở Y tế" is Sở Y tế's task.
const TITLES: &[&str] = &[
    "giám đốc",
    "phó giám đốc",
    "chủ tịch",
    "phó chủ tịch",
    "thủ trưởng",
    "bí thư",
    "người đứng đầu",
    "trưởng",
    "chánh",
];

/// Words that assign, at the start of a sentence, longest first.
const ASSIGNING: &[&str] = &[
    "thống nhất giao cho",
    "thống nhất giao",
    "đồng ý giao",
    "kính đề nghị",
    "giao cho",
    "giao",
    "đề nghị",
    "yêu cầu",
    "chỉ đạo",
    "phân công",
    "ủy quyền cho",
    "ủy quyền",
    "uỷ quyền",
];

/// What a unit may do in a task, lower case: the words that may follow
/// its name.
const ACTS: &[&str] = &[
    "chủ trì",
    "phối hợp",
    "tham mưu",
    "khẩn trương",
    "nghiên cứu",
    "thực hiện",
    "chỉ đạo",
    "rà soát",
    "báo cáo",
    "xây dựng",
    "hướng dẫn",
    "triển khai",
    "tổ chức",
    "kiểm tra",
    "đề xuất",
    "tiếp tục",
    "có trách nhiệm",
    "chịu trách nhiệm",
    "theo dõi",
    "đôn đốc",
    "bố trí",
    "hoàn thành",
    "hoàn thiện",
    "tập trung",
    "lãnh đạo",
    "tổng hợp",
    "cân đối",
    "soạn thảo",
    "trình",
    "ban hành",
    "lập",
    "cung cấp",
    "phân bổ",
    "giải quyết",
    "đẩy nhanh",
    "đẩy mạnh",
    "chuẩn bị",
    "thẩm định",
    "tuyên truyền",
    "vận động",
    "tăng cường",
    "chủ động",
    "cần",
    "phải",
    "sớm",
    "kịp thời",
    "khảo sát",
    "xem xét",
    "quan tâm",
    "cập nhật",
    "gửi",
    "bảo đảm",
    "đảm bảo",
    "thường xuyên",
    "tham gia",
    "quản lý",
    "duy trì",
    "nâng cao",
    "phát huy",
    "nắm",
    "rút kinh nghiệm",
    "làm rõ",
    "xử lý",
    "tiếp thu",
    "phổ biến",
    "sắp xếp",
    "trực tiếp",
    "hằng",
    "hàng",
    "định kỳ",
    "kiện toàn",
    "ưu tiên",
    "thẩm tra",
    "giám sát",
    "phân công",
    "bàn giao",
    "tiếp nhận",
    "công khai",
    "hỗ trợ",
    "thu hồi",
    "điều chỉnh",
    "thanh tra",
    "làm việc",
    "bổ sung",
    "sửa đổi",
];

/// What is said of a unit, not asked of it.
const NOT_ACTS: &[&str] = &[
    "đã",
    "đang",
    "được",
    "vừa",
    "đánh giá",
    "ghi nhận",
    "biểu dương",
    "thống nhất",
    "nhất trí",
    "cơ bản",
    "kết luận",
    "cho rằng",
    "nhận thấy",
    "là",
    "có ý kiến",
    "trình bày",
];

/// Words that end a unit's name when they follow it (lower case): its act,
/// or a word that links it to the rest of the sentence.
const ENDS_NAME: &[&str] = &[
    "với", "cho", "để", "trong", "trước", "theo", "về", "tại", "của", "thì", "mà", "nhằm", "khi", "nếu", "có", "không",
    "chưa", "cùng", "sau", "từ", "đến", "như", "bằng", "do", "bởi",
];

/// Lower-case words a name may go on with after a lower-case word.
const NAME_WORDS: &[&str] = &[
    "nhân",
    "dân",
    "tỉnh",
    "huyện",
    "xã",
    "thị",
    "trấn",
    "phường",
    "quận",
    "thành",
    "phố",
    "và",
    "các",
    "cấp",
    "ủy",
    "uỷ",
    "vận",
    "tải",
    "nông",
    "thôn",
    "nhà",
    "nước",
    "hội",
    "chính",
    "trị",
    "liên",
    "quan",
    "vụ",
    "ngành",
    "đoàn",
    "thể",
    "địa",
    "phương",
    "đơn",
    "vị",
    "cơ",
    "sở",
    "ban",
    "trực",
    "thuộc",
    "chức",
    "cán",
    "sự",
    "đảng",
    "năng",
    "khu",
    "công",
    "nghiệp",
    "kinh",
    "tế",
    "dự",
    "án",
];

/// Words that begin a unit's name.
const HEADS: &[&str] = &[
    "ủy ban nhân dân",
    "uỷ ban nhân dân",
    "hội đồng nhân dân",
    "ủy ban",
    "uỷ ban",
    "ubnd",
    "hđnd",
    "ubmttq",
    "mttq",
    "hội đồng",
    "mặt trận",
    "sở",
    "ban",
    "văn phòng",
    "phòng",
    "cục",
    "chi cục",
    "tổng cục",
    "bộ chỉ huy",
    "bộ",
    "công an",
    "thanh tra",
    "kho bạc",
    "đảng ủy",
    "đảng uỷ",
    "đảng đoàn",
    "tỉnh ủy",
    "tỉnh uỷ",
    "huyện ủy",
    "huyện uỷ",
    "thành ủy",
    "thành uỷ",
    "thị ủy",
    "thị uỷ",
    "quận ủy",
    "quận uỷ",
    "thường trực",
    "đoàn",
    "hội",
    "liên đoàn",
    "liên minh",
    "trung tâm",
    "báo",
    "đài",
    "bảo hiểm xã hội",
    "ngân hàng",
    "trường",
    "bệnh viện",
    "viện",
    "lực lượng vũ trang",
    "bộ đội",
    "cảnh sát",
    "chi nhánh",
    "tổ công tác",
    "quỹ",
    "đồng chí",
    "bch",
    "btv",
];

/// Heads that are a unit only before a capital ("Hội Nông dân", not "Hội
/// nghị"; "Bộ Tài chính", not "bộ máy").
const HEADS_BEFORE_CAPITAL: &[&str] = &[
    "hội",
    "đoàn",
    "báo",
    "trường",
    "viện",
    "quỹ",
    "bộ",
    "phòng",
    "hội đồng",
    "ủy ban",
    "uỷ ban",
    "mặt trận",
];

/// A word after a head that makes it no unit ("Ban hành", "Báo cáo").
const NOT_AFTER_HEAD: &[&str] = &[
    "hành", "chống", "ngừa", "nghị", "thảo", "kết", "viên", "hợp", "máy", "cáo", "luật", "đầu", "ngày", "đêm", "lãnh",
];

/// Groups named with "các": "các sở, ban, ngành", "UBND các huyện".
const GROUPS: &[&str] = &[
    "sở",
    "ban",
    "ngành",
    "cơ quan",
    "đơn vị",
    "địa phương",
    "huyện",
    "xã",
    "phường",
    "hội",
    "tổ chức",
    "cấp ủy",
    "cấp uỷ",
    "cấp",
    "phòng",
    "doanh nghiệp",
    "trường",
    "đoàn thể",
    "thành viên",
    "đồng chí",
    "chủ đầu tư",
    "quận",
    "thị xã",
    "thành phố",
];

/// Words that may follow a comma inside a group's name.
const GROUP_MORE: &[&str] = &[
    "ban",
    "ngành",
    "đoàn thể",
    "hội",
    "đơn vị",
    "cơ quan",
    "địa phương",
    "huyện",
    "thị xã",
    "thành phố",
    "quận",
    "xã",
    "phường",
    "thị trấn",
    "thị",
    "thành ủy",
    "thành uỷ",
    "mặt trận",
    "các",
];

/// The words of a text with where each starts and ends (punctuation but
/// "&" and a "-" inside a word are words of their own).
fn words(text: &str) -> Vec<(usize, &str)> {
    words_upto(text, usize::MAX)
}

/// The first `most` words of a text (or a few more): what a unit's name
/// or a phrase at the start needs, without reading the whole sentence.
fn words_upto(text: &str, most: usize) -> Vec<(usize, &str)> {
    let mut words = Vec::new();
    let mut start = None;
    for (at, c) in text.char_indices() {
        if words.len() >= most {
            return words;
        }
        let in_word = c.is_alphanumeric() || c == '&' || (c == '-' && start.is_some());
        match (in_word, start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                words.push((from, &text[from..at]));
                start = None;
            }
            _ => {}
        }
        if !in_word && !c.is_whitespace() {
            words.push((at, &text[at..at + c.len_utf8()]));
        }
    }
    if let Some(from) = start {
        words.push((from, &text[from..]));
    }
    words
}

/// A list of phrases by their first word, for [`phrase_at`].
struct Phrases {
    /// First word (lower case) → the phrases' words, longest first.
    by_first: rustc_hash::FxHashMap<&'static str, Vec<Vec<&'static str>>>,
}

impl Phrases {
    fn new(list: &'static [&'static str]) -> Phrases {
        let mut by_first: rustc_hash::FxHashMap<&'static str, Vec<Vec<&'static str>>> = Default::default();
        for phrase in list {
            let words: Vec<&'static str> = phrase.split(' ').collect();
            by_first.entry(words[0]).or_default().push(words);
        }
        for phrases in by_first.values_mut() {
            phrases.sort_by_key(|words| std::cmp::Reverse(words.len()));
        }
        Phrases { by_first }
    }
}

/// Whether a word, lower-cased, is `lower`.
fn is_word(word: &str, lower: &str) -> bool {
    word.chars().flat_map(char::to_lowercase).eq(lower.chars())
}

/// How many words at `from` make one of `phrases` (compared in lower
/// case), the longest that does.
fn phrase_at(words: &[(usize, &str)], from: usize, phrases: &Phrases) -> Option<usize> {
    let (_, first) = words.get(from)?;
    let candidates = phrases.by_first.get(first.to_lowercase().as_str())?;
    candidates
        .iter()
        .find(|phrase| {
            from + phrase.len() <= words.len()
                && phrase[1..]
                    .iter()
                    .zip(&words[from + 1..])
                    .all(|(want, (_, word))| is_word(word, want))
        })
        .map(Vec::len)
}

macro_rules! phrases {
    ($($name:ident = $list:ident;)*) => {
        $(static $name: std::sync::LazyLock<Phrases> = std::sync::LazyLock::new(|| Phrases::new($list));)*
    };
}

phrases! {
    TITLES_P = TITLES;
    ASSIGNING_P = ASSIGNING;
    ACTS_P = ACTS;
    NOT_ACTS_P = NOT_ACTS;
    HEADS_P = HEADS;
    GROUPS_P = GROUPS;
    GROUP_MORE_P = GROUP_MORE;
    OPENERS_P = OPENERS;
    UNIT_ASSIGNS_P = UNIT_ASSIGNS;
    HEADS_BEFORE_CAPITAL_P = HEADS_BEFORE_CAPITAL;
}

/// Words a sentence may start with and hold a task: the first words of
/// every unit's head, title and word of assigning.
static FIRST_WORDS: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> = std::sync::LazyLock::new(|| {
    HEADS
        .iter()
        .chain(TITLES)
        .chain(ASSIGNING)
        .filter_map(|phrase| phrase.split(' ').next())
        .chain(["các"])
        .collect()
});

/// Whether a sentence's first word may begin a task (a cheap test before
/// the sentence is read).
fn may_assign(sentence: &str, known: &[String]) -> bool {
    let first: String = sentence
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '&')
        .flat_map(char::to_lowercase)
        .collect();
    FIRST_WORDS.contains(first.as_str())
        || known
            .iter()
            .any(|name| name.split_whitespace().next().is_some_and(|word| is_word(word, &first)))
}

fn starts_with_any(text: &str, phrases: &Phrases) -> bool {
    let words = words_upto(text.trim_start(), 8);
    phrase_at(&words, 0, phrases).is_some()
}

fn is_capital(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// The unit whose name starts `text`, and the text after it.
fn unit_at<'t>(text: &'t str, known: &[String]) -> Option<(String, &'t str)> {
    let text = text.trim_start();
    // A unit the site lists, longest first, whatever its case here.
    if let Some(name) = known
        .iter()
        .filter(|name| {
            text.get(..name.len())
                .is_some_and(|start| start.to_lowercase() == name.to_lowercase())
                && text[name.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric())
        })
        .max_by_key(|name| name.len())
    {
        return Some((text[..name.len()].to_string(), &text[name.len()..]));
    }
    let all_words = words_upto(text, 3 * MAX_UNIT_WORDS);
    // "Giám đốc Sở …", "Chủ tịch UBND huyện …": the unit.
    let (text, all_words) = match phrase_at(&all_words, 0, &TITLES_P) {
        Some(count) if is_capital(all_words[0].1) && unit_head(&all_words[count..]).is_some() => {
            let start = all_words[count].0;
            (&text[start..], words_upto(&text[start..], 3 * MAX_UNIT_WORDS))
        }
        _ => (text, all_words),
    };
    let words = all_words;
    let head = unit_head(&words)?;
    let mut end = head;
    let mut count = head;
    while end < words.len() && count < MAX_UNIT_WORDS {
        let (_, word) = words[end];
        let previous = words[end - 1].1;
        let after_cac = previous.eq_ignore_ascii_case("các") || previous == "Các";
        if word == "," {
            // "các sở, ban, ngành", "các huyện, thị xã, thành phố".
            let in_group = words[..end].iter().any(|(_, w)| w.to_lowercase() == "các");
            if in_group && phrase_at(&words, end + 1, &GROUP_MORE_P).is_some() {
                end += 1;
                continue;
            }
            break;
        }
        if word == "-" || word == "–" {
            // "Lao động - Thương binh".
            if words.get(end + 1).is_some_and(|(_, next)| is_capital(next)) {
                end += 1;
                continue;
            }
            break;
        }
        if !word.chars().next().is_some_and(char::is_alphanumeric) {
            break;
        }
        let lower = word.to_lowercase();
        if lower == "và" {
            // "Sở Tài chính và Sở Xây dựng": two units.
            if unit_head(&words[end + 1..]).is_some() {
                break;
            }
            end += 1;
            continue;
        }
        if !after_cac
            && !is_capital(word)
            && (phrase_at(&words, end, &ACTS_P).is_some()
                || phrase_at(&words, end, &NOT_ACTS_P).is_some()
                || ENDS_NAME.contains(&lower.as_str())
                || phrase_at(&words, end, &ASSIGNING_P).is_some())
        {
            break;
        }
        let goes_on = is_capital(word)
            || word.chars().all(|c| c.is_ascii_digit())
            || is_capital(previous)
            || NAME_WORDS.contains(&lower.as_str())
            || after_cac;
        if !goes_on {
            break;
        }
        end += 1;
        count += 1;
    }
    // Trailing linking words belong to what follows.
    while end > head && matches!(words[end - 1].1.to_lowercase().as_str(), "và" | "các" | "-" | "–" | ",") {
        end -= 1;
    }
    if count >= MAX_UNIT_WORDS {
        return None;
    }
    let (last_start, last) = words[end - 1];
    let stop = last_start + last.len();
    Some((text[..stop].trim().to_string(), &text[stop..]))
}

/// How many words of `words` make a unit's head (with "các" and a
/// group), or `None` when they start no unit.
fn unit_head(words: &[(usize, &str)]) -> Option<usize> {
    let (_, first) = words.first()?;
    if first.to_lowercase() == "các" {
        let count = phrase_at(words, 1, &GROUPS_P)?;
        return Some(1 + count);
    }
    let count = phrase_at(words, 0, &HEADS_P)?;
    if !is_capital(first) {
        return None;
    }
    let before_capital = phrase_at(words, 0, &HEADS_BEFORE_CAPITAL_P) == Some(count);
    match words.get(count).map(|(_, word)| *word) {
        Some(next) if NOT_AFTER_HEAD.iter().any(|word| is_word(next, word)) => None,
        Some(next) if before_capital && !is_capital(next) && !is_word(next, "các") => None,
        None if before_capital => None,
        _ => Some(count),
    }
}

/// Units named one after another ("Sở A, Sở B và UBND các huyện"), and
/// the text after them.
fn unit_list<'t>(text: &'t str, known: &[String]) -> (Vec<String>, &'t str) {
    let mut units = Vec::new();
    let Some(mut found) = unit_at(text, known) else {
        return (units, text);
    };
    loop {
        let (unit, rest) = found;
        units.push(unit);
        let trimmed = rest.trim_start();
        let next = trimmed
            .strip_prefix(", và ")
            .or_else(|| trimmed.strip_prefix(",và "))
            .or_else(|| trimmed.strip_prefix("và "))
            .or_else(|| trimmed.strip_prefix(", "))
            .or_else(|| trimmed.strip_prefix(','));
        match next.and_then(|next| unit_at(next, known)) {
            Some(another) => found = another,
            None => return (units, rest),
        }
    }
}

/// The units after "phối hợp (với)" in a text.
fn assisting(text: &str) -> Vec<String> {
    static WITH: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)\bphối\s+hợp(?:\s+chặt\s+chẽ)?(?:\s+(?:với|cùng))?\s+").expect("a valid pattern")
    });
    // Found in the text itself, so every offset is the text's own (lower
    // case can be longer or shorter than the text).
    WITH.find_iter(text)
        .take(16)
        .flat_map(|found| unit_list(&text[found.end()..], &[]).0)
        .collect()
}

/// A heading that names a unit ("2. Ban dân vận cấp ủy các cấp"), its
/// whole text the name.
fn heading_unit(name: &str, known: &[String]) -> Option<String> {
    let words = words(name);
    if words.is_empty() || words.len() > 24 {
        return None;
    }
    if known.iter().any(|unit| unit.eq_ignore_ascii_case(name)) {
        return Some(name.to_string());
    }
    unit_head(&words)?;
    // Not a sentence: no act after the name's first words.
    let acts = (1..words.len()).any(|at| {
        let lower = words[at].1.to_lowercase();
        !is_capital(words[at].1)
            && !is_capital(words[at - 1].1)
            && (phrase_at(&words, at, &ACTS_P).is_some() || ENDS_NAME.contains(&lower.as_str()))
    });
    (!acts).then(|| name.to_string())
}

/// The sentence after a word of assigning at its start, if any.
fn after_word_of_assigning(sentence: &str) -> Option<&str> {
    let words = words_upto(sentence, 8);
    let count = phrase_at(&words, 0, &ASSIGNING_P)?;
    if !is_capital(words[0].1) {
        return None;
    }
    let (start, word) = words[count - 1];
    let rest = &sentence[start + word.len()..];
    // "Giao nhiệm vụ cho Sở …", "Giao trách nhiệm cho …".
    for filler in [" nhiệm vụ cho ", " trách nhiệm cho ", " cho "] {
        if let Some(after) = rest.strip_prefix(filler) {
            return Some(after);
        }
    }
    Some(rest)
}

/// A leading clause of time ("Trước ngày 30/6/2022, ", "Trong quý III, ",
/// "Thời gian tới, ") is passed over.
fn skip_time_clause(sentence: &str) -> &str {
    // Most sentences have no comma near their start: nothing to pass over.
    let Some(comma) = sentence.find(", ") else {
        return sentence;
    };
    if comma > 160 || !starts_with_any(sentence, &OPENERS_P) {
        return sentence;
    }
    match sentence.find(", ") {
        Some(at) if sentence[..at].split_whitespace().count() <= 10 => &sentence[at + 2..],
        _ => sentence,
    }
}

/// Drops a leading "1.", "2.1.", "a)", "-", "+", "•": whether there was one,
/// and the rest.
pub fn strip_numbering(text: &str) -> (bool, &str) {
    let text = text.trim_start();
    let mut chars = text.char_indices().peekable();
    if let Some(&(_, c)) = chars.peek()
        && matches!(c, '-' | '+' | '•' | '–' | '*' | '·')
    {
        let rest = &text[c.len_utf8()..];
        if rest.starts_with(' ') {
            return (true, rest.trim_start());
        }
    }
    // Digits and dots ("2.1."), or one letter or roman numeral, then "." or ")".
    let label_end = text
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || c == '.' || c.is_alphabetic()))
        .map_or(text.len(), |(at, _)| at);
    let label = &text[..label_end];
    let digits = !label.is_empty() && label.chars().all(|c| c.is_ascii_digit() || c == '.') && label.ends_with('.');
    let digits = digits && label.chars().next().is_some_and(|c| c.is_ascii_digit());
    if digits && text[label_end..].starts_with(' ') {
        return (true, text[label_end..].trim_start());
    }
    let short = label.chars().count() <= 4;
    if short && !label.is_empty() && text[label_end..].starts_with(") ") {
        return (true, text[label_end + 1..].trim_start());
    }
    let roman =
        !label.is_empty() && label.trim_end_matches('.').chars().all(|c| "IVX".contains(c)) && label.ends_with('.');
    if roman && text[label_end..].starts_with(' ') {
        return (true, text[label_end..].trim_start());
    }
    (false, text)
}

/// The sentences of a block: split after ". ", "! " or "? " before a
/// capital or a digit, but not after a capital ("TP. Hồ Chí Minh").
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (at, c) in text.char_indices() {
        if !matches!(c, '.' | '!' | '?') || bytes.get(at + 1) != Some(&b' ') {
            continue;
        }
        let next = text[at + 2..].chars().next();
        let previous = text[..at].chars().next_back();
        let previous_word = text[..at].rsplit(' ').next().unwrap_or("");
        let abbreviation = previous_word.chars().all(char::is_uppercase) && previous_word.chars().count() <= 3;
        if next.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            && previous.is_some_and(|c| !c.is_ascii_digit())
            && !abbreviation
        {
            out.push(&text[start..=at]);
            start = at + 2;
        }
    }
    out.push(&text[start..]);
    out
}

/// A task's text: at most [`MAX_TEXT`] characters, cut at a word.
fn trimmed(text: &str) -> String {
    let text = text.trim().trim_end_matches([';', ',']).trim();
    if text.chars().count() <= MAX_TEXT {
        return text.to_string();
    }
    let cut: String = text.chars().take(MAX_TEXT).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(kept, _)| kept);
    format!("{cut} …")
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn tasks(blocks: &[(BlockKind, &str)]) -> Vec<FoundTask> {
        let mut finder = Finder::new(date(2021, 4, 12), &[]);
        for (at, (kind, text)) in blocks.iter().enumerate() {
            finder.block(*kind, text, at, &format!("nhiem-vu-{at}"));
        }
        finder.found
    }

    fn one(text: &str) -> Vec<(String, Vec<String>, Option<Date>)> {
        tasks(&[(BlockKind::Paragraph, text)])
            .into_iter()
            .map(|task| (task.unit, task.with, task.due))
            .collect()
    }

    #[test]
    fn assigning_sentences() {
        assert_eq!(
            one(
                "Giao Sở Kế hoạch và Đầu tư chủ trì, phối hợp với Sở Tài chính, Sở Xây dựng nghiên cứu, đề xuất phương án, hoàn thành trước ngày 30/6/2022."
            ),
            [(
                "Sở Kế hoạch và Đầu tư".to_string(),
                vec!["Sở Tài chính".to_string(), "Sở Xây dựng".to_string()],
                Some(date(2022, 6, 30))
            )]
        );
        assert_eq!(
            one("Đề nghị Ban Dân vận các huyện, thị xã, thành phố báo cáo kết quả trước ngày 15/12/2021."),
            [(
                "Ban Dân vận các huyện, thị xã, thành phố".to_string(),
                vec![],
                Some(date(2021, 12, 15))
            )]
        );
        assert_eq!(
            one("Sở Nội vụ tham mưu UBND tỉnh kiện toàn tổ chức bộ máy trong quý III/2023."),
            [("Sở Nội vụ".to_string(), vec![], Some(date(2023, 9, 30)))]
        );
        assert_eq!(
            one("UBND các huyện, thị xã, thành phố chỉ đạo rà soát các dự án trong năm 2024."),
            [(
                "UBND các huyện, thị xã, thành phố".to_string(),
                vec![],
                Some(date(2024, 12, 31))
            )]
        );
        assert_eq!(
            one("Ban Thường vụ Tỉnh ủy giao Ban Tổ chức Tỉnh ủy hằng tháng báo cáo tiến độ."),
            [("Ban Tổ chức Tỉnh ủy".to_string(), vec![], None)]
        );
        assert_eq!(
            one("Trước ngày 30/6/2022, Sở Tài chính chủ trì thẩm định phương án."),
            [("Sở Tài chính".to_string(), vec![], Some(date(2022, 6, 30)))]
        );
        assert_eq!(
            one("Giao nhiệm vụ cho Ban cán sự đảng UBND tỉnh chỉ đạo rà soát, hoàn thành quý I/2022."),
            [("Ban cán sự đảng UBND tỉnh".to_string(), vec![], Some(date(2022, 3, 31)))]
        );
        assert_eq!(
            one("Giao Sở Giao thông vận tải và Sở Xây dựng rà soát quy hoạch. Hoàn thành trong tháng 3/2022."),
            [(
                "Sở Giao thông vận tải".to_string(),
                vec!["Sở Xây dựng".to_string()],
                Some(date(2022, 3, 31))
            )]
        );
    }

    #[test]
    fn what_is_no_task() {
        assert!(one("Sở Tài chính đã hoàn thành trước ngày 30/6/2021 việc quyết toán.").is_empty());
        assert!(one("Ngày 15/3/2022, Sở Y tế tổ chức hội nghị sơ kết.").is_empty());
        assert!(one("Ban Thường vụ Tỉnh ủy đánh giá cao Sở Y tế.").is_empty());
        assert!(one("Sau khi nghe Sở Tài chính báo cáo, Ban Thường vụ kết luận như sau:").is_empty());
        assert!(one("Đại diện Sở Nội vụ tham dự hội nghị.").is_empty());
        assert!(one("Hội nghị thống nhất cao với báo cáo.").is_empty());
        assert!(one("Ban hành quy chế trước ngày 30/6/2021.").is_empty());
    }

    #[test]
    fn numbered_blocks_under_a_unit() {
        let found = tasks(&[
            (BlockKind::Heading(3), "2. Ban dân vận cấp ủy các cấp"),
            (BlockKind::Paragraph, "2.1. Tăng cường công tác nắm tình hình nhân dân."),
            (
                BlockKind::Paragraph,
                "2.2. Tổ chức sơ kết, hoàn thành trong quý III/2021.",
            ),
            (BlockKind::Heading(3), "3. Công tác tham mưu"),
            (BlockKind::Paragraph, "3.1. Tham mưu ban hành kế hoạch."),
            (BlockKind::Paragraph, "Giao Sở Y tế thực hiện các nội dung sau:"),
            (BlockKind::Item, "Rà soát cơ sở khám chữa bệnh, trước ngày 30/9/2021;"),
            (BlockKind::Item, "Báo cáo UBND tỉnh hằng quý."),
        ]);
        let summary: Vec<(&str, Option<Date>, &str)> = found
            .iter()
            .map(|task| (task.unit.as_str(), task.due, task.anchor.as_str()))
            .collect();
        assert_eq!(
            summary,
            [
                ("Ban dân vận cấp ủy các cấp", None, "nhiem-vu-1"),
                ("Ban dân vận cấp ủy các cấp", Some(date(2021, 9, 30)), "nhiem-vu-2"),
                ("Sở Y tế", Some(date(2021, 9, 30)), "nhiem-vu-6"),
                ("Sở Y tế", None, "nhiem-vu-7"),
            ]
        );
        assert_eq!(found[3].every, Some(crate::model::task::Every::Quarter));
    }

    #[test]
    fn rows_of_a_task_table() {
        let mut finder = Finder::new(date(2021, 4, 12), &[]);
        let header: Vec<String> = ["TT", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn"]
            .map(String::from)
            .to_vec();
        let row = |cells: [&str; 5]| cells.map(String::from).to_vec();
        assert!(finder.table_row(
            &header,
            &row([
                "1",
                "Rà soát thủ tục",
                "Văn phòng UBND tỉnh",
                "Sở Nội vụ, Sở Tư pháp",
                "30/6/2021"
            ]),
            0,
            "a"
        ));
        assert!(finder.table_row(
            &header,
            &row(["2", "Khảo sát", "Sở Nội vụ", "", "Quý III/2021"]),
            0,
            "b"
        ));
        assert!(finder.table_row(&header, &row(["3", "Báo cáo", "Sở Nội vụ", "", "Hằng tháng"]), 0, "c"));
        assert!(!finder.table_row(&header, &row(["", "", "", "", ""]), 0, "d"));
        let summary: Vec<(&str, usize, Option<Date>)> = finder
            .found
            .iter()
            .map(|task| (task.unit.as_str(), task.with.len(), task.due))
            .collect();
        assert_eq!(
            summary,
            [
                ("Văn phòng UBND tỉnh", 2, Some(date(2021, 6, 30))),
                ("Sở Nội vụ", 0, Some(date(2021, 9, 30))),
                ("Sở Nội vụ", 0, None),
            ]
        );
        assert_eq!(finder.found[2].every, Some(crate::model::task::Every::Month));
        // A table of something else is no task.
        assert!(!finder.table_row(
            &["Chỉ tiêu".into(), "Kết quả".into()],
            &["a".into(), "b".into()],
            0,
            "e"
        ));
    }

    #[test]
    fn odd_text_is_read_in_bounded_time_without_panicking() {
        // Lower case longer than the text ("İ" → "i̇"), before the words
        // the reader looks for.
        let odd = "İİİ Ban Thường vụ İİ giao Sở Y tế phối hợp với Sở İ ";
        assert!(std::panic::catch_unwind(|| one(&odd.repeat(3))).is_ok());
        let mut finder = Finder::new(date(2021, 4, 12), &[]);
        let huge = format!("Giao Sở Tài chính {}", "phối hợp với Sở Xây dựng ".repeat(20_000));
        assert!(finder.block(BlockKind::Paragraph, &huge, 0, "a"));
        assert!(finder.found[0].with.len() <= 16);
        assert!(finder.found[0].text.chars().count() <= MAX_TEXT + 2);
    }

    #[test]
    fn numbering_is_dropped() {
        assert_eq!(strip_numbering("2.1. Tăng cường"), (true, "Tăng cường"));
        assert_eq!(strip_numbering("a) Rà soát"), (true, "Rà soát"));
        assert_eq!(strip_numbering("- Sở Y tế"), (true, "Sở Y tế"));
        assert_eq!(strip_numbering("II. Nhiệm vụ"), (true, "Nhiệm vụ"));
        assert_eq!(strip_numbering("Sở Y tế"), (false, "Sở Y tế"));
        assert_eq!(strip_numbering("30/6/2021 là hạn"), (false, "30/6/2021 là hạn"));
    }
}
