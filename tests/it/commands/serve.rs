//! `thongbao serve` over HTTP: pages, live edits in place and by rename,
//! added and deleted notices, a broken notice shown while the last good
//! site stays served, and requests outside the site refused.

use std::io::{BufRead, BufReader, Read};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::common::TestSite;

/// A running `thongbao serve` and an HTTP client for it.
struct Server {
    /// Kept for its Drop: the server stops with the test.
    _running: crate::common::server::Server,
    base: String,
    agent: ureq::Agent,
}

impl Server {
    fn start(site: &TestSite) -> Server {
        let running = crate::common::server::Server::start(site.root());
        let base = running.base.clone();
        Server {
            _running: running,
            base,
            agent: crate::common::server::agent(),
        }
    }

    /// (status, content type, body) of a GET.
    fn get(&self, path: &str) -> (u16, String, String) {
        let mut response = self
            .agent
            .get(&format!("{}{}", self.base.trim_end_matches('/'), path))
            .call()
            .unwrap();
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get("content-type")
            .map(|value| value.to_str().unwrap().to_string())
            .unwrap_or_default();
        let body = response.body_mut().read_to_string().unwrap_or_default();
        (status, content_type, body)
    }

    /// Waits until the page at `path` satisfies `ready`, or fails.
    fn wait_for(&self, path: &str, what: &str, ready: impl Fn(u16, &str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let (status, _, body) = self.get(path);
            if ready(status, &body) {
                return body;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what} at {path} (last status {status})"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

fn site() -> TestSite {
    let site = TestSite::new();
    site.simple("2021/a.md", "45-TB/BDVTU", "2021-04-12", "Bản đầu tiên");
    site.write("content/2021/ban-ky.pdf", "%PDF-1.4 test");
    site.notice(
        "2021/b.md",
        "title = \"Có đính kèm\"\nnumber = \"46-TB/BDVTU\"\ndate = 2021-05-01\nattachments = [\"ban-ky.pdf\"]",
        "x",
    );
    site
}

#[test]
fn serves_pages_with_live_reload_and_correct_types() {
    let site = site();
    let server = Server::start(&site);
    let (status, content_type, body) = server.get("/");
    assert_eq!(status, 200);
    assert_eq!(content_type, "text/html; charset=utf-8");
    assert!(body.contains("Bản đầu tiên"));
    assert!(body.contains("<script src=\"/__thongbao/live-reload.js\"></script></body>"));
    let (status, content_type, _) = server.get("/static/style.css");
    assert_eq!((status, content_type.as_str()), (200, "text/css; charset=utf-8"));
    let (status, content_type, _) = server.get("/2021/46-tb-bdvtu/ban-ky.pdf");
    assert_eq!((status, content_type.as_str()), (200, "application/pdf"));
    let (status, content_type, _) = server.get("/__thongbao/live-reload.js");
    assert_eq!((status, content_type.as_str()), (200, "text/javascript; charset=utf-8"));
    let (status, _, body) = server.get("/khong-co/");
    assert_eq!(status, 404);
    assert!(body.contains("Không tìm thấy trang"), "the site's 404 page");
    let (status, _, _) = server.get("/2021");
    assert_eq!(status, 308, "folders redirect to their slash form");
    // Links point at the server, whatever base_url says.
    site.write("site.toml", "base_url = \"http://intranet/thongbao/\"\n");
    server.wait_for("/", "base_url to be ignored", |_, body| {
        body.contains("href=\"/2021/45-tb-bdvtu/\"")
    });
    assert!(!site.path("public").exists(), "serve never writes public/");
}

#[test]
fn requests_outside_the_site_are_refused() {
    let site = site();
    site.write("secret.txt", "secret");
    let server = Server::start(&site);
    // ureq normalises plain `..`, so speak HTTP by hand for these.
    let address = server
        .base
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    for path in [
        "/../secret.txt",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/2021/..%2f..%2fsecret.txt",
        "/..\\secret.txt",
        "/%2e%2e%5csecret.txt",
    ] {
        let mut stream = std::net::TcpStream::connect(&address).unwrap();
        use std::io::Write;
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        let status = response.split_whitespace().nth(1).unwrap_or("");
        assert!(
            status == "403" || status == "404" || status == "400",
            "{path}: {status}"
        );
        assert!(
            !response.contains("secret\r\n") && !response.ends_with("secret"),
            "{path} leaked the file"
        );
    }
}

#[test]
fn edits_in_place_and_by_rename_are_served() {
    let site = site();
    let server = Server::start(&site);
    server.wait_for("/2021/45-tb-bdvtu/", "the first build", |status, _| status == 200);

    site.simple("2021/a.md", "45-TB/BDVTU", "2021-04-12", "Sửa tại chỗ");
    server.wait_for("/2021/45-tb-bdvtu/", "the in-place edit", |_, body| {
        body.contains("Sửa tại chỗ")
    });

    // As VS Code and vim (backupcopy=no) save: a temporary file renamed over.
    site.write("content/2021/.a.md.swp", "vim swap");
    site.write(
        "content/2021/a.md.tmp",
        "+++\ntitle = \"Sửa bằng đổi tên\"\nnumber = \"45-TB/BDVTU\"\ndate = 2021-04-12\n+++\nx\n",
    );
    std::fs::rename(site.path("content/2021/a.md.tmp"), site.path("content/2021/a.md")).unwrap();
    server.wait_for("/2021/45-tb-bdvtu/", "the renamed save", |_, body| {
        body.contains("Sửa bằng đổi tên")
    });
    server.wait_for("/", "the home page", |_, body| body.contains("Sửa bằng đổi tên"));
}

#[test]
fn added_and_deleted_notices_appear_and_disappear() {
    let site = site();
    let server = Server::start(&site);
    server.wait_for("/", "the first build", |status, _| status == 200);
    site.simple("2022/c.md", "7-TB/BDVTU", "2022-01-05", "Thông báo thứ ba");
    server.wait_for("/2022/7-tb-bdvtu/", "the new notice", |status, body| {
        status == 200 && body.contains("Thông báo thứ ba")
    });
    server.wait_for("/2022/", "its year", |status, _| status == 200);
    // The folder 2022/ is new: edits inside it are seen too.
    site.simple("2022/c.md", "7-TB/BDVTU", "2022-01-05", "Thông báo thứ ba, đã sửa");
    server.wait_for("/2022/7-tb-bdvtu/", "the edit in the new folder", |status, body| {
        status == 200 && body.contains("Thông báo thứ ba, đã sửa")
    });
    site.remove("content/2022/c.md");
    server.wait_for("/2022/7-tb-bdvtu/", "the deleted page to go", |status, _| status == 404);
    server.wait_for("/", "the home page without it", |_, body| {
        !body.contains("Thông báo thứ ba")
    });
    // A notice added to a folder that was there, and one moved to
    // another year: only notice files changed, and the rebuild reads
    // only them.
    site.simple("2021/d.md", "8-TB/BDVTU", "2021-06-01", "Thêm vào năm cũ");
    server.wait_for(
        "/2021/8-tb-bdvtu/",
        "the notice added beside another",
        |status, body| status == 200 && body.contains("Thêm vào năm cũ"),
    );
    site.simple("2021/d.md", "8-TB/BDVTU", "2020-06-01", "Thêm vào năm cũ");
    server.wait_for("/2020/8-tb-bdvtu/", "the notice moved to 2020", |status, _| {
        status == 200
    });
    server.wait_for("/2021/8-tb-bdvtu/", "its old page to go", |status, _| status == 404);
    server.wait_for("/2021/", "its old year without it", |_, body| {
        !body.contains("Thêm vào năm cũ")
    });
}

#[test]
fn a_broken_notice_is_reported_while_the_last_good_page_stays() {
    let site = site();
    let server = Server::start(&site);
    server.wait_for("/2021/45-tb-bdvtu/", "the first build", |status, _| status == 200);
    site.write(
        "content/2021/a.md",
        "+++\ntitle = \"Hỏng\"\nnumber = \"45-TB/BDVTU\"\ndate = 2021-02-30\n+++\n",
    );

    // The event stream reports the error to every tab: read whole events
    // (blank-line separated) until one is `errors`.
    let mut events = server
        .agent
        .get(&format!("{}__thongbao/events", server.base))
        .call()
        .unwrap();
    let mut reader = BufReader::new(events.body_mut().as_reader());
    let mut event = String::new();
    let errors = loop {
        let mut line = String::new();
        assert!(reader.read_line(&mut line).unwrap() > 0, "the event stream ended");
        if line.trim().is_empty() {
            if event.contains("event: errors") {
                break event;
            }
            event.clear();
        } else {
            event.push_str(&line);
        }
    };
    assert!(errors.contains("content/2021/a.md:4:8"), "{errors}");
    assert!(errors.contains("invalid date"), "{errors}");

    let (status, _, body) = server.get("/2021/45-tb-bdvtu/");
    assert_eq!(status, 200);
    assert!(body.contains("Bản đầu tiên"), "the last good page is still served");

    site.simple("2021/a.md", "45-TB/BDVTU", "2021-04-12", "Đã sửa lỗi");
    server.wait_for("/2021/45-tb-bdvtu/", "the fix", |_, body| body.contains("Đã sửa lỗi"));
}

#[test]
fn a_taken_port_is_a_clear_error() {
    let site = site();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port().to_string();
    let output = Command::new(assert_cmd::cargo::cargo_bin("thongbao"))
        .args(["serve", "--port", &port, "--root"])
        .arg(site.root())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(
        err.contains(&format!(
            "port {port} on 127.0.0.1 is already in use; choose another with --port"
        )),
        "{err}"
    );
}

/// A preview started with its temporary folder in `temp`; its address and
/// what it prints come back as it runs.
struct Preview {
    child: std::process::Child,
    stdout: std::sync::mpsc::Receiver<String>,
    stderr: std::sync::mpsc::Receiver<String>,
    /// `127.0.0.1:PORT`
    address: String,
}

impl Preview {
    fn start(site: &TestSite, temp: &std::path::Path) -> Preview {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("thongbao"))
            .args(["serve", "--port", "0", "--root"])
            .arg(site.root())
            .env("TMPDIR", temp)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let lines = |stream: Box<dyn Read + Send>| {
            let (sender, receiver) = std::sync::mpsc::channel();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    let _ = sender.send(line);
                }
            });
            receiver
        };
        let stdout = lines(Box::new(child.stdout.take().unwrap()));
        let stderr = lines(Box::new(child.stderr.take().unwrap()));
        let mut preview = Preview {
            child,
            stdout,
            stderr,
            address: String::new(),
        };
        let serving = preview.wait_for_line(&preview.stdout, "Serving");
        let at = serving.find("http://").unwrap() + "http://".len();
        preview.address = serving[at..].split('/').next().unwrap().to_string();
        preview
    }

    fn wait_for_line(&self, stream: &std::sync::mpsc::Receiver<String>, start: &str) -> String {
        loop {
            let line = stream
                .recv_timeout(Duration::from_secs(20))
                .unwrap_or_else(|_| panic!("the preview never printed {start:?}"));
            if line.starts_with(start) {
                return line;
            }
        }
    }

    fn signal(&self, signal: rustix::process::Signal) {
        crate::common::server::signal(&self.child, signal);
    }

    /// Waits for the preview to exit after a signal; its exit status.
    fn wait(mut self) -> std::process::ExitStatus {
        crate::common::server::exited_within(&mut self.child, Duration::from_secs(20))
            .expect("the preview did not stop")
    }
}

