//! Generates a deterministic archive of N notices in thongbao's format, for
//! benchmarks: `cargo run --release --example gen-corpus -- --notices 10000 --out DIR`.
//!
//! Twenty years (2006–2025), about 40 issuers (Party and State, numbering
//! restarting every year), 200 signers, 150 tags, Vietnamese bodies of 1–4
//! KB with headings, lists and occasional tables, and about three citations
//! each, most of them to earlier notices of the corpus, worded as the
//! relations of SPEC §8 are ("Căn cứ …", "Sửa đổi, bổ sung mục 2 …",
//! "Hướng dẫn thực hiện …", "Bãi bỏ khoản 3 mục II …", "Đính chính …",
//! "Tạm ngưng hiệu lực mục 1 …", and decoys that stay citations), and
//! tasks in about one notice of three ("Giao … chủ trì, phối hợp với …
//! hoàn thành trước ngày …", "Đề nghị …", "… tham mưu … trong quý III").
//! One notice in 29
//! replaces (`supersedes`) the notice of the same number of an earlier year,
//! as offices do when numbers restart: half of these entries undated (the
//! newest other notice of that number), half with the date. The same
//! arguments always give the same files.
//!
//! `--relevance` plants, from a generator of its own, what the search
//! relevance set (`bench/relevance/queries.tsv`, `examples/search-compare.rs`)
//! asks about: rarer topics in some titles and bodies, and the traps a
//! ranking must not fall into — a title repeating two words of a topic whose
//! last word only the body has, a topic's words scattered over sentences,
//! and words that fold to the same letters as a topic's (`người dân đầu tư`
//! for "dẫn đầu", `đồng bào Mường thoát nghèo` for "mương thoát nước").
//!
//! `--zola DIR` also writes the same notices as the content of a Zola site
//! (`DIR/content`), for `bench/compare.sh`: Zola refuses front matter keys
//! it does not know, so the notice's own fields go under `[extra]` and its
//! issuer, kind, signer and tags under `[taxonomies]`.

use std::fmt::Write as _;
use std::path::PathBuf;

const YEARS: std::ops::RangeInclusive<i32> = 2006..=2025;

const BODIES: &[(&str, &str, bool)] = &[
    ("Ban Dân vận Tỉnh ủy", "BDVTU", true),
    ("Ban Tuyên giáo Tỉnh ủy", "BTGTU", true),
    ("Ban Tổ chức Tỉnh ủy", "BTCTU", true),
    ("Ủy ban Kiểm tra Tỉnh ủy", "UBKTTU", true),
    ("Văn phòng Tỉnh ủy", "VPTU", true),
    ("Ban Thường vụ Tỉnh ủy", "TU", true),
    ("Ban Nội chính Tỉnh ủy", "BNCTU", true),
    ("Đảng ủy Khối cơ quan tỉnh", "ĐUK", true),
    ("Huyện ủy Bình Sơn", "HU", true),
    ("Huyện ủy Sơn Tịnh", "HUST", true),
    ("Thành ủy Quảng Ngãi", "ThU", true),
    ("Thị ủy Đức Phổ", "TxU", true),
    ("Huyện ủy Tư Nghĩa", "HUTN", true),
    ("Huyện ủy Nghĩa Hành", "HUNH", true),
    ("Huyện ủy Mộ Đức", "HUMĐ", true),
    ("Huyện ủy Ba Tơ", "HUBT", true),
    ("Huyện ủy Minh Long", "HUML", true),
    ("Huyện ủy Sơn Hà", "HUSH", true),
    ("Huyện ủy Trà Bồng", "HUTB", true),
    ("Huyện ủy Lý Sơn", "HULS", true),
    ("Ủy ban nhân dân tỉnh", "UBND", false),
    ("Sở Nội vụ", "SNV", false),
    ("Sở Tài chính", "STC", false),
    ("Sở Kế hoạch và Đầu tư", "SKHĐT", false),
    ("Sở Giáo dục và Đào tạo", "SGDĐT", false),
    ("Sở Y tế", "SYT", false),
    ("Sở Tài nguyên và Môi trường", "STNMT", false),
    ("Sở Xây dựng", "SXD", false),
    ("Sở Giao thông vận tải", "SGTVT", false),
    ("Sở Nông nghiệp và Phát triển nông thôn", "SNN", false),
    ("Sở Lao động - Thương binh và Xã hội", "SLĐTBXH", false),
    ("Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL", false),
    ("Sở Tư pháp", "STP", false),
    ("Sở Công Thương", "SCT", false),
    ("Thanh tra tỉnh", "TTr", false),
    ("Ủy ban nhân dân huyện Bình Sơn", "UBND-BS", false),
    ("Ủy ban nhân dân huyện Sơn Tịnh", "UBND-ST", false),
    ("Ủy ban nhân dân thành phố Quảng Ngãi", "UBND-TP", false),
    ("Ủy ban nhân dân thị xã Đức Phổ", "UBND-ĐP", false),
    ("Ban Quản lý Khu kinh tế Dung Quất", "BQL", false),
];

