//! `thongbao serve`: builds into a private folder (never `public/`), serves
//! it on 127.0.0.1, watches the sources, rebuilds what a change touches and
//! reloads open tabs. A change that breaks the build shows its errors in
//! the terminal and in every tab while the last good site stays served.

mod authoring;
mod http;
mod live;
mod watch;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Instant;

pub use watch::{Change, classify};

use crate::cmd::CommandError;
use crate::model::files::Collect;
use crate::pipeline::{BuildOptions, Builder, Changes, Rebuilt};
use crate::write::output::InPlace;
use live::Live;

/// The preview server's settings.
#[derive(Debug, Clone)]
pub struct ServeArgs {
    pub root: PathBuf,
    pub bind: String,
    pub port: u16,
    pub drafts: bool,
    /// The authoring pages on an address other than the loopback one.
    pub allow_editing: bool,
}

/// Runs the preview server until Ctrl+C (or SIGTERM, SIGHUP).
pub fn run(args: &ServeArgs) -> Result<(), CommandError> {
    let address: SocketAddr = format!("{}:{}", args.bind, args.port)
        .parse()
        .or_else(|_| format!("[{}]:{}", args.bind, args.port).parse())
        .map_err(|_| CommandError::Usage(format!("--bind {:?} is not an IP address", args.bind)))?;
    let listener = std::net::TcpListener::bind(address).map_err(|error| {
        CommandError::Usage(match error.kind() {
            std::io::ErrorKind::AddrInUse => {
                format!(
                    "port {} on {} is already in use; choose another with --port",
                    args.port, args.bind
                )
            }
            _ => format!("cannot listen on {address}: {error}"),
        })
    })?;
    let address = listener
        .local_addr()
        .map_err(|error| CommandError::Io(error.to_string()))?;

    // Named with this process's id, so that a later preview can tell the
    // folder of a preview that was killed from that of one still running.
    std::thread::spawn(|| remove_stale_folders(&std::env::temp_dir()));
    let folder = tempfile::Builder::new()
        .prefix(&format!("{FOLDER_PREFIX}{}-", std::process::id()))
        .tempdir()
        .map_err(|error| CommandError::Io(format!("cannot make the preview's build folder: {error}")))?;
    let canonical = folder
        .path()
        .canonicalize()
        .map_err(|error| CommandError::Io(error.to_string()))?;
    let live = Arc::new(Live::new());
    // The authoring pages write files: on another machine's reach only
    // when asked for.
    let editing = address.ip().is_loopback() || args.allow_editing;
    if !address.ip().is_loopback() {
        if args.allow_editing {
            eprintln!(
                "warning: --allow-editing on {address}: anyone who can reach this address can change the notices in content/"
            );
        } else {
            eprintln!(
                "note: the authoring pages (/_thongbao/) are off on {address}; pass --allow-editing to turn them on"
            );
        }
    }

    // Links point at this server, whatever base_url says.
    let options = BuildOptions {
        drafts: args.drafts,
        base_url: Some(format!("http://{address}/")),
        // With `relative_urls = true` in site.toml the preview links
        // relatively too, as the folder site will.
        relative: false,
    };
    let mut builder = Builder::new(&args.root, options);
    builder.defer_site_files();
    let (site_files, jobs) = mpsc::channel();
    let worker_folder = canonical.clone();
    std::thread::spawn(move || site_files_worker(worker_folder, jobs));
    let mut preview = Preview {
        site_files,
        builder,
        written: InPlace::new(&canonical),
        live: live.clone(),
    };
    preview.rebuild("first build", &Changes::default());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|error| CommandError::Io(error.to_string()))?;
    // Taken over before the address is printed: from then on a stop request
    // is always a clean stop.
    let stop = {
        let _inside = runtime.enter();
        stop_requested()
    };
    println!(
        "Serving {} at http://{address}/ (press Ctrl+C to stop)",
        args.root.display()
    );

    let (sender, changes) = mpsc::channel();
    let watcher = watch::watch(&args.root, sender)
        .map_err(|error| CommandError::Io(format!("cannot watch the site: {error}")))?;
    let root = args.root.clone();
    std::thread::spawn(move || preview.follow(&root, changes, watcher));

    let authoring = editing.then(|| authoring::Authoring {
        root: args.root.clone(),
        token: authoring::new_token().into(),
        live: live.clone(),
        stash: Default::default(),
    });
    let served = http::Served {
        folder: canonical,
        live,
    };
    runtime.block_on(async move {
        listener
            .set_nonblocking(true)
            .map_err(|error| CommandError::Io(error.to_string()))?;
        let listener =
            tokio::net::TcpListener::from_std(listener).map_err(|error| CommandError::Io(error.to_string()))?;
        let (stopping, stopped) = tokio::sync::oneshot::channel::<()>();
        let serving = axum::serve(listener, http::router(served, authoring)).with_graceful_shutdown(async move {
            stop.await;
            let _ = stopping.send(());
        });
        tokio::select! {
            served = std::future::IntoFuture::into_future(serving) => {
                served.map_err(|error| CommandError::Io(error.to_string()))
            }
            // An open tab holds its event stream for as long as it is open,
            // and a graceful stop waits for every connection: requests in
            // flight get a second, then the streams are dropped.
            _ = async {
                match stopped.await {
                    Ok(()) => tokio::time::sleep(std::time::Duration::from_secs(1)).await,
                    Err(_) => std::future::pending().await,
                }
            } => Ok(()),
        }
    })?;
    drop(folder);
    println!("Stopped; the preview's build folder is removed.");
    Ok(())
}

