//! The clerk's workplace in `thongbao serve` (SPEC §12): `/_thongbao/`
//! lists the notices, a form creates or edits one, and saving writes the
//! notice file only when it passes the build's checks, only inside
//! `content/`, only from the preview's own page, and never over a change
//! made on disk meanwhile.

use std::io::Read;
use std::time::{Duration, Instant};

use crate::common::TestSite;

const NOTICE: &str = "+++\n# Kept: a clerk's comment.\ntitle = \"Kết luận hội nghị\"  # trích yếu\nnumber = \"45-TB/BDVTU\"\ndate = 2021-04-12\nsigner = \"Nguyễn Văn A\"\n\n[extra]\nnote = \"giữ nguyên\"\n+++\n\nNội dung ban đầu.\n";

struct Client {
    base: String,
    agent: ureq::Agent,
}

impl Client {
    fn new(base: &str) -> Client {
        Client {
            base: base.trim_end_matches('/').to_string(),
            agent: crate::common::server::agent(),
        }
    }

    fn get(&self, path: &str) -> (u16, String) {
        let mut response = self.agent.get(&format!("{}{path}", self.base)).call().unwrap();
        let status = response.status().as_u16();
        (status, response.body_mut().read_to_string().unwrap_or_default())
    }

    /// POSTs a form; `origin` is the Origin header the browser would send.
    fn post(&self, fields: &[(String, String)], origin: Option<&str>) -> (u16, String, String) {
        let body: String = fields
            .iter()
            .map(|(key, value)| format!("{}={}", encode(key), encode(value)))
            .collect::<Vec<_>>()
            .join("&");
        let mut request = self
            .agent
            .post(&format!("{}/_thongbao/save", self.base))
            .header("Content-Type", "application/x-www-form-urlencoded");
        if let Some(origin) = origin {
            request = request.header("Origin", origin);
        }
        let mut response = request.send(body.as_bytes()).unwrap();
        let status = response.status().as_u16();
        let location = response
            .headers()
            .get("location")
            .map(|value| value.to_str().unwrap().to_string())
            .unwrap_or_default();
        let mut text = String::new();
        let _ = response.body_mut().as_reader().read_to_string(&mut text);
        (status, location, text)
    }

    /// The fields of the form on the page at `path`, as the browser would
    /// send them.
    fn form(&self, path: &str) -> Vec<(String, String)> {
        let (status, page) = self.get(path);
        assert_eq!(status, 200, "{path}: {page}");
        form_fields(&page)
    }
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (byte as char).to_string(),
            _ => format!("%{byte:02X}"),
        })
        .collect()
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The named inputs and textareas of a page's form, with their values.
fn form_fields(page: &str) -> Vec<(String, String)> {
    let mut fields = Vec::new();
    for input in page.split("<input ").skip(1) {
        let tag = &input[..input.find('>').unwrap()];
        let attribute = |name: &str| {
            tag.split(&format!(" {name}=\""))
                .nth(1)
                .or_else(|| tag.strip_prefix(&format!("{name}=\"")))
                .map(|rest| unescape(&rest[..rest.find('"').unwrap()]))
        };
        let Some(name) = attribute("name") else { continue };
        if attribute("type").as_deref() == Some("checkbox") {
            if tag.contains(" checked") {
                fields.push((name, "on".to_string()));
            }
            continue;
        }
        fields.push((name, attribute("value").unwrap_or_default()));
    }
    for textarea in page.split("<textarea ").skip(1) {
        let name = textarea.split("name=\"").nth(1).unwrap();
        let name = name[..name.find('"').unwrap()].to_string();
        let value = &textarea[textarea.find('>').unwrap() + 1..textarea.find("</textarea>").unwrap()];
        fields.push((name, unescape(value)));
    }
    fields
}

fn set(fields: &mut [(String, String)], key: &str, value: &str) {
    let field = fields
        .iter_mut()
        .find(|(name, _)| name == key)
        .unwrap_or_else(|| panic!("no field {key}"));
    field.1 = value.to_string();
}

