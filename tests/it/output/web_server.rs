//! A real web server in front of `public/` (SPEC §4, §11): the sample site
//! built for a sub-path, served by Debian's nginx with the configuration
//! shipped in docs/deploy/, and crawled: every link of every page answers
//! 200 with the right type, every file written is served with its type,
//! and a missing page is the site's own 404.

use std::collections::{BTreeSet, VecDeque};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const SUB_PATH: &str = "/luu-tru/";

fn repository() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A port nothing listens on now.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Whether `program` is installed; else the test skips, except in CI.
fn installed(program: &str, package: &str) -> bool {
    if Path::new(program).exists() {
        return true;
    }
    assert!(
        std::env::var("CI").is_err(),
        "{program} must be installed in CI (apt-get install {package}; see .ci/run)"
    );
    eprintln!("skipped: {program} is not installed (apt-get install {package})");
    false
}

/// A folder the server's workers (which may run as `nobody`) can read.
fn readable_dir() -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    dir
}

/// The sample site built for `base_url` into `dir/public`.
fn build_sample(dir: &Path, base_url: &str) -> PathBuf {
    crate::common::build_sample_into(&dir.join("public"), &["--base-url", base_url], None)
}

/// A server process, stopped when dropped.
struct Running {
    child: Child,
    log: PathBuf,
}

impl Running {
    /// Starts `command`, which writes its errors to `log`, and waits until
    /// it listens on `port`.
    fn start(mut command: Command, log: PathBuf, port: u16) -> Running {
        let child = command
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the server starts");
        let mut running = Running { child, log };
        running.wait_for(port);
        running
    }

    /// Waits until `port` accepts connections, or fails with the log.
    fn wait_for(&mut self, port: u16) {
        let deadline = Instant::now() + Duration::from_secs(15);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!(
                    "the server exited ({status}):\n{}",
                    std::fs::read_to_string(&self.log).unwrap_or_default()
                );
            }
            assert!(Instant::now() < deadline, "the server did not start listening");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Running {
    /// Stops the server as its init script would (TERM: Apache then stops
    /// its own workers); killed if it has not stopped within ten seconds.
    fn drop(&mut self) {
        crate::common::server::signal(&self.child, rustix::process::Signal::TERM);
        if crate::common::server::exited_within(&mut self.child, Duration::from_secs(10)).is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// What one GET answered.
struct Answer {
    status: u16,
    content_type: String,
    cache_control: String,
    body: Vec<u8>,
}

fn agent() -> ureq::Agent {
    ureq::Agent::new_with_config(
        ureq::config::Config::builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(Duration::from_secs(10)))
            .build(),
    )
}

fn get(agent: &ureq::Agent, url: &str) -> Answer {
    let mut response = agent
        .get(url)
        .call()
        .unwrap_or_else(|error| panic!("GET {url}: {error}"));
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .map(|value| value.to_str().unwrap().to_string())
            .unwrap_or_default()
    };
    let (content_type, cache_control) = (header("content-type"), header("cache-control"));
    Answer {
        status: response.status().as_u16(),
        content_type,
        cache_control,
        body: response.body_mut().with_config().limit(64 << 20).read_to_vec().unwrap(),
    }
}

/// The type a file of the site must be served with, by its name.
fn expected_type(path: &str) -> &'static str {
    let name = path.split(['?', '#']).next().unwrap();
    if name.ends_with('/') {
        return "text/html";
    }
    match name.rsplit_once('.').map(|(_, extension)| extension) {
        Some("html") => "text/html",
        Some("css") => "text/css",
        Some("js") => "application/javascript",
        Some("json") => "application/json",
        Some("xml") => "text/xml",
        Some("csv") => "text/csv",
        Some("pdf") => "application/pdf",
        Some("png") => "image/png",
        Some("docx") => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        Some("txt") => "text/plain",
        other => panic!("the test knows no type for {path} ({other:?})"),
    }
}