/// The start of the name of each preview's build folder in the system's
/// temporary folder; the owner's process id and a random part follow.
const FOLDER_PREFIX: &str = "thongbao-serve-";

/// Resolves when the preview is asked to stop: Ctrl+C, and on Unix also
/// SIGTERM (`kill`, a service manager) and SIGHUP (its terminal closed).
/// Each stops it cleanly, so its build folder is removed. The signals are
/// taken over when this is called, inside the runtime, not when the future
/// is first polled.
fn stop_requested() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let taken = (
            signal(SignalKind::interrupt()),
            signal(SignalKind::terminate()),
            signal(SignalKind::hangup()),
        );
        async move {
            match taken {
                (Ok(mut interrupt), Ok(mut terminate), Ok(mut hangup)) => {
                    tokio::select! {
                        _ = interrupt.recv() => {}
                        _ = terminate.recv() => {}
                        _ = hangup.recv() => {}
                    }
                }
                _ => {
                    let _ = tokio::signal::ctrl_c().await;
                }
            }
        }
    }
    #[cfg(not(unix))]
    async {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Removes the build folders that previews killed without a chance to
/// clean up (SIGKILL, a crash, a power cut) left in `temp`: those whose
/// process is gone. A large archive's folder holds gigabytes.
fn remove_stale_folders(temp: &Path) {
    let Ok(entries) = std::fs::read_dir(temp) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(owner) = name
            .to_str()
            .and_then(|name| name.strip_prefix(FOLDER_PREFIX))
            .and_then(|rest| rest.split_once('-'))
            .and_then(|(pid, _)| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if owner != std::process::id() && !process_is_running(owner) && std::fs::remove_dir_all(entry.path()).is_ok() {
            eprintln!(
                "Removed {}, left by a preview that was stopped without cleaning up",
                entry.path().display()
            );
        }
    }
}

/// Whether a process with this id runs (perhaps as another user).
fn process_is_running(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Some(pid) = i32::try_from(pid).ok().and_then(rustix::process::Pid::from_raw) else {
            return false;
        };
        !matches!(rustix::process::test_kill_process(pid), Err(rustix::io::Errno::SRCH))
    }
    // Elsewhere no folder is taken for stale.
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// The rebuild side: a warm [`Builder`], the folder it writes, and the tabs
/// to tell.
struct Preview {
    builder: Builder,
    written: InPlace,
    live: Arc<Live>,
    /// The worker making the site-wide files of the newest good build.
    site_files: mpsc::Sender<SiteFilesJob>,
}

/// What the site-wide files of a build are made from.
type SiteFilesJob = (
    Arc<crate::link::archive::Archive>,
    Arc<Vec<crate::outputs::sitemap::SitemapEntry>>,
);

/// Makes and writes the site-wide files (search index, feeds, sitemap,
/// register) of each good build, skipping to the newest when builds come
/// faster than it: they depend on every notice, and the pages' reload
/// must not wait for them.
fn site_files_worker(folder: PathBuf, jobs: mpsc::Receiver<SiteFilesJob>) {
    let mut written = InPlace::new(&folder);
    // One core: the other is the next rebuild's.
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().ok();
    while let Ok(mut job) = jobs.recv() {
        // A clerk saving several times in a row gets the index once.
        std::thread::sleep(std::time::Duration::from_millis(150));
        while let Ok(newer) = jobs.try_recv() {
            job = newer;
        }
        let make = || crate::render::pages::site_files(&job.0, &job.1);
        let files = match &pool {
            Some(pool) => pool.install(make),
            None => make(),
        };
        if let Err(error) = written.write_all(&files) {
            eprintln!("cannot write the search index, feeds and sitemap: {error}");
        }
    }
}

impl Preview {
    /// Rebuilds after `changes` ([`Builder::apply`]), writes what changed
    /// and tells the tabs; prints one line.
    fn rebuild(&mut self, what: &str, changes: &Changes) {
        let started = Instant::now();
        // Collected whole, so a build that fails half way changes nothing
        // in the served folder.
        let mut files = Collect::default();
        match self.builder.apply(changes, &mut files) {
            Ok(Rebuilt::Edited(built)) => {
                let written = self.written.write_some(&files.0);
                self.published(what, started, built, written);
            }
            Ok(Rebuilt::Whole(built)) => {
                let written = self.written.write_all(&files.0);
                self.published(what, started, built, written);
            }
            Err(errors) => {
                errors.emit_to_stderr();
                self.live.record(&errors);
                self.live.failed(&errors);
                eprintln!(
                    "{what}: {} error{}; still serving the last good build",
                    errors.error_count(),
                    if errors.error_count() == 1 { "" } else { "s" }
                );
            }
        }
    }

    /// Tells the tabs about a build written into the served folder, prints
    /// its line, and hands it to the worker for the site-wide files.
    fn published(
        &mut self,
        what: &str,
        started: Instant,
        built: crate::pipeline::Built,
        written: Result<crate::write::output::WriteStats, crate::model::files::OutputError>,
    ) {
        let stats = match written {
            Ok(stats) => stats,
            Err(error) => {
                eprintln!("{what}: cannot write the preview: {error}");
                // What the folder holds is no longer known: all anew next time.
                self.builder.clear();
                return;
            }
        };
        built.warnings.emit_to_stderr();
        self.live.record(&built.warnings);
        self.live.rebuilt(&built.archive);
        let pages_done = started.elapsed();
        let removed = match stats.removed {
            0 => String::new(),
            n => format!(", {n} removed"),
        };
        println!(
            "{what}: {} notices, {} pages rendered, {} files written{removed} in {:.0} ms",
            built.archive.notices().len(),
            built.rendered,
            stats.written,
            pages_done.as_secs_f64() * 1000.0
        );
        // The tabs reload now; the search index, feeds, sitemap and
        // register (every notice's) follow from the worker.
        let _ = self.site_files.send((built.archive, self.builder.sitemap_entries()));
    }

    /// Rebuilds after each batch of changes until the watcher stops.
    fn follow<W>(mut self, root: &Path, changes: mpsc::Receiver<Vec<PathBuf>>, mut watcher: W)
    where
        W: WatchMore,
    {
        while let Ok(mut paths) = changes.recv() {
            // Take whatever else arrived meanwhile: one rebuild for all.
            while let Ok(more) = changes.try_recv() {
                paths.extend(more);
            }
            paths.sort();
            paths.dedup();
            let kinds: Vec<Change> = paths.iter().filter_map(|path| classify(root, path)).collect();
            // A folder made since (content/ or templates/ itself, made after
            // the preview started): watch it. Re-adding a recursive watch
            // walks the whole folder, so an edit to a file does not; folders
            // made inside a watched one are followed by the watch itself.
            if paths.iter().any(|path| path.is_dir()) {
                watcher.watch_new_folders(root);
            }
            let what = match paths.as_slice() {
                [one] => format!(
                    "{} changed",
                    crate::support::diagnostics::display_path(root, one).display()
                ),
                many => format!("{} files changed", many.len()),
            };
            let changes = Changes {
                notices_only: kinds.len() == paths.len() && kinds.iter().all(|kind| *kind == Change::Notice),
                content_files: kinds.contains(&Change::ContentFile),
                paths,
            };
            self.rebuild(&what, &changes);
        }
    }
}

/// Lets the rebuild loop add watches for folders created after the start.
trait WatchMore {
    fn watch_new_folders(&mut self, root: &Path);
}

impl WatchMore
    for notify_debouncer_full::Debouncer<notify::RecommendedWatcher, notify_debouncer_full::RecommendedCache>
{
    fn watch_new_folders(&mut self, root: &Path) {
        for folder in ["content", "templates", "themes"] {
            let path = root.join(folder);
            if path.is_dir() {
                // Watching a watched folder again is harmless.
                let _ = self.watch(&path, notify::RecursiveMode::Recursive);
            }
        }
    }
}
