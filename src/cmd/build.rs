//! `thongbao build`: the site into `public/`, swapped in only when whole.

use std::path::PathBuf;
use std::time::Instant;

use super::{CommandError, seconds};
use crate::model::files::OutputError;
use crate::pipeline::{BuildOptions, Builder};
use crate::write::output::{Progress, Staging, check_output_folder};
use crate::write::records::{self, Records};

#[derive(Debug, Clone)]
pub struct BuildArgs {
    pub root: PathBuf,
    /// Defaults to `public/` in the root.
    pub output: Option<PathBuf>,
    pub force: bool,
    /// Where build records are kept (`--cache-dir`); see [`crate::write::records`].
    pub cache_dir: Option<PathBuf>,
    /// Also write the site as one archive (`--zip`).
    pub zip: Option<PathBuf>,
    pub options: BuildOptions,
}

/// Builds and writes the site; prints warnings and one summary line.
pub fn run(args: &BuildArgs) -> Result<(), CommandError> {
    let started = Instant::now();
    let output = args.output.clone().unwrap_or_else(|| args.root.join("public"));
    let cache_root = records::cache_root(args.cache_dir.as_deref());
    let records = cache_root.as_deref().map(|cache| Records::for_output(cache, &output));
    check_output_folder(&args.root, &output, args.force, records.as_ref())
        .map_err(|error| CommandError::Usage(error.to_string()))?;
    if let Some(zip) = &args.zip {
        check_zip_target(zip, &output)?;
    }

    let output_error = |error: OutputError| match error {
        OutputError::Refused(reason) => CommandError::Usage(reason),
        io => CommandError::Io(io.to_string()),
    };
    // Pages go into a new folder beside the output as they are rendered;
    // it replaces the output only when the build succeeded.
    let mut staging = Staging::begin(&output).map_err(output_error)?;
    let mut progress = Progress::new(&mut staging);
    // Pages whose sources did not change since the build in `output` are
    // hard-linked from it instead of rendered.
    let mut builder = Builder::one_shot(&args.root, &args.options);
    if let Some(records) = records {
        builder.keep_unchanged_from(records);
    }
    builder.release_texts_after_linking();
    let built = builder.build(&mut progress);
    progress.finish();
    let built = built.map_err(|errors| {
        errors.emit_to_stderr();
        CommandError::Content(errors)
    })?;
    built.warnings.emit_to_stderr();
    // Every file the same as in the output, and no other: the output is
    // already this build, and is left alone.
    let nothing_new = staging.nothing_new() && builder.same_files_as_previous_output();
    if nothing_new {
        staging.keep_output();
    } else {
        staging.commit().map_err(output_error)?;
    }
    // The records follow the output: a build killed before they are
    // written leaves records whose stamps no longer match the new files,
    // which the next build therefore makes again.
    if let Err(error) = builder.write_records(nothing_new) {
        eprintln!("warning: cannot keep the build records ({error}); the next build will be a full one");
    }
    if let Some(cache) = &cache_root {
        records::sweep(cache);
    }
    if let Some(zip) = &args.zip {
        crate::write::bundle::zip_site(&output, zip, built.archive.site.config.today).map_err(output_error)?;
    }
    let kept = match built.pages - built.rendered {
        0 => String::new(),
        kept => format!(" ({kept} unchanged)"),
    };
    let zipped = match &args.zip {
        Some(zip) => format!(" and {}", zip.display()),
        None => String::new(),
    };
    println!(
        "Built {} notices, {} pages{kept} in {} → {}{zipped}{}{}",
        built.archive.notices().len(),
        built.pages,
        seconds(started.elapsed()),
        output.display(),
        if nothing_new { " (nothing changed)" } else { "" },
        warning_suffix(built.warnings.warning_count()),
    );
    // The process ends here: freeing every notice, body and page record
    // one by one would only delay the exit (0.8 s at 100,000 notices).
    std::mem::forget(built);
    std::mem::forget(builder);
    Ok(())
}

/// Refuses an archive that is not a `.zip`, or that would land inside the
/// output (where the next build would find a file it did not make).
fn check_zip_target(zip: &std::path::Path, output: &std::path::Path) -> Result<(), CommandError> {
    let is_zip = zip
        .extension()
        .is_some_and(|extension| extension.eq_ignore_ascii_case("zip"));
    if !is_zip {
        return Err(CommandError::Usage(format!(
            "--zip {}: the archive's name must end in .zip",
            zip.display()
        )));
    }
    let absolute = |path: &std::path::Path| std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let (zip_at, output_at) = (absolute(zip), absolute(output));
    let inside = zip_at.starts_with(&output_at)
        || zip_at
            .parent()
            .and_then(|parent| parent.canonicalize().ok())
            .zip(output_at.canonicalize().ok())
            .is_some_and(|(parent, output)| parent.starts_with(output));
    if inside {
        return Err(CommandError::Usage(format!(
            "--zip {}: the archive cannot go inside the output folder {}",
            zip.display(),
            output.display()
        )));
    }
    if zip_at.is_dir() {
        return Err(CommandError::Usage(format!(
            "--zip {}: that is a folder",
            zip.display()
        )));
    }
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
