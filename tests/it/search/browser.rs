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