impl Drop for Preview {
    /// A test that failed midway leaves no server running.
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The preview build folders in `temp`.
fn build_folders(temp: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(temp)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("thongbao-serve-"))
        .collect();
    names.sort();
    names
}

#[test]
fn a_preview_stopped_by_a_signal_with_a_tab_open_removes_its_build_folder() {
    use rustix::process::Signal;
    let site = site();
    for signal in [Signal::INT, Signal::TERM, Signal::HUP] {
        let temp = tempfile::tempdir().unwrap();
        let preview = Preview::start(&site, temp.path());
        // An open tab: its event stream stays open until the preview stops.
        let address = preview.address.clone();
        let mut tab = std::net::TcpStream::connect(&address).unwrap();
        std::io::Write::write_all(
            &mut tab,
            format!("GET /__thongbao/events HTTP/1.1\r\nHost: {address}\r\nAccept: text/event-stream\r\n\r\n")
                .as_bytes(),
        )
        .unwrap();
        let mut first = [0u8; 12];
        tab.read_exact(&mut first).unwrap();
        assert_eq!(&first, b"HTTP/1.1 200");
        let folders = build_folders(temp.path());
        assert_eq!(folders.len(), 1, "{signal:?}: {folders:?}");
        assert!(
            folders[0].starts_with(&format!("thongbao-serve-{}-", preview.child.id())),
            "{folders:?}"
        );
        preview.signal(signal);
        let stopped = preview.wait_for_line(&preview.stdout, "Stopped");
        assert_eq!(stopped, "Stopped; the preview's build folder is removed.");
        assert!(preview.wait().success(), "{signal:?}");
        assert_eq!(build_folders(temp.path()), Vec::<String>::new(), "{signal:?}");
    }
}

