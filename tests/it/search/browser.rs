//! Search in Debian's headless Chromium (SPEC §7): Vietnamese with and
//! without diacritics, `d` for `đ`, exact diacritics first, document
//! numbers however typed, no match said plainly, and the page working when
//! opened from disk.

use crate::common::TestSite;

fn site() -> TestSite {
    let site = TestSite::new();
    let notices = [
        (
            "a.md",
            "1-TB/X",
            "2021-01-10",
            "Phát động phong trào Dân vận khéo",
            "Các địa phương nhân rộng mô hình.",
        ),
        (
            "b.md",
            "2-TB/X",
            "2021-02-10",
            "Công tác năm 2021",
            "Vận động nhân dân; khéo léo trong giao tiếp; dân chủ.",
        ),
        (
            "c.md",
            "3-TB/X",
            "2021-03-10",
            "Vùng đồng bào dân tộc thiểu số",
            "Chăm lo đời sống đồng bào.",
        ),
        (
            "d.md",
            "4-TB/X",
            "2021-04-10",
            "Báo cáo sơ kết",
            "Báo cáo kết quả quý I.",
        ),
        ("e.md", "5-TB/X", "2022-05-10", "Ý kiến của dân", "Lắng nghe dân."),
        (
            "f.md",
            "6-TB/X",
            "2022-06-10",
            "Hướng dẫn thực hiện",
            "Văn bản hướng dẫn.",
        ),
        (
            "g.md",
            "120-KL/TW",
            "2016-01-07",
            "Kết luận về quy chế dân chủ ở cơ sở",
            "Tiếp tục đẩy mạnh.",
        ),
    ];
    for (file, number, date, title, body) in notices {
        site.notice(
            file,
            &format!("title = \"{title}\"\nnumber = \"{number}\"\ndate = {date}"),
            body,
        );
    }
    site.build_ok(&[]);
    site
}

/// Runs a query on the search page at `base` and returns the result titles
/// and the status line.
fn search(tab: &headless_chrome::Tab, base: &str, query: &str) -> (Vec<String>, String) {
    let url = format!("{base}?q={}", query.replace(' ', "%20"));
    crate::common::browser::open(tab, &url);
    crate::common::browser::wait_for(
        tab,
        "(function(){var s=document.getElementById('search-status').textContent;return s?JSON.stringify({s:s,t:[...document.querySelectorAll('.search-title')].map(a=>a.textContent)}):'';})()",
        &format!("search results for {query:?}"),
        |value| {
            let parsed: serde_json::Value =
                serde_json::from_str(value.as_str().filter(|text| !text.is_empty())?).ok()?;
            let titles = parsed["t"]
                .as_array()?
                .iter()
                .map(|t| t.as_str().unwrap_or_default().to_string())
                .collect();
            Some((titles, parsed["s"].as_str()?.to_string()))
        },
    )
}

#[test]
fn vietnamese_queries_find_and_rank_as_readers_expect() {
    let profile = tempfile::tempdir().unwrap();
    let Some(browser) = crate::common::browser::chromium(profile.path()) else {
        return;
    };
    let site = site();
    let base = format!(
        "{}search/",
        crate::common::static_server::serve_folder(&site.path("public"))
    );
    let tab = browser.new_tab().unwrap();

    let (titles, status) = search(&tab, &base, "dan van kheo");
    assert_eq!(titles[0], "Phát động phong trào Dân vận khéo", "{titles:?} {status}");

    let (titles, _) = search(&tab, &base, "dong bao");
    assert_eq!(
        titles,
        ["Vùng đồng bào dân tộc thiểu số"],
        "d matches đ, and báo alone is not đồng bào"
    );
    assert!(!titles.iter().any(|t| t.starts_with("Báo cáo")));

    let (titles, _) = search(&tab, &base, "dân ");
    let exact = titles.iter().position(|t| t == "Ý kiến của dân").expect("dân found");
    let other = titles
        .iter()
        .position(|t| t == "Hướng dẫn thực hiện")
        .expect("dẫn found too");
    assert!(exact < other, "exact diacritics first: {titles:?}");

    for query in ["120 kl tw", "120-KL/TW", "120kltw"] {
        let (titles, _) = search(&tab, &base, query);
        assert_eq!(titles[0], "Kết luận về quy chế dân chủ ở cơ sở", "{query}: {titles:?}");
    }

    let (titles, status) = search(&tab, &base, "xyzzy");
    assert!(titles.is_empty());
    assert!(status.contains("Không tìm thấy văn bản nào"), "{status}");

    // Search as you type: the last word is a prefix.
    let (titles, _) = search(&tab, &base, "đồng b");
    assert_eq!(titles, ["Vùng đồng bào dân tộc thiểu số"]);

    // The results link to the notices.
    let href = tab
        .evaluate("document.querySelector('.search-title').getAttribute('href')", false)
        .unwrap()
        .value
        .unwrap();
    assert!(href.as_str().unwrap().ends_with("/2021/3-tb-x/"), "{href}");
}