/// Waits until the page at `path` holds `text`.
fn wait_for_page(client: &Client, path: &str, text: &str) {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let (status, body) = client.get(path);
        if status == 200 && body.contains(text) {
            return;
        }
        assert!(Instant::now() < deadline, "{path} never showed {text:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn saving_writes_only_good_notices_inside_content_from_the_previews_own_page() {
    let site = TestSite::new();
    site.write("content/2021/a.md", NOTICE);
    site.write("site.toml", "issuer = \"Ban Dân vận Tỉnh ủy\"\n");
    let server = crate::common::server::Server::start(site.root());
    let client = Client::new(&server.base);
    let origin = server.base.trim_end_matches('/').to_string();

    // The list: number, date, title, with a link to the form.
    let (status, list) = client.get("/_thongbao/");
    assert_eq!(status, 200);
    assert!(
        list.contains("45-TB/BDVTU") && list.contains("12/04/2021") && list.contains("Kết luận hội nghị"),
        "{list}"
    );
    assert!(list.contains("/_thongbao/edit?path=content%2F2021%2Fa%2Emd"), "{list}");

    let edit = "/_thongbao/edit?path=content/2021/a.md";
    let form = client.form(edit);
    assert!(
        form.iter()
            .any(|(name, value)| name == "title" && value == "Kết luận hội nghị")
    );
    assert!(form.iter().any(|(name, value)| name == "date" && value == "2021-04-12"));

    // Refused: no token, a wrong one, another origin. Nothing written.
    let mut changed = form.clone();
    set(&mut changed, "title", "Sửa bởi trang lạ");
    let mut no_token = changed.clone();
    set(&mut no_token, "token", "");
    assert_eq!(client.post(&no_token, Some(&origin)).0, 403);
    let mut wrong = changed.clone();
    set(&mut wrong, "token", "0123456789abcdef0123456789abcdef");
    assert_eq!(client.post(&wrong, Some(&origin)).0, 403);
    assert_eq!(client.post(&changed, Some("http://evil.example")).0, 403);
    assert_eq!(site.read_source("content/2021/a.md"), NOTICE);

    // Refused: paths outside content/, or not a notice file.
    std::fs::write(site.path("secret.md"), "giữ nguyên").unwrap();
    for path in [
        "content/../secret.md",
        "../secret.md",
        "/etc/passwd.md",
        "site.toml",
        "content/2021/a.txt",
    ] {
        let mut outside = changed.clone();
        set(&mut outside, "path", path);
        let (status, _, body) = client.post(&outside, Some(&origin));
        assert_eq!(status, 403, "{path}: {body}");
    }
    assert_eq!(std::fs::read_to_string(site.path("secret.md")).unwrap(), "giữ nguyên");
    assert!(!site.path("content/2021/a.txt").exists());

    // A bad date: shown on its field, nothing written.
    let mut bad = form.clone();
    set(&mut bad, "date", "2021-02-30");
    let (status, _, page) = client.post(&bad, Some(&origin));
    assert_eq!(status, 422, "{page}");
    let error = page
        .split("id=\"e-date\">")
        .nth(1)
        .expect("the error is on the date field");
    assert!(error.contains("2021-02-30") || error.contains("date"), "{error}");
    assert!(
        page.contains("aria-invalid=\"true\" aria-describedby=\"e-date\""),
        "{page}"
    );
    assert_eq!(site.read_source("content/2021/a.md"), NOTICE);

    // A good edit: saved, the rest of the file as it was, the page rebuilt.
    let mut good = form.clone();
    set(&mut good, "title", "Kết luận hội nghị đã sửa");
    set(&mut good, "tags", "Dân vận\nCải cách hành chính");
    let (status, location, _) = client.post(&good, Some(&origin));
    assert_eq!(status, 303);
    assert!(
        location.starts_with("/_thongbao/edit?path=content%2F2021%2Fa%2Emd"),
        "{location}"
    );
    assert_eq!(
        site.read_source("content/2021/a.md"),
        NOTICE
            .replace("\"Kết luận hội nghị\"  #", "\"Kết luận hội nghị đã sửa\"  #")
            .replace(
                "signer = \"Nguyễn Văn A\"\n",
                "signer = \"Nguyễn Văn A\"\ntags = [\"Dân vận\", \"Cải cách hành chính\"]\n"
            )
    );
    wait_for_page(&client, "/2021/45-tb-bdvtu/", "Kết luận hội nghị đã sửa");
    let (_, saved) = client.get(&location);
    assert!(saved.contains("role=\"status\""), "{saved}");

    // Changed on disk since the form was opened: not overwritten.
    let stale = client.form(edit);
    let elsewhere = site
        .read_source("content/2021/a.md")
        .replace("Nội dung ban đầu.", "Sửa bằng trình soạn thảo khác.");
    site.write("content/2021/a.md", &elsewhere);
    let mut late = stale.clone();
    set(&mut late, "title", "Ghi đè");
    let (status, _, page) = client.post(&late, Some(&origin));
    assert_eq!(status, 409, "{page}");
    assert!(page.contains("role=\"alert\""), "{page}");
    assert!(page.contains("Ghi đè"), "the clerk's text is shown again: {page}");
    assert_eq!(site.read_source("content/2021/a.md"), elsewhere);

    // A new notice: the issuer's next number proposed, saved under its year.
    let mut new = client.form("/_thongbao/new");
    assert!(
        new.iter()
            .any(|(name, value)| name == "number" && value.ends_with("-TB/BDVTU")),
        "{new:?}"
    );
    set(&mut new, "title", "Thông báo mới từ biểu mẫu");
    set(&mut new, "number", "46-TB/BDVTU");
    set(&mut new, "date", "2021-05-03");
    set(&mut new, "body", "Đoạn một.\n\n- Ý một\n- Ý hai");
    let (status, location, body) = client.post(&new, Some(&origin));
    assert_eq!(status, 303, "{body}");
    assert!(location.contains("content%2F2021%2F46%2Dtb%2Dbdvtu%2Emd"), "{location}");
    let written = site.read_source("content/2021/46-tb-bdvtu.md");
    assert!(
        written.starts_with("+++\ntitle = \"Thông báo mới từ biểu mẫu\"\n"),
        "{written}"
    );
    wait_for_page(&client, "/2021/46-tb-bdvtu/", "Thông báo mới từ biểu mẫu");
    // No temporary file left behind.
    let leftovers: Vec<_> = walkdir::WalkDir::new(site.path("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_broken_notice_may_be_saved_as_a_draft() {
    let site = TestSite::new();
    site.write("content/2021/a.md", NOTICE);
    let server = crate::common::server::Server::start(site.root());
    let client = Client::new(&server.base);
    let origin = server.base.trim_end_matches('/').to_string();
    let mut form = client.form("/_thongbao/edit?path=content/2021/a.md");
    set(&mut form, "date", "2021-02-30");
    form.push(("draft".to_string(), "on".to_string()));
    let (status, _, body) = client.post(&form, Some(&origin));
    assert_eq!(status, 303, "{body}");
    let text = site.read_source("content/2021/a.md");
    assert!(text.contains("draft = true") && text.contains("2021-02-30"), "{text}");
}

#[test]
fn the_authoring_pages_are_off_on_another_address_unless_allowed() {
    let site = TestSite::new();
    site.write("content/2021/a.md", NOTICE);
    for (allow, expected) in [(false, 404), (true, 200)] {
        let mut command = std::process::Command::new(assert_cmd::cargo::cargo_bin("thongbao"));
        command
            .args(["serve", "--port", "0", "--bind", "0.0.0.0", "--root"])
            .arg(site.root())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        if allow {
            command.arg("--allow-editing");
        }
        let mut child = command.spawn().unwrap();
        let mut lines = std::io::BufRead::lines(std::io::BufReader::new(child.stdout.take().unwrap()));
        let port = loop {
            let line = lines.next().unwrap().unwrap();
            if let Some(at) = line.find("http://") {
                let address = line[at..].split_whitespace().next().unwrap().to_string();
                break address.trim_end_matches('/').rsplit(':').next().unwrap().to_string();
            }
        };
        let client = Client::new(&format!("http://127.0.0.1:{port}"));
        let (status, _) = client.get("/_thongbao/");
        crate::common::server::signal(&child, rustix::process::Signal::TERM);
        let _ = child.wait();
        let mut stderr = String::new();
        child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
        assert_eq!(status, expected, "allow {allow}: {stderr}");
        assert!(stderr.contains("--allow-editing"), "{stderr}");
    }
}

/// In Chromium: the clerk fills the form of a new notice, saves, sees the
/// page; edits a field and sees the preview change; the pages are
/// accessible.
#[test]
fn a_clerk_creates_and_edits_a_notice_in_the_browser() {
    let profile = tempfile::tempdir().unwrap();
    let Some(browser) = crate::common::browser::chromium(profile.path()) else {
        return;
    };
    let axe = crate::output::print_and_accessibility::axe_core();
    let site = TestSite::new();
    site.write("content/2021/a.md", NOTICE);
    let server = crate::common::server::Server::start(site.root());
    let tab = browser.new_tab().unwrap();

    crate::common::browser::open(&tab, &server.url("_thongbao/new"));
    if let Some(axe) = &axe {
        assert_eq!(crate::output::print_and_accessibility::axe_violations(&tab, axe), "[]");
    }
    tab.find_element("#f-title")
        .unwrap()
        .type_into("Thông báo soạn trong trình duyệt")
        .unwrap();
    tab.evaluate(
        "document.getElementById('f-number').value = '47-TB/BDVTU'; document.getElementById('f-date').value = '2021-06-01'; document.getElementById('f-body').value = 'Nội dung soạn trong trình duyệt.';",
        false,
    )
    .unwrap();
    tab.find_element("button[type=submit]").unwrap().click().unwrap();
    crate::common::browser::wait_for(
        &tab,
        "document.querySelector('.saved') ? document.querySelector('iframe.preview').contentDocument.body.innerText : ''",
        "the saved notice's page in the preview",
        |value| {
            value
                .as_str()?
                .contains("Nội dung soạn trong trình duyệt.")
                .then_some(())
        },
    );
    if let Some(axe) = &axe {
        assert_eq!(crate::output::print_and_accessibility::axe_violations(&tab, axe), "[]");
    }

    // Edit a field: the preview beside the form shows the change.
    tab.evaluate(
        "document.getElementById('f-title').value = 'Tiêu đề đã đổi trong trình duyệt'",
        false,
    )
    .unwrap();
    tab.find_element("button[type=submit]").unwrap().click().unwrap();
    crate::common::browser::wait_for(
        &tab,
        "document.querySelector('iframe.preview') ? document.querySelector('iframe.preview').contentDocument.body.innerText : ''",
        "the preview to show the new title",
        |value| {
            value
                .as_str()?
                .contains("Tiêu đề đã đổi trong trình duyệt")
                .then_some(())
        },
    );
    assert!(
        site.read_source("content/2021/47-tb-bdvtu.md")
            .contains("title = \"Tiêu đề đã đổi trong trình duyệt\"")
    );

    crate::common::browser::open(&tab, &server.url("_thongbao/"));
    if let Some(axe) = &axe {
        assert_eq!(crate::output::print_and_accessibility::axe_violations(&tab, axe), "[]");
    }
}

/// Drops a file on the page's drop zone, as a clerk's drag from the file
/// manager does.
fn drop_file(tab: &headless_chrome::Tab, name: &str, bytes: &[u8]) {
    let list: Vec<String> = bytes.iter().map(u8::to_string).collect();
    tab.evaluate(
        &format!(
            "(() => {{ const dt = new DataTransfer(); dt.items.add(new File([new Uint8Array([{}])], {name:?})); document.querySelector('[data-drop]').dispatchEvent(new DragEvent('drop', {{ dataTransfer: dt, bubbles: true, cancelable: true }})); return true; }})()",
            list.join(",")
        ),
        false,
    )
    .unwrap();
}

/// Waits until `expression` yields a text (not empty) holding `wanted`.
fn text_of(tab: &headless_chrome::Tab, expression: &str, what: &str, wanted: &str) -> String {
    crate::common::browser::wait_for(tab, expression, what, |value| {
        let text = value.as_str()?;
        (!text.is_empty() && text.contains(wanted)).then(|| text.to_string())
    })
}

/// In Chromium: a text and a Word file dropped on the new notice's form
/// fill it, field by field, with what was not found said; saved, they
/// build; the Word file's image is saved beside it; a file dropped on an
/// existing notice joins its bundle.
#[test]
fn dropped_texts_and_word_files_fill_the_form_and_are_saved() {
    let profile = tempfile::tempdir().unwrap();
    let Some(browser) = crate::common::browser::chromium(profile.path()) else {
        return;
    };
    let site = TestSite::new();
    site.write("content/2021/a.md", NOTICE);
    let server = crate::common::server::Server::start(site.root());
    let client = Client::new(&server.base);
    let tab = browser.new_tab().unwrap();
    let imports = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/imports");

    // A text copied out of a Word file.
    crate::common::browser::open(&tab, &server.url("_thongbao/new"));
    drop_file(
        &tab,
        "thong-bao.txt",
        &std::fs::read(imports.join("state-thong-bao.txt")).unwrap(),
    );
    let found = text_of(
        &tab,
        "document.querySelector('#findings .found') ? document.getElementById('findings').innerText : ''",
        "the findings",
        "12/TB-UBND",
    );
    assert!(found.contains("Đặng Văn Minh"), "{found}");
    let missing = text_of(
        &tab,
        "document.querySelector('#findings .missing') ? document.getElementById('findings').innerText : ''",
        "what was not found",
        "",
    );
    assert!(
        missing.contains("Quyền hạn ký"),
        "the authority is not in the text, and the page says so: {missing}"
    );
    let title = tab
        .evaluate("document.getElementById('f-title').value", false)
        .unwrap()
        .value
        .unwrap();
    assert!(title.as_str().unwrap().starts_with("Kết luận của Chủ tịch"), "{title}");
    tab.find_element("button[type=submit]").unwrap().click().unwrap();
    text_of(
        &tab,
        "document.querySelector('.saved') ? document.querySelector('.saved').innerText : ''",
        "saved",
        "",
    );
    assert!(
        site.read_source("content/2021/12-tb-ubnd.md")
            .contains("number = \"12/TB-UBND\"")
    );
    wait_for_page(&client, "/2021/12-tb-ubnd/", "Sở Nội vụ tham mưu tốt");

    // A Word file with an image: a bundle, the image beside the notice.
    crate::common::browser::open(&tab, &server.url("_thongbao/new"));
    drop_file(
        &tab,
        "co-hinh.docx",
        &std::fs::read(imports.join("docx/17-image-attachment.docx")).unwrap(),
    );
    text_of(
        &tab,
        "document.querySelector('#findings .attached') ? document.getElementById('findings').innerText : ''",
        "the Word file's findings",
        "",
    );
    tab.find_element("button[type=submit]").unwrap().click().unwrap();
    text_of(
        &tab,
        "document.querySelector('.saved') ? decodeURIComponent(location.search) : ''",
        "saved",
        "index.md",
    );
    let bundle: Vec<String> = walkdir::WalkDir::new(site.path("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            entry
                .path()
                .strip_prefix(site.path("content"))
                .unwrap()
                .display()
                .to_string()
        })
        .collect();
    let index = bundle
        .iter()
        .find(|path| path.ends_with("/index.md"))
        .unwrap_or_else(|| panic!("{bundle:?}"));
    let folder = index.trim_end_matches("index.md");
    assert!(
        bundle
            .iter()
            .any(|path| path.starts_with(folder) && !path.ends_with(".md")),
        "{bundle:?}"
    );

    // A file dropped on an existing notice: the notice becomes a bundle.
    crate::common::browser::open(&tab, &server.url("_thongbao/edit?path=content/2021/a.md"));
    drop_file(&tab, "biên bản họp.pdf", b"%PDF-1.4 not really");
    text_of(
        &tab,
        "decodeURIComponent(location.search)",
        "the bundle's form",
        "index.md",
    );
    assert!(site.path("content/2021/a/index.md").is_file());
    assert!(!site.path("content/2021/a.md").exists());
    assert_eq!(
        std::fs::read(site.path("content/2021/a/biên-bản-họp.pdf")).unwrap(),
        b"%PDF-1.4 not really"
    );
    wait_for_page(&client, "/2021/45-tb-bdvtu/biên-bản-họp.pdf", "%PDF");
}

#[test]
fn uploads_need_the_token_and_have_a_size_limit() {
    let site = TestSite::new();
    site.write("content/2021/a.md", NOTICE);
    let server = crate::common::server::Server::start(site.root());
    let client = Client::new(&server.base);
    let form = client.form("/_thongbao/new");
    let token = form.iter().find(|(name, _)| name == "token").unwrap().1.clone();
    let upload = |path: &str, token: &str, bytes: &[u8]| {
        let response = client
            .agent
            .post(&format!("{}{path}", client.base))
            .header("X-Thongbao-Token", token)
            .send(bytes);
        match response {
            Ok(mut response) => (
                response.status().as_u16(),
                response.body_mut().read_to_string().unwrap_or_default(),
            ),
            // The server may close the connection on an oversized body.
            Err(error) => (0, error.to_string()),
        }
    };
    let text =
        std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/imports/state-thong-bao.txt"))
            .unwrap();
    let (status, body) = upload("/_thongbao/import?name=a.txt", &token, &text);
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("12/TB-UBND"), "{body}");
    assert_eq!(upload("/_thongbao/import?name=a.txt", "wrong", &text).0, 403);
    assert_eq!(
        upload("/_thongbao/attach?name=x.pdf&path=content/2021/a.md", "", b"x").0,
        403
    );
    let (status, _) = upload("/_thongbao/attach?name=x.pdf&path=content/../site.md", &token, b"x");
    assert_eq!(status, 403);
    let (status, _) = upload("/_thongbao/attach?name=x.md&path=content/2021/a.md", &token, b"+++");
    assert_eq!(status, 422);
    let huge = vec![b'a'; 33 * 1024 * 1024];
    let (status, body) = upload("/_thongbao/import?name=a.txt", &token, &huge);
    assert!(status == 413 || status == 0, "{status} {body}");
    assert_eq!(site.read_source("content/2021/a.md"), NOTICE);
    assert!(!site.path("content/2021/a").exists());
}