const FAMILY: &[&str] = &["Nguyễn", "Trần", "Lê", "Phạm", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Huỳnh"];
const MIDDLE: &[&str] = &[
    "Văn", "Thị", "Thanh", "Minh", "Quang", "Đức", "Hữu", "Ngọc", "Xuân", "Phước",
];
const GIVEN: &[&str] = &[
    "An", "Bình", "Hạnh", "Hùng", "Lan", "Minh", "Phong", "Sơn", "Tâm", "Vinh", "Hà", "Khoa",
];
const TITLES: &[&str] = &[
    "Trưởng Ban",
    "Phó Trưởng Ban",
    "Bí thư",
    "Phó Bí thư",
    "Chủ tịch",
    "Phó Chủ tịch",
    "Giám đốc",
    "Chánh Văn phòng",
];
const TOPICS: &[&str] = &[
    "Dân vận khéo",
    "Quy chế dân chủ ở cơ sở",
    "Công tác dân tộc",
    "Công tác tôn giáo",
    "Cải cách hành chính",
    "Giải phóng mặt bằng",
    "Bầu cử",
    "Xây dựng Đảng",
    "Phòng, chống tham nhũng",
    "Nông thôn mới",
    "Chuyển đổi số",
    "Giáo dục",
    "Y tế",
    "An sinh xã hội",
    "Quốc phòng, an ninh",
];
const SUFFIXES: &[&str] = &[
    "cấp tỉnh",
    "cơ sở",
    "vùng đồng bào dân tộc thiểu số",
    "khu công nghiệp",
    "miền núi",
    "ven biển",
    "đô thị",
    "trong trường học",
    "năm mới",
    "giai đoạn mới",
];
/// Topics rarer than [`TOPICS`], planted with `--relevance`.
const RARE: &[&str] = &[
    "Dân vận khéo",
    "kênh mương nội đồng",
    "sạt lở bờ biển",
    "nước sạch nông thôn",
    "hợp tác xã kiểu mới",
    "trồng rừng gỗ lớn",
    "phòng, chống thiên tai",
    "an toàn thực phẩm",
    "tinh giản biên chế",
    "sáp nhập thôn, tổ dân phố",
    "xóa nhà tạm, nhà dột nát",
    "đường giao thông nông thôn",
    "dẫn đầu phong trào thi đua",
    "chợ đầu mối nông sản",
    "mương thoát nước",
    "thu hút đầu tư",
    "bảo tồn di tích lịch sử",
    "khám chữa bệnh bảo hiểm y tế",
    "học sinh bỏ học",
    "đất rừng phòng hộ",
    "tuyến đường biển",
];
/// Sentences whose words fold to those of a [`RARE`] topic's words but are
/// other words: "dân đầu" is not "dẫn đầu".
const TWINS: &[&str] = &[
    "Khuyến khích người dân đầu tư sản xuất, kinh doanh.",
    "Hỗ trợ đồng bào Mường thoát nghèo bền vững.",
    "Theo dõi tàu cá hoạt động ở Thái Bình Dương, biển Đông.",
];
/// Titles that repeat two words of "Dân vận khéo" whose last word only the
/// body has.
const REPEATING: &[&str] = &[
    "Về công tác dân vận, dân vận chính quyền và dân vận cơ sở",
    "Nâng cao chất lượng dân vận, đổi mới công tác dân vận trong tình hình mới",
];

/// Plants a `--relevance` topic or trap in one notice, from its own
/// generator.
fn plant(rng: &mut fastrand::Rng, title: &mut String, body: &mut String) {
    let topic = RARE[rng.usize(..RARE.len())];
    let suffix = SUFFIXES[rng.usize(..SUFFIXES.len())];
    match rng.u8(..100) {
        0..8 => *title = format!("Thông báo kết luận về {} {suffix}", topic.to_lowercase()),
        8..20 => {
            let _ = writeln!(
                body,
                "\n{} {} {suffix}.",
                VERBS[rng.usize(..VERBS.len())],
                topic.to_lowercase()
            );
        }
        20..23 => {
            *title = REPEATING[rng.usize(..REPEATING.len())].to_string();
            let _ = writeln!(body, "\nCách làm khéo được nhân rộng.");
        }
        23..28 => {
            // The topic's words, one to a sentence, never next to each other.
            for word in topic.split([' ', ',']).filter(|word| !word.is_empty()) {
                let _ = write!(body, "\n{} {word} của địa phương.", VERBS[rng.usize(..VERBS.len())]);
            }
            body.push('\n');
        }
        28..31 => {
            let _ = writeln!(body, "\n{}", TWINS[rng.usize(..TWINS.len())]);
        }
        _ => {}
    }
}

const PHRASES: &[&str] = &[
    "công tác dân vận của hệ thống chính trị",
    "đồng bào dân tộc thiểu số",
    "các cơ quan, đơn vị, địa phương",
    "tình hình, tâm trạng nhân dân",
    "kiến nghị, đề xuất chính đáng của nhân dân",
    "phong trào thi đua yêu nước",
    "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
    "các tổ chức chính trị - xã hội",
    "chính quyền các cấp",
    "công tác giám sát, phản biện xã hội",
    "việc thực hiện Quy chế dân chủ ở cơ sở",
    "công tác bồi thường, hỗ trợ, tái định cư",
    "người có uy tín trong cộng đồng",
    "nhiệm vụ trọng tâm của năm",
    "chương trình mục tiêu quốc gia",
];
const VERBS: &[&str] = &[
    "Tiếp tục triển khai thực hiện",
    "Tăng cường theo dõi, nắm bắt",
    "Chủ động phối hợp giải quyết",
    "Đẩy mạnh tuyên truyền về",
    "Kịp thời tham mưu cấp ủy chỉ đạo",
    "Nâng cao chất lượng, hiệu quả",
    "Tổ chức sơ kết, tổng kết",
    "Rà soát, đánh giá kết quả",
];

struct Notice {
    number: String,
    year: i32,
    month: u32,
    day: u32,
}

fn pick<'a>(rng: &mut fastrand::Rng, items: &[&'a str]) -> &'a str {
    items[rng.usize(..items.len())]
}