#[test]
fn search_works_opened_from_disk() {
    let profile = tempfile::tempdir().unwrap();
    let Some(browser) = crate::common::browser::chromium(profile.path()) else {
        return;
    };
    let site = site();
    let page = format!("file://{}/", site.path("public/search/index.html").display())
        .trim_end_matches('/')
        .to_string();
    let tab = browser.new_tab().unwrap();
    let (titles, _) = search(&tab, &page, "dan van kheo");
    assert_eq!(titles[0], "Phát động phong trào Dân vận khéo");
    let href = tab
        .evaluate("document.querySelector('.search-title').href", false)
        .unwrap()
        .value
        .unwrap();
    assert!(
        href.as_str().unwrap().starts_with("file://") && href.as_str().unwrap().ends_with("/2021/1-tb-x/index.html"),
        "{href}"
    );
}

/// The validity filter works the state out in the browser for today: a
/// notice that takes effect after the build is found as in force once
/// that day has come.
#[test]
fn search_filters_by_validity_as_of_today() {
    let profile = tempfile::tempdir().unwrap();
    let Some(browser) = crate::common::browser::chromium(profile.path()) else {
        return;
    };
    let site = TestSite::new();
    site.notice(
        "a.md",
        "title = \"Dân vận cũ\"\nnumber = \"1-TB/X\"\ndate = 2021-01-10",
        "Dân vận.",
    );
    site.notice(
        "b.md",
        "title = \"Dân vận mới\"\nnumber = \"2-TB/X\"\ndate = 2022-01-10\nsupersedes = [\"1-TB/X\"]",
        "Dân vận.",
    );
    site.notice(
        "c.md",
        "title = \"Dân vận sắp tới\"\nnumber = \"3-TB/X\"\ndate = 2022-02-10\neffective = 2030-01-01",
        "Dân vận.",
    );
    site.build_as_of("2022-03-01");
    let base = format!(
        "{}search/",
        crate::common::static_server::serve_folder(&site.path("public"))
    );
    let tab = browser.new_tab().unwrap();
    let (titles, _) = search(&tab, &base, "dan van&validity=con-hieu-luc");
    assert_eq!(titles, ["Dân vận mới"]);
    let (titles, _) = search(&tab, &base, "dan van&validity=het-hieu-luc-toan-bo");
    assert_eq!(titles, ["Dân vận cũ"]);
    let (titles, _) = search(&tab, &base, "dan van&validity=chua-co-hieu-luc");
    assert_eq!(titles, ["Dân vận sắp tới"]);
    // In 2031 the third is in force too.
    let later = browser.new_tab().unwrap();
    later
        .call_method(headless_chrome::protocol::cdp::Page::AddScriptToEvaluateOnNewDocument {
            source: "(() => { const fixed = new Date('2031-01-01T12:00:00').getTime(); const Real = Date; class Fake extends Real { constructor(...a) { if (a.length === 0) super(fixed); else super(...a); } static now() { return fixed; } } window.Date = Fake; })();".to_string(),
            world_name: None,
            include_command_line_api: None,
            run_immediately: None,
        })
        .unwrap();
    let (mut titles, _) = search(&later, &base, "dan van&validity=con-hieu-luc");
    titles.sort();
    assert_eq!(titles, ["Dân vận mới", "Dân vận sắp tới"]);
}

