//! What the search benchmarks share: Debian's headless Chromium, and the
//! built site served by Python's http.server with its request log kept, so
//! that what a page fetched (from a worker too) can be counted.
// Each example uses only part of this.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use headless_chrome::{Browser, LaunchOptions};

/// A headless Chromium with the flags a closed network needs.
pub fn chromium(profile: &Path) -> Browser {
    let flags: Vec<&OsStr> = [
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
    ]
    .iter()
    .map(OsStr::new)
    .collect();
    Browser::new(
        LaunchOptions::default_builder()
            .path(Some(PathBuf::from("/usr/bin/chromium")))
            .sandbox(false)
            .user_data_dir(Some(profile.to_path_buf()))
            .idle_browser_timeout(Duration::from_secs(600))
            .args(flags)
            .build()
            .unwrap(),
    )
    .expect("chromium starts")
}

/// `folder` served on 127.0.0.1:`port`, stopped when dropped.
pub struct Served {
    child: Child,
    log: PathBuf,
    _dir: tempfile::TempDir,
}

impl Served {
    pub fn start(folder: &Path, port: u16) -> Served {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("requests.log");
        let child = Command::new("python3")
            .args([
                "-u",
                "-m",
                "http.server",
                &port.to_string(),
                "--bind",
                "127.0.0.1",
                "--directory",
            ])
            .arg(folder)
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .expect("python3 serves the site");
        std::thread::sleep(Duration::from_millis(800));
        Served { child, log, _dir: dir }
    }

    /// How many bytes of log there are now: where the next requests begin.
    pub fn mark(&self) -> u64 {
        std::fs::metadata(&self.log).map_or(0, |meta| meta.len())
    }

    /// The paths asked for since `mark`, as the log names them.
    pub fn requested_since(&self, mark: u64) -> Vec<String> {
        let log = std::fs::read(&self.log).unwrap_or_default();
        String::from_utf8_lossy(&log[(mark as usize).min(log.len())..])
            .lines()
            .filter_map(|line| {
                let request = line.split('"').nth(1)?;
                let path = request.strip_prefix("GET ")?.split(' ').next()?;
                Some(path.split('?').next().unwrap_or(path).to_string())
            })
            .collect()
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
