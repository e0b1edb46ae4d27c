//! In a real headless Chromium: a notice page open in a tab reloads by
//! itself to the new text when the notice file changes, and shows a
//! broken notice's error over the last good page.

use crate::common::TestSite;

/// Waits until a JavaScript expression that yields a boolean is true.
fn wait_until(tab: &headless_chrome::Tab, expression: &str, what: &str) {
    crate::common::browser::wait_for(tab, expression, what, |value| {
        value.as_bool().filter(|&yes| yes).map(|_| ())
    });
}

#[test]
fn an_open_tab_reloads_to_the_new_text_and_shows_errors() {
    let profile = tempfile::tempdir().unwrap();
    let Some(browser) = crate::common::browser::chromium(profile.path()) else {
        return;
    };
    let site = TestSite::new();
    site.simple("2021/a.md", "45-TB/BDVTU", "2021-04-12", "Tiêu đề ban đầu");
    let server = crate::common::server::Server::start(site.root());
    let base = server.base.clone();

    let tab = browser.new_tab().unwrap();
    tab.navigate_to(&format!("{base}2021/45-tb-bdvtu/"))
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    wait_until(
        &tab,
        "document.body.innerText.includes('Tiêu đề ban đầu')",
        "the first page",
    );
    // Connected to the event stream before anything changes.
    wait_until(
        &tab,
        "document.documentElement.dataset.thongbaoLive === 'connected'",
        "the event stream",
    );
    // A mark that survives only as long as the page is not reloaded.
    tab.evaluate("window.notReloaded = true", false).unwrap();

    site.simple("2021/a.md", "45-TB/BDVTU", "2021-04-12", "Tiêu đề đã sửa");
    wait_until(
        &tab,
        "window.notReloaded === undefined && document.body.innerText.includes('Tiêu đề đã sửa')",
        "the tab to reload to the new text",
    );

    site.write(
        "content/2021/a.md",
        "+++\ntitle = \"Hỏng\"\nnumber = \"45-TB/BDVTU\"\ndate = 2021-02-30\n+++\n",
    );
    wait_until(
        &tab,
        "!!document.getElementById('thongbao-build-errors') && document.getElementById('thongbao-build-errors').innerText.includes('content/2021/a.md:4:8')",
        "the error overlay",
    );
    assert!(
        tab.evaluate("document.body.innerText.includes('Tiêu đề đã sửa')", false)
            .unwrap()
            .value
            == Some(serde_json::Value::Bool(true))
    );

    site.simple("2021/a.md", "45-TB/BDVTU", "2021-04-12", "Tiêu đề lần ba");
    wait_until(
        &tab,
        "!document.getElementById('thongbao-build-errors') && document.body.innerText.includes('Tiêu đề lần ba')",
        "the fix to clear the overlay and reload",
    );
}
