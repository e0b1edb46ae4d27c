//! A small site in a temporary folder, and the real `thongbao` binary run on it.
#![allow(dead_code)]

pub mod browser;
pub mod server;
pub mod static_server;

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use tempfile::TempDir;

pub struct TestSite {
    dir: TempDir,
    /// The build records' folder (`THONGBAO_CACHE_DIR`), apart from the site.
    cache: TempDir,
}

impl TestSite {
    /// An empty site (no site.toml, no content).
    pub fn new() -> TestSite {
        TestSite {
            dir: tempfile::tempdir().expect("temp dir"),
            cache: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.root().join(relative)
    }

    /// Writes a file, creating its folders.
    pub fn write(&self, relative: &str, contents: impl AsRef<[u8]>) -> &Self {
        let path = self.path(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
        self
    }

    /// Writes a notice with the given front matter lines and body.
    pub fn notice(&self, relative: &str, front_matter: &str, body: &str) -> &Self {
        self.write(
            &format!("content/{relative}"),
            format!("+++\n{front_matter}\n+++\n\n{body}\n"),
        )
    }

    /// A valid notice with a number, a date and a title.
    pub fn simple(&self, relative: &str, number: &str, date: &str, title: &str) -> &Self {
        self.notice(
            relative,
            &format!("title = \"{title}\"\nnumber = \"{number}\"\ndate = {date}"),
            "Nội dung.",
        )
    }

    /// The folder builds of this site keep their records in.
    pub fn cache(&self) -> &Path {
        self.cache.path()
    }

    /// The build record `name` (`pages`, `links`) of builds into `public/`.
    pub fn record(&self, name: &str) -> PathBuf {
        self.record_of("public", name)
    }

    /// The build record `name` of builds into `output` (under the site).
    pub fn record_of(&self, output: &str, name: &str) -> PathBuf {
        let wanted = self.path(output).canonicalize().expect("the output exists");
        let outputs: Vec<PathBuf> = std::fs::read_dir(self.cache().join("outputs"))
            .expect("a build kept records")
            .map(|entry| entry.unwrap().path())
            .filter(|dir| std::fs::read_to_string(dir.join("output")).is_ok_and(|named| Path::new(&named) == wanted))
            .collect();
        assert_eq!(outputs.len(), 1, "one folder of records for {}", wanted.display());
        outputs[0].join(name)
    }

    pub fn remove(&self, relative: &str) {
        std::fs::remove_file(self.path(relative)).unwrap();
    }

    /// `thongbao ARGS --root SITE`, ready to run.
    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::cargo_bin("thongbao").unwrap();
        command
            .args(args)
            .arg("--root")
            .arg(self.root())
            .env("NO_COLOR", "1")
            .env("THONGBAO_CACHE_DIR", self.cache());
        command
    }

    /// Runs `thongbao ARGS --root SITE`.
    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }

    /// Runs thongbao with no program on its PATH: what a machine without
    /// poppler or LibreOffice sees.
    pub fn run_without_tools(&self, args: &[&str]) -> Output {
        let empty = self.path(".no-tools");
        std::fs::create_dir_all(&empty).unwrap();
        let mut command = Command::cargo_bin("thongbao").unwrap();
        command
            .args(args)
            .arg("--root")
            .arg(self.root())
            .env("PATH", &empty)
            .env("NO_COLOR", "1")
            .env("THONGBAO_CACHE_DIR", self.cache());
        command.output().unwrap()
    }

    pub fn build(&self) -> Output {
        self.run(&["build"])
    }

    /// Runs `thongbao ARGS --root SITE` as if on `day` (SOURCE_DATE_EPOCH).
    pub fn run_as_of(&self, args: &[&str], day: &str) -> Output {
        self.command(args)
            .env("SOURCE_DATE_EPOCH", epoch_of(day).to_string())
            .output()
            .unwrap()
    }

    /// Builds as if on `day` (`2024-05-01`): validity is worked out as of
    /// the build's date, which `SOURCE_DATE_EPOCH` sets.
    pub fn build_as_of(&self, day: &str) -> Output {
        let mut command = Command::cargo_bin("thongbao").unwrap();
        command
            .args(["build", "--root"])
            .arg(self.root())
            .env("NO_COLOR", "1")
            .env("THONGBAO_CACHE_DIR", self.cache())
            .env("SOURCE_DATE_EPOCH", epoch_of(day).to_string());
        let output = command.output().unwrap();
        assert_eq!(output.status.code(), Some(0), "build failed:\n{}", text(&output));
        output
    }

    /// Builds and insists it succeeded.
    pub fn build_ok(&self, extra: &[&str]) -> Output {
        let mut args = vec!["build"];
        args.extend_from_slice(extra);
        let output = self.run(&args);
        assert_eq!(output.status.code(), Some(0), "build failed:\n{}", text(&output));
        output
    }

    /// A file of the built site.
    pub fn read(&self, relative: &str) -> String {
        let path = self.path("public").join(relative);
        std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
    }

