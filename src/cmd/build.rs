//! `thongbao build`: the site into `public/`, swapped in only when whole.

use std::path::PathBuf;
use std::time::Instant;

use super::{CommandError, seconds};
use crate::build::{BuildOptions, build_site};
use crate::output::{OutputError, check_output_folder, write_site};

#[derive(Debug, Clone)]
pub struct BuildArgs {
    pub root: PathBuf,
    /// Defaults to `public/` in the root.
    pub output: Option<PathBuf>,
    pub force: bool,
    pub options: BuildOptions,
}

/// Builds and writes the site; prints warnings and one summary line.
pub fn run(args: &BuildArgs) -> Result<(), CommandError> {
    let started = Instant::now();
    let output = args.output.clone().unwrap_or_else(|| args.root.join("public"));
    check_output_folder(&args.root, &output, args.force).map_err(|error| CommandError::Usage(error.to_string()))?;

    let built = build_site(&args.root, &args.options).map_err(|errors| {
        errors.emit_to_stderr();
        CommandError::Content(errors)
    })?;
    built.warnings.emit_to_stderr();
    write_site(&output, &built.files).map_err(|error| match error {
        OutputError::Refused(reason) => CommandError::Usage(reason),
        io => CommandError::Io(io.to_string()),
    })?;
    println!(
        "Built {} notices, {} pages in {} → {}{}",
        built.archive.notices().len(),
        built.page_count(),
        seconds(started.elapsed()),
        output.display(),
        warning_suffix(built.warnings.warning_count()),
    );
    Ok(())
}

/// ", 2 warnings" when there are any.
pub fn warning_suffix(count: usize) -> String {
    match count {
        0 => String::new(),
        1 => ", 1 warning".to_string(),
        n => format!(", {n} warnings"),
    }
}