#[test]
fn a_preview_removes_the_build_folders_of_killed_previews_only() {
    let site = site();
    let temp = tempfile::tempdir().unwrap();
    // A preview killed outright cannot clean up.
    let killed = Preview::start(&site, temp.path());
    killed.signal(rustix::process::Signal::KILL);
    let killed_pid = killed.child.id();
    assert!(!killed.wait().success());
    let left = build_folders(temp.path());
    assert_eq!(left.len(), 1, "{left:?}");
    assert!(left[0].starts_with(&format!("thongbao-serve-{killed_pid}-")));
    // A running process's folder (this test's), and names that are not a
    // preview's with a process id, are not touched.
    let running = format!("thongbao-serve-{}-abcdef", std::process::id());
    for name in [running.as_str(), "thongbao-serve-abcdef", "thongbao-serve-12x-abc"] {
        std::fs::create_dir(temp.path().join(name)).unwrap();
    }

    let preview = Preview::start(&site, temp.path());
    let removed = preview.wait_for_line(&preview.stderr, "Removed");
    assert!(removed.contains(&left[0]), "{removed}");
    assert!(removed.ends_with(", left by a preview that was stopped without cleaning up"));
    let own = format!("thongbao-serve-{}-", preview.child.id());
    let folders = build_folders(temp.path());
    assert!(!folders.contains(&left[0]), "{folders:?}");
    for name in [running.as_str(), "thongbao-serve-abcdef", "thongbao-serve-12x-abc"] {
        assert!(
            folders.iter().any(|folder| folder == name),
            "{name} is gone: {folders:?}"
        );
    }
    assert_eq!(folders.iter().filter(|folder| folder.starts_with(&own)).count(), 1);
    preview.signal(rustix::process::Signal::TERM);
    assert!(preview.wait().success());
}

