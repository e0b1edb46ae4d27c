//! `thongbao check`: the whole build, with nothing written.

use std::path::PathBuf;
use std::time::Instant;

use super::build::warning_suffix;
use super::{CommandError, seconds};
use crate::build::{BuildOptions, build_site};

#[derive(Debug, Clone)]
pub struct CheckArgs {
    pub root: PathBuf,
    pub options: BuildOptions,
}

/// Validates everything a build would; prints what it found.
pub fn run(args: &CheckArgs) -> Result<(), CommandError> {
    let started = Instant::now();
    let built = build_site(&args.root, &args.options).map_err(|errors| {
        errors.emit_to_stderr();
        CommandError::Content(errors)
    })?;
    built.warnings.emit_to_stderr();
    println!(
        "Checked {} notices, {} pages in {}: no errors{}",
        built.archive.notices().len(),
        built.page_count(),
        seconds(started.elapsed()),
        warning_suffix(built.warnings.warning_count()),
    );
    Ok(())
}
