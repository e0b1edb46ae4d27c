//! Debian's headless Chromium for tests that need a real browser. Tests
//! skip when it is missing locally, and fail in CI (`CI=true`), where
//! `.ci/run` installs it. A downloaded browser is never used.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use headless_chrome::{Browser, LaunchOptions};

const CHROMIUM: &str = "/usr/bin/chromium";

/// A headless Chromium, or `None` (with a note) when it is not installed
/// and this is not CI.
pub fn chromium(profile: &Path) -> Option<Browser> {
    if !Path::new(CHROMIUM).exists() {
        assert!(
            std::env::var("CI").is_err(),
            "Debian's chromium must be installed in CI (see .ci/run)"
        );
        eprintln!("skipped: {CHROMIUM} is not installed (apt-get install chromium)");
        return None;
    }
    // The flags a closed network needs: without them Chromium keeps
    // trying to reach Google's services.
    let args: Vec<&OsStr> = [
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        // Tabs a test drives are never in front: do not slow their timers.
        "--disable-background-timer-throttling",
        "--disable-renderer-backgrounding",
        "--disable-backgrounding-occluded-windows",
    ]
    .iter()
    .map(OsStr::new)
    .collect();
    let options = LaunchOptions::default_builder()
        .path(Some(PathBuf::from(CHROMIUM)))
        .headless(true)
        .sandbox(false)
        .window_size(Some((1280, 900)))
        .user_data_dir(Some(profile.to_path_buf()))
        .idle_browser_timeout(Duration::from_secs(120))
        .args(args)
        .build()
        .expect("launch options");
    Some(Browser::new(options).expect("Chromium starts"))
}

/// Opens `url` in `tab` and waits until the page has loaded (polling
/// `document.readyState`, much faster than headless_chrome's own wait).
/// The query string is not compared: pages may rewrite it.
pub fn open(tab: &headless_chrome::Tab, url: &str) {
    // A mark on the page being left: gone once the new page is there, even
    // when both have the same address.
    let _ = tab.evaluate("window.thongbaoTestOldPage = true", false);
    tab.navigate_to(url).expect("navigation starts");
    let wanted = url.split('?').next().unwrap_or(url).trim_end_matches('/').to_string();
    wait_for(
        tab,
        "!window.thongbaoTestOldPage && document.readyState === 'complete' ? location.href : ''",
        &format!("loading {url}"),
        |value| {
            let href = value.as_str()?;
            (href.split('?').next().unwrap_or("").trim_end_matches('/') == wanted).then_some(())
        },
    );
}

/// Evaluates a JavaScript expression in `tab` until `accept` takes its
/// value, and returns what `accept` made of it; fails after 20 seconds,
/// naming `what` was awaited.
pub fn wait_for<T>(
    tab: &headless_chrome::Tab,
    expression: &str,
    what: &str,
    accept: impl Fn(&serde_json::Value) -> Option<T>,
) -> T {
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        let value = tab.evaluate(expression, false).ok().and_then(|result| result.value);
        if let Some(accepted) = value.as_ref().and_then(&accept) {
            return accepted;
        }
        assert!(std::time::Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Makes the page's clock read `day` (noon, local time) before any of its
/// scripts run: `new Date()` and `Date.now()` give that day.
pub fn fake_clock(tab: &headless_chrome::Tab, day: &str) {
    let source = format!(
        "(() => {{ const fixed = new Date('{day}T12:00:00').getTime(); const Real = Date;
          class Fake extends Real {{ constructor(...a) {{ if (a.length === 0) super(fixed); else super(...a); }} static now() {{ return fixed; }} }}
          window.Date = Fake; }})();"
    );
    before_every_page(tab, source);
}

/// Keeps, on every page `tab` opens from now on, a list of what went wrong
/// there: script errors and files that did not load (a stylesheet, a
/// script, an image), read back by [`problems`].
pub fn record_problems(tab: &headless_chrome::Tab) {
    let source = "window.thongbaoTestProblems = [];
        addEventListener('error', (event) => {
          const target = event.target;
          window.thongbaoTestProblems.push(target && target !== window
            ? 'did not load: ' + (target.src || target.href)
            : 'error: ' + event.message);
        }, true);"
        .to_string();
    before_every_page(tab, source);
}

/// What [`record_problems`] saw on the page open in `tab`.
pub fn problems(tab: &headless_chrome::Tab) -> Vec<String> {
    let value = tab
        .evaluate("JSON.stringify(window.thongbaoTestProblems || ['not recorded'])", false)
        .unwrap()
        .value
        .unwrap();
    serde_json::from_str(value.as_str().unwrap()).unwrap()
}

/// Clicks the first element `selector` finds, a link, and waits until the
/// page it leads to has loaded; returns that page's address.
pub fn follow(tab: &headless_chrome::Tab, selector: &str) -> String {
    let click = format!(
        "(() => {{ const link = document.querySelector({selector:?}); if (!link) return '';
           window.thongbaoTestOldPage = true; const href = link.href; link.click(); return href; }})()"
    );
    let href = tab.evaluate(&click, false).unwrap().value.unwrap();
    let href = href.as_str().unwrap().to_string();
    assert!(!href.is_empty(), "nothing matches {selector} on {}", tab.get_url());
    let wanted = href.split('#').next().unwrap().to_string();
    wait_for(
        tab,
        "!window.thongbaoTestOldPage && document.readyState === 'complete' ? location.href : ''",
        &format!("following {selector} to {href}"),
        |value| (value.as_str()?.split('#').next()? == wanted).then_some(()),
    );
    href
}

/// Runs `source` on every page `tab` opens from now on, before the page's
/// own scripts.
fn before_every_page(tab: &headless_chrome::Tab, source: String) {
    tab.call_method(headless_chrome::protocol::cdp::Page::AddScriptToEvaluateOnNewDocument {
        source,
        world_name: None,
        include_command_line_api: None,
        run_immediately: None,
    })
    .unwrap();
}