/// `link` on the page at `page` (an absolute URL) as an absolute URL of
/// `origin` (`http://127.0.0.1:P`), without its fragment; `None` for a link
/// elsewhere or to the page itself.
fn resolve(origin: &str, page: &str, link: &str) -> Option<String> {
    let link = link.split('#').next().unwrap();
    if link.is_empty() || link.starts_with("mailto:") {
        return None;
    }
    if link.contains("://") {
        return link.starts_with(origin).then(|| link.to_string());
    }
    let (path, query) = match link.split_once('?') {
        Some((path, query)) => (path, format!("?{query}")),
        None => (link, String::new()),
    };
    let mut parts: Vec<&str> = if path.starts_with('/') {
        Vec::new()
    } else {
        let page_path = &page[origin.len()..];
        let folder = &page_path[..page_path.rfind('/').unwrap()];
        folder.split('/').filter(|part| !part.is_empty()).collect()
    };
    let segments: Vec<&str> = path.split('/').collect();
    for (at, part) in segments.iter().enumerate() {
        match *part {
            ".." => {
                parts.pop();
            }
            "." => {}
            "" if at + 1 < segments.len() => {}
            part => parts.push(part),
        }
    }
    let mut url = format!("{origin}/{}", parts.join("/"));
    if path.ends_with('/') && !url.ends_with('/') {
        url.push('/');
    }
    Some(url + &query)
}