/// A site where each ranking rule of SPEC §7 has a decoy that a ranking by
/// frequency, or by date, would put first.
fn ranking_site() -> TestSite {
    let site = TestSite::new();
    site.write("site.toml", "fields = [\"Giao thông\", \"Nông nghiệp\"]\n");
    let repeated = "Thủy lợi.\n\n".repeat(30);
    let notices: [(&str, &str, &str, &str, &str); 18] = [
        // The phrase in the title; "dân vận" repeated in the title and
        // "khéo" in the body; the words scattered in the title (each newer
        // than the one before).
        ("p1", "1-TB/P", "2020-01-05", "Dân vận khéo ở cơ sở", "Nội dung."),
        (
            "p2",
            "2-TB/P",
            "2021-01-05",
            "Dân vận, dân vận và dân vận",
            "Cán bộ khéo.",
        ),
        ("p3", "3-TB/P", "2022-01-05", "Khéo vận động dân", "Nội dung."),
        // The whole phrase in the body; its words apart in the tags, which
        // weigh more (tags below); and in the title, which comes first.
        (
            "f1",
            "1-TB/F",
            "2017-02-01",
            "Hội nghị tháng Ba",
            "Bàn về quy hoạch đô thị năm tới.",
        ),
        ("f2", "2-TB/F", "2022-02-01", "Hội nghị tháng Tư", "Nội dung."),
        (
            "f3",
            "3-TB/F",
            "2016-02-01",
            "Đô thị: quy hoạch giao thông",
            "Nội dung.",
        ),
        // Proximity: adjacent, one word between, two words between.
        ("w1", "1-TB/W", "2019-03-01", "Nông thôn mới", "Nội dung."),
        ("w2", "2-TB/W", "2020-03-01", "Nông thôn kiểu mới", "Nội dung."),
        ("w3", "3-TB/W", "2021-03-01", "Nông thôn và đổi mới", "Nội dung."),
        // Title over body, however often the body repeats it.
        ("t1", "1-TB/T", "2018-04-01", "Công trình thủy lợi", "Nội dung."),
        ("t2", "2-TB/T", "2023-04-01", "Báo cáo quý", &repeated),
        // The notice with the number, above one that names it in its
        // title and body.
        ("n1", "45-TB/VPTU", "2017-05-01", "Hội nghị giao ban", "Nội dung."),
        (
            "n2",
            "9-TB/VPTU",
            "2023-05-01",
            "Thực hiện Thông báo 45-TB/VPTU",
            "Theo Thông báo số 45-TB/VPTU, các đơn vị báo cáo.",
        ),
        // Exact diacritics first, the newer first when the query has none.
        ("d1", "1-TB/D", "2016-06-01", "Mở đường giao thông", "Nội dung."),
        ("d2", "2-TB/D", "2024-06-01", "Đại dương xanh", "Nội dung."),
        // Same words, different dates: the newer first.
        ("s1", "1-TB/S", "2015-07-01", "Chăm sóc cây chè", "Nội dung."),
        ("s2", "2-TB/S", "2016-07-01", "Chăm sóc cây chè", "Nội dung."),
        // A word that only begins like "dan" (Đảng).
        ("z1", "1-TB/Z", "2015-08-01", "Đảng bộ tỉnh họp", "Nội dung."),
    ];
    for (file, number, date, title, body) in notices {
        let field = match file {
            "d1" => "\nfield = \"Giao thông\"",
            "w3" => "\nfield = \"Nông nghiệp\"",
            "f2" => "\ntags = [\"Đô thị\", \"Quy hoạch vùng\"]",
            _ => "",
        };
        site.notice(
            &format!("{file}.md"),
            &format!("title = \"{title}\"\nnumber = \"{number}\"\ndate = {date}{field}"),
            body,
        );
    }
    site.build_ok(&[]);
    site
}

