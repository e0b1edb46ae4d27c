//! The command line: parses arguments, runs one command, maps its outcome
//! to an exit status (0 success, 1 errors in the content, 2 usage).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use thongbao::cmd;
use thongbao::pipeline::BuildOptions;

#[global_allocator]
static ALLOCATOR: thongbao::Allocator = thongbao::Allocator;

#[derive(Parser)]
#[command(
    name = "thongbao",
    version,
    about = "Publish official conclusion notices as a static, cross-linked archive"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into public/ (replaced only when every page rendered)
    Build {
        /// The site's folder
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site [default: ROOT/public]
        #[arg(long)]
        output: Option<PathBuf>,
        /// Include notices with draft = true
        #[arg(long)]
        drafts: bool,
        /// Replace base_url from site.toml
        #[arg(long)]
        base_url: Option<String>,
        /// Make every link relative, so the site works opened from a folder,
        /// a share or a USB stick (as relative_urls = true in site.toml)
        #[arg(long)]
        relative: bool,
        /// Also write the built site as one deterministic .zip archive
        #[arg(long, value_name = "FILE.zip")]
        zip: Option<PathBuf>,
        /// Replace an output folder that holds files thongbao did not make
        #[arg(long)]
        force: bool,
        /// Where to keep what speeds up the next build [default: $THONGBAO_CACHE_DIR, else the user's cache folder]
        #[arg(long)]
        cache_dir: Option<PathBuf>,
    },
    /// Preview the site: build into a private folder, serve it, rebuild on
    /// every change and reload open browser tabs
    Serve {
        /// The site's folder
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The address to listen on
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// The port to listen on (0: any free port)
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Include notices with draft = true
        #[arg(long)]
        drafts: bool,
        /// Serve the authoring pages (/_thongbao/) on an address other
        /// than 127.0.0.1 too: anyone who reaches it can change notices
        #[arg(long)]
        allow_editing: bool,
    },
    /// Scaffold a notice with today's date and the issuer's next number
    New {
        /// The site's folder
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The kind [default: default_kind from site.toml]
        #[arg(long)]
        kind: Option<String>,
        /// The issuer [default: issuer from site.toml]
        #[arg(long)]
        issuer: Option<String>,
        /// The notice's title
        title: String,
    },
    /// Turn notices as offices hold them (text copies, PDFs, folders of them) into Markdown notices
    Import {
        /// The notices: text files (.txt: UTF-8, UTF-16, Windows-1258, TCVN3,
        /// VNI), PDFs with a text layer (.pdf), or folders of them
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The site's folder
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the notice [default: content/YEAR/SLUG.md]
        #[arg(long)]
        out: Option<PathBuf>,
        /// Replace a notice file that exists
        #[arg(long)]
        force: bool,
        /// Show what was found in each file, and write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Make a new site: site.toml, content/ with an example notice
    Init {
        /// The new site's folder (new or empty)
        folder: PathBuf,
        /// Write the built-in theme into themes/default/ for editing
        #[arg(long)]
        copy_theme: bool,
    },
    /// Validate everything a build would, writing nothing
    Check {
        /// The site's folder
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Also check that every href and src of every page leads to a file
        /// of the site (anchors included)
        #[arg(long)]
        links: bool,
        /// Print only the tasks past their deadline and not done, per unit
        #[arg(long)]
        tasks: bool,
        /// Check the site as `build --relative` makes it (links to folders
        /// are then broken too)
        #[arg(long)]
        relative: bool,
        /// Include notices with draft = true
        #[arg(long)]
        drafts: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build {
            root,
            output,
            drafts,
            base_url,
            relative,
            zip,
            force,
            cache_dir,
        } => cmd::build::run(&cmd::build::BuildArgs {
            root,
            output,
            force,
            cache_dir,
            zip,
            options: BuildOptions {
                drafts,
                base_url,
                relative,
            },
        }),
        Command::Serve {
            root,
            bind,
            port,
            drafts,
            allow_editing,
        } => thongbao::serve::run(&thongbao::serve::ServeArgs {
            root,
            bind,
            port,
            drafts,
            allow_editing,
        }),
        Command::New {
            root,
            kind,
            issuer,
            title,
        } => cmd::new::run(&cmd::new::NewArgs {
            root,
            title,
            kind,
            issuer,
        }),
        Command::Import {
            files,
            root,
            out,
            force,
            dry_run,
        } => cmd::import::run(&cmd::import::ImportArgs {
            files,
            root,
            out,
            force,
            dry_run,
        }),
        Command::Init { folder, copy_theme } => cmd::init::run(&cmd::init::InitArgs { folder, copy_theme }),
        Command::Check {
            root,
            drafts,
            links,
            tasks,
            relative,
        } => cmd::check::run(&cmd::check::CheckArgs {
            root,
            links,
            tasks_only: tasks,
            options: BuildOptions {
                drafts,
                base_url: None,
                relative,
            },
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("thongbao: {error}");
            ExitCode::from(error.exit_code() as u8)
        }
    }
}
