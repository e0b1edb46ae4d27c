//! `build --zip FILE.zip`: the built site as one archive, to hand to a unit
//! on a USB stick or put on a share (SPEC §11). The same site gives the same
//! bytes: files in path order, each dated the build's day (the day of
//! `SOURCE_DATE_EPOCH` when set), with the same permissions, whatever the
//! machine.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, System, ZipWriter};

use crate::model::files::{OutputError, io_error};

/// A file larger than this needs the ZIP64 form (readers have had it for
/// twenty years, but a small site should not need it).
const ZIP64_FROM: u64 = 0xFFFF_0000;

/// Writes every file under `site` into the archive `target`: first into a
/// temporary file beside it, renamed over it only when whole, so that a
/// failed run leaves the archive of the last one.
pub fn zip_site(site: &Path, target: &Path, day: jiff::civil::Date) -> Result<(), OutputError> {
    let folder = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let temporary = tempfile::Builder::new()
        .prefix(".thongbao-zip-")
        .tempfile_in(&folder)
        .map_err(io_error(target))?;
    let files = site_files(site)?;
    let stamp = DateTime::from_date_and_time(day.year() as u16, day.month() as u8, day.day() as u8, 0, 0, 0)
        .unwrap_or_default();
    let mut zip = ZipWriter::new(BufWriter::new(temporary.as_file()));
    for (name, path) in &files {
        let mut source = File::open(path).map_err(io_error(path))?;
        let size = source.metadata().map_err(io_error(path))?.len();
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .last_modified_time(stamp)
            .system(System::Unix)
            .unix_permissions(0o644)
            .large_file(size >= ZIP64_FROM);
        zip.start_file(name.as_str(), options).map_err(zip_error(target))?;
        io::copy(&mut source, &mut zip).map_err(io_error(target))?;
    }
    let mut buffered = zip.finish().map_err(zip_error(target))?;
    buffered.flush().map_err(io_error(target))?;
    drop(buffered);
    temporary.as_file().sync_all().map_err(io_error(target))?;
    temporary
        .persist(target)
        .map_err(|error| io_error(target)(error.error))?;
    Ok(())
}

/// Every file under `site`, as its `/`-separated name in the archive and its
/// path, in name order.
fn site_files(site: &Path) -> Result<Vec<(String, PathBuf)>, OutputError> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(site) {
        let entry = entry.map_err(|error| OutputError::Io {
            path: error.path().unwrap_or(site).to_path_buf(),
            error: error.into(),
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let relative = entry.path().strip_prefix(site).unwrap_or(entry.path());
        let name: Vec<String> = relative
            .components()
            .map(|part| part.as_os_str().to_string_lossy().into_owned())
            .collect();
        files.push((name.join("/"), entry.path().to_path_buf()));
    }
    // By the whole name, as unzip tools list them.
    files.sort();
    Ok(files)
}

fn zip_error(target: &Path) -> impl FnOnce(zip::result::ZipError) -> OutputError + '_ {
    move |error| OutputError::Io {
        path: target.to_path_buf(),
        error: io::Error::other(error),
    }
}