fn sentence(rng: &mut fastrand::Rng) -> String {
    format!("{} {} {}.", pick(rng, VERBS), pick(rng, PHRASES), pick(rng, SUFFIXES))
}

fn paragraph(rng: &mut fastrand::Rng, sentences: usize) -> String {
    (0..sentences).map(|_| sentence(rng)).collect::<Vec<_>>().join(" ")
}

fn main() {
    let mut notices_wanted = 1000usize;
    let mut out = PathBuf::from("corpus");
    let mut seed = 2021u64;
    let mut zola: Option<PathBuf> = None;
    let mut relevance = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--notices" => notices_wanted = args.next().and_then(|n| n.parse().ok()).expect("--notices N"),
            "--out" => out = PathBuf::from(args.next().expect("--out DIR")),
            "--seed" => seed = args.next().and_then(|n| n.parse().ok()).expect("--seed N"),
            "--zola" => zola = Some(PathBuf::from(args.next().expect("--zola DIR"))),
            "--relevance" => relevance = true,
            other => {
                panic!("unknown argument {other}; use --notices N --out DIR [--seed N] [--zola DIR] [--relevance]")
            }
        }
    }
    let mut rng = fastrand::Rng::with_seed(seed);
    let signers: Vec<String> = (0..200)
        .map(|i| {
            format!(
                "{} {} {}",
                FAMILY[i % FAMILY.len()],
                MIDDLE[(i / FAMILY.len()) % MIDDLE.len()],
                GIVEN[(i * 7) % GIVEN.len()]
            )
        })
        .collect();
    let tags: Vec<String> = (0..150)
        .map(|i| {
            format!(
                "{} {}",
                TOPICS[i % TOPICS.len()],
                SUFFIXES[i / TOPICS.len() % SUFFIXES.len()]
            )
        })
        .collect();

    std::fs::create_dir_all(out.join("content")).expect("output folder");
    std::fs::write(
        out.join("site.toml"),
        "title = \"Kho thông báo kết luận (dữ liệu thử)\"\npaginate_by = 30\n[references]\nexternal_url = \"http://vanban.local/tim?so={number}\"\n",
    )
    .unwrap();

    let years: Vec<i32> = YEARS.collect();
    let per_year = notices_wanted.div_ceil(years.len());
    let mut made: Vec<Notice> = Vec::with_capacity(notices_wanted);
    let mut counters = vec![0u32; BODIES.len()];
    // The last notice made with each number: what a later one replaces.
    let mut by_number: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for index in 0..notices_wanted {
        let year = years[(index / per_year).min(years.len() - 1)];
        if index % per_year == 0 {
            counters.iter_mut().for_each(|counter| *counter = 0);
        }
        // Dates advance through the year so each issuer's numbers grow with them.
        let progress = (index % per_year) as f64 / per_year as f64;
        let day_of_year = (progress * 360.0) as u32;
        let (month, day) = (day_of_year / 30 + 1, day_of_year % 28 + 1);
        let body_index = rng.usize(..BODIES.len());
        let (issuer, code, party) = BODIES[body_index];
        counters[body_index] += 1;
        let serial = counters[body_index];
        let kind_code = ["TB", "TB", "TB", "KL", "CV"][rng.usize(..5)];
        let number = if party {
            format!("{serial}-{kind_code}/{code}")
        } else {
            format!("{serial}/{kind_code}-{code}")
        };
        let kind = match kind_code {
            "KL" => "Kết luận",
            "CV" => "Công văn",
            _ => "Thông báo kết luận",
        };
        let signer = &signers[rng.usize(..signers.len())];
        let signer_title = pick(&mut rng, TITLES);
        let tag_count = rng.usize(1..=3);
        let mut my_tags: Vec<&str> = (0..tag_count).map(|_| tags[rng.usize(..tags.len())].as_str()).collect();
        my_tags.sort();
        my_tags.dedup();

        let mut body = String::new();
        let _ = writeln!(
            body,
            "Ngày {day:02}/{month:02}/{year}, {issuer} tổ chức hội nghị. {}\n",
            paragraph(&mut rng, 2)
        );
        let sections = rng.usize(2..=4);
        let mut cited = 0;
        for section in 0..sections {
            let roman = ["I", "II", "III", "IV"][section];
            let _ = writeln!(body, "## {roman}. {}\n", sentence(&mut rng).trim_end_matches('.'));
            let sentences = rng.usize(2..=5);
            let _ = writeln!(body, "{}\n", paragraph(&mut rng, sentences));
            // About three citations per notice, most of earlier notices.
            while cited < 3 && rng.bool() {
                cited += 1;
                if made.is_empty() || rng.u8(..100) < 15 {
                    let _ = write!(
                        body,
                        "Thực hiện Nghị định số {}/{}/NĐ-CP của Chính phủ, ",
                        rng.u32(1..200),
                        rng.i32(2006..=year)
                    );
                } else {
                    let target = &made[rng.usize(made.len().saturating_sub(2000)..made.len())];
                    let cited = format!(
                        "Thông báo số {} ngày {:02}/{:02}/{}",
                        target.number, target.day, target.month, target.year
                    );
                    // The wording of every relation (SPEC §8) at the rates
                    // offices write them, and decoys that stay citations.
                    let wording = match rng.u8(..100) {
                        0..55 => format!("Căn cứ {cited}, "),
                        55..75 => format!("Theo văn bản số {} ", target.number),
                        75..83 => format!("Sửa đổi, bổ sung mục 2 {cited} như sau: "),
                        83..88 => format!("Hướng dẫn thực hiện {cited}: "),
                        88..91 => format!("Bãi bỏ khoản 3 mục II {cited}. "),
                        91..93 => format!("Đính chính {cited}: "),
                        93..94 => format!("Tạm ngưng hiệu lực mục 1 {cited}. "),
                        _ => format!("Các đơn vị đã sửa đổi quy trình theo {cited}. "),
                    };
                    body.push_str(&wording);
                }
                let _ = writeln!(body, "{}\n", paragraph(&mut rng, 1));
            }
            if rng.u8(..100) < 40 {
                for item in 1..=rng.usize(2..=4) {
                    let _ = writeln!(body, "{item}. {}", sentence(&mut rng));
                }
                body.push('\n');
            }
            if rng.u8(..100) < 10 {
                body.push_str("| Nhiệm vụ | Đơn vị chủ trì | Thời hạn |\n| --- | --- | --- |\n");
                for _ in 0..rng.usize(2..=4) {
                    let _ = writeln!(
                        body,
                        "| {} | {} | {:02}/{}/{} |",
                        pick(&mut rng, VERBS),
                        BODIES[rng.usize(..BODIES.len())].0,
                        rng.u32(1..=28),
                        rng.u32(1..=12),
                        year
                    );
                }
                body.push('\n');
            }
        }
        // Tasks (SPEC §9) in about one notice of three, from a generator of
        // their own so that every other field stays what it was.
        let mut tasks_rng = fastrand::Rng::with_seed(seed ^ (index as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
        if tasks_rng.u8(..100) < 35 {
            let _ = writeln!(
                body,
                "## {}. Nhiệm vụ thời gian tới\n",
                if sections < 4 { "IV" } else { "V" }
            );
            for item in 1..=tasks_rng.usize(1..=3) {
                let unit = BODIES[tasks_rng.usize(..BODIES.len())].0;
                let other = BODIES[tasks_rng.usize(..BODIES.len())].0;
                let what = PHRASES[tasks_rng.usize(..PHRASES.len())];
                let due = match tasks_rng.u8(..5) {
                    0 => format!(
                        "trước ngày {:02}/{:02}/{}",
                        tasks_rng.u32(1..=28),
                        tasks_rng.u32(1..=12),
                        year + 1
                    ),
                    1 => format!("trong quý {}/{year}", ["I", "II", "III", "IV"][tasks_rng.usize(..4)]),
                    2 => format!("trong tháng {}/{}", tasks_rng.u32(1..=12), year + 1),
                    3 => "hằng tháng".to_string(),
                    _ => format!("trong năm {}", year + 1),
                };
                let _ = match tasks_rng.u8(..3) {
                    0 => writeln!(
                        body,
                        "{item}. Giao {unit} chủ trì, phối hợp với {other} rà soát {what}, hoàn thành {due}."
                    ),
                    1 => writeln!(body, "{item}. Đề nghị {unit} triển khai {what}, báo cáo kết quả {due}."),
                    _ => writeln!(body, "{item}. {unit} tham mưu thực hiện {what} {due}."),
                };
            }
            body.push('\n');
        }
        let tags_toml = my_tags
            .iter()
            .map(|tag| format!("{tag:?}"))
            .collect::<Vec<_>>()
            .join(", ");
        let mut title = format!(
            "Kết luận của {signer_title} {issuer} tại hội nghị về {}",
            pick(&mut rng, PHRASES)
        );
        if relevance {
            let mut planting = fastrand::Rng::with_seed(seed ^ (index as u64).wrapping_mul(0xd1b5_4a32_d192_ed03));
            plant(&mut planting, &mut title, &mut body);
        }
        let recipients = format!(
            "[\"Thường trực Tỉnh ủy (b/c)\", \"{}\", \"Lưu Văn phòng\"]",
            BODIES[rng.usize(..BODIES.len())].0
        );
        let date = format!("{year}-{month:02}-{day:02}");
        // Chosen by position, not by the random generator, so every other
        // field is what it was before supersedes were generated.
        let supersedes = match by_number.get(&number).map(|&earlier| &made[earlier]) {
            Some(earlier) if index % 29 == 7 && earlier.year < year => {
                if index % 2 == 0 {
                    format!("supersedes = [\"{number}\"]\n")
                } else {
                    format!(
                        "supersedes = [\"{number} ngày {:02}/{:02}/{}\"]\n",
                        earlier.day, earlier.month, earlier.year
                    )
                }
            }
            _ => String::new(),
        };
        let notice = format!(
            "+++\ntitle = \"{title}\"\nnumber = \"{number}\"\ndate = {date}\nkind = \"{kind}\"\nissuer = \"{issuer}\"\nplace = \"Quảng Ngãi\"\nsigner = \"{signer}\"\nsigner_title = \"{signer_title}\"\nrecipients = {recipients}\ntags = [{tags_toml}]\n{supersedes}+++\n\n{body}",
        );
        let slug: String = number
            .to_lowercase()
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '-' })
            .collect();
        let folder = out.join("content").join(year.to_string());
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join(format!("{slug}.md")), notice).unwrap();
        if let Some(zola) = &zola {
            let folder = zola.join("content").join(year.to_string());
            // A year's first notice: the year's section, made once.
            if index % per_year == 0 {
                std::fs::create_dir_all(&folder).unwrap();
                // Transparent: the year's notices are also the home page's.
                std::fs::write(
                    folder.join("_index.md"),
                    format!("+++\ntitle = \"{year}\"\nsort_by = \"date\"\npaginate_by = 30\ntransparent = true\n+++\n"),
                )
                .unwrap();
            }
            let notice = format!(
                "+++\ntitle = \"{title}\"\ndate = {date}\n\n[taxonomies]\nissuer = [\"{issuer}\"]\nkind = [\"{kind}\"]\nsigner = [\"{signer}\"]\ntags = [{tags_toml}]\n\n[extra]\nnumber = \"{number}\"\nplace = \"Quảng Ngãi\"\nsigner_title = \"{signer_title}\"\nrecipients = {recipients}\n+++\n\n{body}",
            );
            std::fs::write(folder.join(format!("{slug}.md")), notice).unwrap();
        }
        by_number.insert(number.clone(), made.len());
        made.push(Notice {
            number,
            year,
            month,
            day,
        });
    }
    if let Some(zola) = &zola {
        std::fs::write(
            zola.join("content").join("_index.md"),
            "+++\ntitle = \"Thông báo kết luận\"\nsort_by = \"date\"\npaginate_by = 30\n+++\n",
        )
        .unwrap();
    }
    eprintln!("wrote {} notices to {}", made.len(), out.display());
}