/// The preview under load while a notice is being edited: no failed
/// request, and every page served whole, old or new. Bounded: 30 clients
/// on loopback for 10 seconds. Run with `cargo test --test serve -- --ignored`.
#[test]
#[ignore = "a load test: run by hand, results in the issue's note"]
fn under_load_while_editing_every_request_succeeds_with_a_whole_page() {
    let site = site();
    for i in 0..200 {
        site.simple(
            &format!("2020/{i}.md"),
            &format!("{i}-TB/Y"),
            "2020-06-01",
            &format!("Văn bản {i}"),
        );
    }
    let server = Server::start(&site);
    server.wait_for("/2021/45-tb-bdvtu/", "the first build", |status, _| status == 200);
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let editor = {
        let stop = stop.clone();
        let root = site.root().to_path_buf();
        std::thread::spawn(move || {
            let mut edits = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let text = format!(
                    "+++\ntitle = \"Bản sửa {edits}\"\nnumber = \"45-TB/BDVTU\"\ndate = 2021-04-12\n+++\n\nNội dung {edits}.\n"
                );
                std::fs::write(root.join("content/2021/a.md"), text).unwrap();
                edits += 1;
                std::thread::sleep(Duration::from_millis(100));
            }
            edits
        })
    };
    let deadline = Instant::now() + Duration::from_secs(10);
    let clients: Vec<_> = (0..30)
        .map(|client| {
            let agent = server.agent.clone();
            let base = server.base.clone();
            std::thread::spawn(move || {
                let (mut ok, mut failed) = (0u32, Vec::new());
                let pages = ["2021/45-tb-bdvtu/", "", "2021/", "tags/", "issuers/", "2020/1-tb-y/"];
                let mut n = client;
                while Instant::now() < deadline {
                    let path = pages[n % pages.len()];
                    n += 1;
                    match agent.get(&format!("{base}{path}")).call() {
                        Ok(mut response) => {
                            let status = response.status().as_u16();
                            let body = response.body_mut().read_to_string().unwrap_or_default();
                            if status == 200
                                && body.trim_end().ends_with("</html>")
                                && body.matches("<title>").count() == 1
                            {
                                ok += 1;
                            } else {
                                failed.push(format!("/{path}: {status}, {} bytes", body.len()));
                            }
                        }
                        Err(error) => failed.push(format!("/{path}: {error}")),
                    }
                }
                (ok, failed)
            })
        })
        .collect();
    let mut total = 0;
    let mut failures = Vec::new();
    for client in clients {
        let (ok, failed) = client.join().unwrap();
        total += ok;
        failures.extend(failed);
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let edits = editor.join().unwrap();
    eprintln!(
        "{total} whole pages served to 30 clients in 10 s during {edits} edits; {} failures",
        failures.len()
    );
    assert!(failures.is_empty(), "{failures:?}");
    assert!(total > 1000);
}