    /// A file of the site's own folder (content/, site.toml…).
    pub fn read_source(&self, relative: &str) -> String {
        let path = self.path(relative);
        std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
    }

    pub fn exists(&self, relative: &str) -> bool {
        self.path("public").join(relative).exists()
    }

    /// Every file under a folder of the site with its bytes, sorted by path.
    pub fn snapshot(&self, relative: &str) -> Vec<(String, Vec<u8>)> {
        let root = self.path(relative);
        self.files(relative)
            .into_iter()
            .map(|file| {
                let bytes = std::fs::read(root.join(&file)).unwrap();
                (file, bytes)
            })
            .collect()
    }

    /// Every file under a folder of the site, relative to it, sorted.
    pub fn files(&self, relative: &str) -> Vec<String> {
        let root = self.path(relative);
        let mut files: Vec<String> = walkdir::WalkDir::new(&root)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|entry| entry.file_type().is_file())
            .map(|entry| entry.path().strip_prefix(&root).unwrap().to_string_lossy().into_owned())
            .collect();
        files.sort();
        files
    }
}

/// The repository's sample site built into `public`, with `extra`
/// arguments, its build records in a folder beside it, as if on `day`
/// when given; fails the test unless the build succeeds.
pub fn build_sample_into(public: &Path, extra: &[&str], day: Option<&str>) -> PathBuf {
    let mut command = Command::cargo_bin("thongbao").unwrap();
    command
        .args(["build", "--root", env!("CARGO_MANIFEST_DIR"), "--output"])
        .arg(public)
        .args(extra)
        .env("NO_COLOR", "1")
        .env("THONGBAO_CACHE_DIR", public.with_extension("cache"));
    if let Some(day) = day {
        command.env("SOURCE_DATE_EPOCH", epoch_of(day).to_string());
    }
    let output = command.output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    public.to_path_buf()
}

/// Every `href`, `src` and `action` of a page, unescaped.
pub fn links_of(html: &str) -> Vec<String> {
    static ATTRIBUTE: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r#"\s(?:href|src|action)="([^"]*)""#).unwrap());
    ATTRIBUTE
        .captures_iter(html)
        .map(|capture| capture[1].replace("&amp;", "&"))
        .collect()
}

/// Every file under `folder`, by its `/`-separated path there, sorted.
pub fn files_in(folder: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(folder)
        .into_iter()
        .map(Result::unwrap)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            let path = entry.path().strip_prefix(folder).unwrap();
            path.to_string_lossy().replace('\\', "/")
        })
        .collect();
    files.sort();
    files
}

/// Standard output and error together.
/// Seconds since 1970 at noon UTC of `day` (`YYYY-MM-DD`): the same day in
/// every time zone a test machine has.
pub fn epoch_of(day: &str) -> i64 {
    let parts: Vec<i64> = day.split('-').map(|part| part.parse().unwrap()).collect();
    let (mut year, month, date) = (parts[0], parts[1], parts[2]);
    // Days from the civil calendar (Howard Hinnant's algorithm).
    if month <= 2 {
        year -= 1;
    }
    let era = year.div_euclid(400);
    let of_era = year - era * 400;
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + date - 1;
    let day_of_era = of_era * 365 + of_era / 4 - of_era / 100 + day_of_year;
    (era * 146_097 + day_of_era - 719_468) * 86_400 + 12 * 3600
}

/// Runs a Python 3 script (`python3 -c SCRIPT ARGS…`) with `stdin` on its
/// standard input, and reads the JSON it prints. `None`, with a note, when
/// Python or one of `modules` is missing, except in CI, where `.ci/run`
/// installs them.
pub fn python_json(
    modules: &[&str],
    script: &str,
    args: &[&std::ffi::OsStr],
    stdin: &str,
) -> Option<serde_json::Value> {
    let imports = format!(
        "import json{}",
        modules.iter().map(|module| format!(", {module}")).collect::<String>()
    );
    if !tool("python3", &["-c", &imports]) {
        assert!(
            std::env::var("CI").is_err(),
            "python3 with {modules:?} must be installed in CI (see .ci/run)"
        );
        eprintln!("skipped: python3 with {modules:?} is not installed");
        return None;
    }
    let mut child = std::process::Command::new("python3")
        .args(["-c", script])
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("python3 starts");
    use std::io::Write as _;
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    Some(serde_json::from_slice(&output.stdout).expect("the script prints JSON"))
}

pub fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Whether a tool runs here (`probe`: arguments it answers successfully);
/// when it does not, the test skips outside CI and fails in CI.
pub fn tool(program: &str, probe: &[&str]) -> bool {
    let found = Command::new(program)
        .args(probe)
        .output()
        .is_ok_and(|output| output.status.success());
    if !found {
        assert!(
            std::env::var("CI").is_err(),
            "{program} must be installed in CI (see .ci/run)"
        );
        eprintln!("skipped: {program} is not installed");
    }
    found
}