#[test]
fn ranking_follows_the_rules_a_reader_expects() {
    let profile = tempfile::tempdir().unwrap();
    let Some(browser) = crate::common::browser::chromium(profile.path()) else {
        return;
    };
    let site = ranking_site();
    let base = format!(
        "{}search/",
        crate::common::static_server::serve_folder(&site.path("public"))
    );
    let tab = browser.new_tab().unwrap();

    // Phrase over frequency: "dân vận" three times does not beat the
    // phrase; a title with every word comes before a body with one.
    let (titles, _) = search(&tab, &base, "dan van kheo");
    assert_eq!(
        titles,
        [
            "Dân vận khéo ở cơ sở",
            "Khéo vận động dân",
            "Dân vận, dân vận và dân vận"
        ]
    );
    // The words in the title first; then the whole phrase, even in the
    // body, above its words apart in fields that weigh more.
    let (titles, _) = search(&tab, &base, "quy hoạch đô thị");
    assert_eq!(
        titles,
        ["Đô thị: quy hoạch giao thông", "Hội nghị tháng Ba", "Hội nghị tháng Tư"]
    );
    // Adjacent in order, then one word between, then further apart.
    let (titles, _) = search(&tab, &base, "nông thôn mới");
    assert_eq!(titles, ["Nông thôn mới", "Nông thôn kiểu mới", "Nông thôn và đổi mới"]);
    // Title over body: thirty times in the body stops paying.
    let (titles, _) = search(&tab, &base, "thuy loi");
    assert_eq!(titles, ["Công trình thủy lợi", "Báo cáo quý"]);
    // The document number first, however it is typed.
    for query in ["45-TB/VPTU", "45 tb vptu", "45TB/VPTU", "45 - TB / VPTU"] {
        let (titles, _) = search(&tab, &base, query);
        assert_eq!(
            titles.first().map(String::as_str),
            Some("Hội nghị giao ban"),
            "{query}: {titles:?}"
        );
        assert!(
            titles.contains(&"Thực hiện Thông báo 45-TB/VPTU".to_string()),
            "{query}: {titles:?}"
        );
    }
    // Exact diacritics first; without them, the newer first.
    let (titles, _) = search(&tab, &base, "đường");
    assert_eq!(titles, ["Mở đường giao thông", "Đại dương xanh"]);
    let (titles, _) = search(&tab, &base, "dương");
    assert_eq!(titles, ["Đại dương xanh", "Mở đường giao thông"]);
    let (titles, _) = search(&tab, &base, "duong");
    assert_eq!(titles, ["Đại dương xanh", "Mở đường giao thông"]);
    let (titles, _) = search(&tab, &base, "cham soc cay che");
    assert_eq!(titles.len(), 2);
    let href = tab
        .evaluate("document.querySelector('.search-title').getAttribute('href')", false)
        .unwrap()
        .value
        .unwrap();
    assert!(href.as_str().unwrap().ends_with("/2016/2-tb-s/"), "newer first: {href}");

    // Filter by field (the page's options, in the order of the list).
    let options = tab
        .evaluate(
            "[...document.querySelectorAll('#search-field option')].map(o => o.textContent).join('|')",
            false,
        )
        .unwrap()
        .value
        .unwrap();
    assert_eq!(options.as_str().unwrap(), "Tất cả|Giao thông|Nông nghiệp");
    let (titles, _) = search(&tab, &base, "duong&field=0");
    assert_eq!(titles, ["Mở đường giao thông"]);
    let (titles, _) = search(&tab, &base, "moi&field=1");
    assert_eq!(titles, ["Nông thôn và đổi mới"]);

    // A query opened from a link is whole words: "dan" is not "Đảng"…
    let (titles, _) = search(&tab, &base, "dan");
    assert!(!titles.contains(&"Đảng bộ tỉnh họp".to_string()), "{titles:?}");
    assert!(titles.contains(&"Dân vận khéo ở cơ sở".to_string()), "{titles:?}");
    // …but as the reader types, the last word is the start of one.
    crate::common::browser::open(&tab, &base);
    crate::common::browser::wait_for(
        &tab,
        "document.getElementById('search-app').getAttribute('data-ready')",
        "the search page",
        |value| (value.as_str() == Some("true")).then_some(()),
    );
    tab.find_element("#search-query").unwrap().type_into("dan").unwrap();
    crate::common::browser::wait_for(
        &tab,
        "[...document.querySelectorAll('.search-title')].map(a => a.textContent).join('|')",
        "results while typing",
        |value| value.as_str()?.contains("Đảng bộ tỉnh họp").then_some(()),
    );
}