/// Crawls the site from `start`: every link of every page must answer 200
/// with its type. Returns the pages visited.
fn crawl(agent: &ureq::Agent, origin: &str, start: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::from([start.to_string()]);
    let mut queue = VecDeque::from([start.to_string()]);
    let mut pages = BTreeSet::new();
    let mut problems = Vec::new();
    while let Some(url) = queue.pop_front() {
        let answer = get(agent, &url);
        let wanted = expected_type(&url);
        if answer.status != 200 || !answer.content_type.starts_with(wanted) {
            problems.push(format!("{url}: {} {}", answer.status, answer.content_type));
            continue;
        }
        if wanted != "text/html" {
            continue;
        }
        if !answer.content_type.contains("charset=utf-8") {
            problems.push(format!("{url}: {} has no charset", answer.content_type));
        }
        pages.insert(url.clone());
        let html = String::from_utf8(answer.body).unwrap();
        for link in crate::common::links_of(&html) {
            if let Some(target) = resolve(origin, &url, &link) {
                let fetched = target.split('?').next().unwrap().to_string();
                if seen.insert(fetched.clone()) {
                    queue.push_back(fetched);
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    pages
}

/// What every server configuration of docs/deploy/ must do with the sample
/// site built for `origin` + [`SUB_PATH`] in `public`.
fn serves_the_site(origin: &str, public: &Path) {
    let agent = agent();
    let start = format!("{origin}{SUB_PATH}");
    let pages = crawl(&agent, origin, &start);
    let html_files = crate::common::files_in(public)
        .iter()
        .filter(|path| path.ends_with(".html"))
        .count();
    // Every page is reachable by links, but the 404 page (and the pages
    // only search results lead to, none in the sample).
    assert!(
        pages.len() + 1 >= html_files,
        "crawled {} of {html_files} pages",
        pages.len()
    );

    // Every file written, served with its type (percent-encoded as links are).
    let mut problems = Vec::new();
    for path in crate::common::files_in(public) {
        let url = format!("{start}{}", thongbao::model::files::encode_path(&path));
        let answer = get(&agent, &url);
        let wanted = expected_type(&path);
        if answer.status != 200 || !answer.content_type.starts_with(wanted) {
            problems.push(format!(
                "{path}: {} {} (wanted {wanted})",
                answer.status, answer.content_type
            ));
        }
        let on_disk = std::fs::read(public.join(&path)).unwrap();
        if answer.body != on_disk {
            problems.push(format!("{path}: served bytes differ from the file"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));

    // A missing page: status 404, the site's own page, which still finds
    // its stylesheet from any depth.
    let missing = get(&agent, &format!("{start}2021/khong-co-van-ban-nay/"));
    assert_eq!(missing.status, 404);
    let body = String::from_utf8(missing.body).unwrap();
    assert_eq!(body.as_bytes(), std::fs::read(public.join("404.html")).unwrap());
    assert!(body.contains(&format!("href=\"{SUB_PATH}static/style.css\"")), "{body}");

    // Theme files are cached for a day; pages are checked each time.
    assert!(
        get(&agent, &format!("{start}static/style.css"))
            .cache_control
            .contains("max-age=86400")
    );
    assert_eq!(get(&agent, &start).cache_control, "no-cache");
    // Nothing outside the site is served: not the file beside public/,
    // however the way up is spelt.
    for up in [
        "../secret.txt",
        "%2e%2e/secret.txt",
        "..%2fsecret.txt",
        "static/../../secret.txt",
    ] {
        let answer = get(&agent, &format!("{start}{up}"));
        assert_ne!(answer.status, 200, "{up}");
        assert!(
            !String::from_utf8_lossy(&answer.body).contains(SECRET),
            "{up} served the file beside the site"
        );
    }
}

/// What the file beside `public/` holds, which no server may give out.
const SECRET: &str = "mật khẩu của máy chủ";

/// The sample site built for a server on a free port under [`SUB_PATH`],
/// in a folder the server's workers can read, with a file beside it that
/// must never be served.
struct ServedSite {
    dir: tempfile::TempDir,
    port: u16,
    origin: String,
    public: PathBuf,
}

impl ServedSite {
    fn new() -> ServedSite {
        let dir = readable_dir();
        let port = free_port();
        let origin = format!("http://127.0.0.1:{port}");
        let public = build_sample(dir.path(), &format!("{origin}{SUB_PATH}"));
        std::fs::write(dir.path().join("secret.txt"), SECRET).unwrap();
        ServedSite {
            dir,
            port,
            origin,
            public,
        }
    }

    /// A configuration of docs/deploy/ as shipped.
    fn shipped(name: &str) -> String {
        std::fs::read_to_string(repository().join("docs/deploy").join(name)).unwrap()
    }
}

#[test]
fn nginx_serves_the_site_under_a_sub_path_with_the_documented_configuration() {
    if !installed("/usr/sbin/nginx", "nginx") {
        return;
    }
    let ServedSite {
        dir,
        port,
        origin,
        public,
    } = ServedSite::new();
    // docs/deploy/nginx.conf as shipped, but for this port and folder.
    let shipped = ServedSite::shipped("nginx.conf");
    let server = shipped
        .replace("listen 80;", &format!("listen 127.0.0.1:{port};"))
        .replace("server_name intranet.example;", "server_name 127.0.0.1;")
        .replace("/srv/thongbao/public/", &format!("{}/", public.display()));
    assert_ne!(server, shipped);
    let alias = format!("alias {}/", public.display());
    assert_eq!(server.matches(&alias).count(), 2, "both aliases replaced");
    let prefix = dir.path();
    std::fs::write(prefix.join("thongbao.conf"), server).unwrap();
    let temporary = |name: &str| format!("{name}_temp_path {}/{name};", prefix.display());
    let main = format!(
        "daemon off;\nmaster_process off;\npid {p}/nginx.pid;\nerror_log {p}/error.log;\n\
         events {{ worker_connections 64; }}\n\
         http {{\n  access_log off;\n  {}\n  {}\n  {}\n  {}\n  {}\n  include {p}/thongbao.conf;\n}}\n",
        temporary("client_body"),
        temporary("proxy"),
        temporary("fastcgi"),
        temporary("uwsgi"),
        temporary("scgi"),
        p = prefix.display()
    );
    std::fs::write(prefix.join("nginx.conf"), main).unwrap();
    let mut nginx = Command::new("/usr/sbin/nginx");
    nginx.arg("-p").arg(prefix).arg("-c").arg(prefix.join("nginx.conf"));
    let log = prefix.join("error.log");
    nginx.arg("-e").arg(&log);
    let _running = Running::start(nginx, log, port);
    serves_the_site(&origin, &public);
}

#[test]
fn apache_serves_the_site_under_a_sub_path_with_the_documented_configuration() {
    if !installed("/usr/sbin/apache2", "apache2") {
        return;
    }
    let ServedSite {
        dir,
        port,
        origin,
        public,
    } = ServedSite::new();
    // docs/deploy/apache.conf as shipped, but for this folder.
    let shipped = ServedSite::shipped("apache.conf");
    let site = shipped.replace("/srv/thongbao/public", &public.display().to_string());
    let directives = site.lines().filter(|line| !line.trim_start().starts_with('#'));
    assert_eq!(
        directives
            .filter(|line| line.contains(&public.display().to_string()))
            .count(),
        3,
        "the Alias and both Directory paths replaced"
    );
    let prefix = dir.path();
    std::fs::write(prefix.join("thongbao.conf"), site).unwrap();
    std::fs::create_dir_all(prefix.join("empty")).unwrap();
    let modules = "/usr/lib/apache2/modules";
    let mut main = format!(
        "ServerRoot {p}\nDefaultRuntimeDir {p}\nPidFile {p}/httpd.pid\nErrorLog {p}/error.log\nMutex file:{p} default\n\
         Listen 127.0.0.1:{port}\nServerName 127.0.0.1\nDocumentRoot {p}/empty\nTypesConfig /dev/null\n",
        p = prefix.display()
    );
    for (module, file) in [
        ("mpm_event", "mod_mpm_event"),
        ("authz_core", "mod_authz_core"),
        ("alias", "mod_alias"),
        ("dir", "mod_dir"),
        ("mime", "mod_mime"),
        ("headers", "mod_headers"),
    ] {
        main.push_str(&format!("LoadModule {module}_module {modules}/{file}.so\n"));
    }
    if rustix::process::geteuid().is_root() {
        main.push_str("User nobody\nGroup nogroup\n");
    }
    main.push_str(&format!("Include {}/thongbao.conf\n", prefix.display()));
    std::fs::write(prefix.join("httpd.conf"), main).unwrap();
    let mut apache = Command::new("/usr/sbin/apache2");
    apache.arg("-f").arg(prefix.join("httpd.conf")).arg("-DFOREGROUND");
    let _running = Running::start(apache, prefix.join("error.log"), port);
    serves_the_site(&origin, &public);
}

/// The types docs/deploy/nginx.conf gives, by extension.
fn nginx_types(conf: &str) -> std::collections::BTreeMap<String, String> {
    let block = &conf[conf.find("types {").unwrap()..];
    let block = &block[..block.find('}').unwrap()];
    let mut types = std::collections::BTreeMap::new();
    for line in block.lines().skip(1) {
        let line = line.trim().trim_end_matches(';');
        let mut words = line.split_whitespace();
        if let Some(mime) = words.next() {
            for extension in words {
                types.insert(extension.to_string(), mime.to_string());
            }
        }
    }
    types
}

/// The types docs/deploy/apache.conf gives, by extension.
fn apache_types(conf: &str) -> std::collections::BTreeMap<String, String> {
    let mut types = std::collections::BTreeMap::new();
    for line in conf.lines().map(str::trim).filter(|line| line.starts_with("AddType ")) {
        let mut words = line.split_whitespace().skip(1);
        let mime = words.next().unwrap();
        for extension in words {
            types.insert(extension.trim_start_matches('.').to_string(), mime.to_string());
        }
    }
    types
}

/// The types docs/deploy/web.config gives, by extension, read with an XML
/// parser (so the file is well-formed too).
fn iis_types(conf: &str) -> std::collections::BTreeMap<String, String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(conf);
    let mut types = std::collections::BTreeMap::new();
    loop {
        match reader.read_event().expect("web.config is well-formed XML") {
            Event::Empty(element) if element.name().as_ref() == "mimeMap" => {
                let attribute = |name: &str| {
                    let attribute = element.try_get_attribute(name).unwrap().unwrap();
                    let value = attribute.normalized_value(quick_xml::XmlVersion::Implicit1_0).unwrap();
                    value.into_owned()
                };
                let extension = attribute("fileExtension").trim_start_matches('.').to_string();
                types.insert(extension, attribute("mimeType"));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    types
}

#[test]
fn the_nginx_apache_and_iis_configurations_give_every_file_the_same_type() {
    let read = ServedSite::shipped;
    let nginx_conf = read("nginx.conf");
    let apache_conf = read("apache.conf");
    let nginx = nginx_types(&nginx_conf);
    let apache = apache_types(&apache_conf);
    let iis = iis_types(&read("web.config"));
    assert!(nginx.len() >= 25, "{nginx:?}");
    assert_eq!(nginx, apache, "nginx.conf and apache.conf");
    let plain: std::collections::BTreeMap<String, String> = iis
        .iter()
        .map(|(extension, mime)| (extension.clone(), mime.split(';').next().unwrap().to_string()))
        .collect();
    assert_eq!(nginx, plain, "nginx.conf and web.config");

    // Every file thongbao writes has its type, in all three.
    let dir = tempfile::tempdir().unwrap();
    let public = build_sample(dir.path(), "http://intranet.example/luu-tru/");
    for path in crate::common::files_in(&public) {
        let extension = path.rsplit_once('.').unwrap().1;
        assert_eq!(
            nginx.get(extension).map(String::as_str),
            Some(expected_type(&path)),
            "{path}"
        );
    }
    // The text files are served as UTF-8 by each.
    let charset_types = nginx_conf
        .lines()
        .find(|line| line.trim().starts_with("charset_types"))
        .unwrap();
    let apache_charset = apache_conf
        .lines()
        .find(|line| line.trim().starts_with("AddCharset utf-8"))
        .unwrap();
    for extension in ["html", "css", "js", "json", "xml", "csv", "txt"] {
        // nginx's `charset` always covers text/html.
        assert!(
            extension == "html" || charset_types.contains(&nginx[extension]),
            "nginx: {extension}"
        );
        assert!(apache_charset.contains(&format!(".{extension}")), "apache: {extension}");
        assert!(iis[extension].ends_with("; charset=utf-8"), "iis: {extension}");
    }
}
