//! `.doc`, `.odt` and `.rtf` files, converted to `.docx` by LibreOffice
//! (`soffice --headless --convert-to docx`) in a temporary folder, then
//! read as Word files. Bounded: LibreOffice is stopped after
//! [`TIME_LIMIT`].

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long a conversion may take.
pub const TIME_LIMIT: Duration = Duration::from_secs(60);

/// The bytes of `path` converted to `.docx`.
pub fn to_docx(path: &Path) -> Result<Vec<u8>, String> {
    let folder = tempfile::tempdir().map_err(|error| format!("cannot make a temporary folder: {error}"))?;
    // A profile of its own: a running LibreOffice (the clerk's) is not disturbed.
    let profile = format!(
        "-env:UserInstallation=file://{}",
        folder.path().join("profile").display()
    );
    let mut child = Command::new("soffice")
        .arg(profile)
        .args(["--headless", "--norestore", "--convert-to", "docx", "--outdir"])
        .arg(folder.path())
        .arg(path)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|error| match error.kind() {
            std::io::ErrorKind::NotFound => format!(
                "reading .{} files needs LibreOffice: install Debian's libreoffice-writer-nogui package, or save the document as .docx",
                path.extension().map(|ext| ext.to_string_lossy().to_lowercase()).unwrap_or_default()
            ),
            _ => format!("cannot run LibreOffice (soffice): {error}"),
        })?;
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if started.elapsed() > TIME_LIMIT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "LibreOffice took more than {} s to convert the file: refused",
                    TIME_LIMIT.as_secs()
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(error) => return Err(format!("LibreOffice: {error}")),
        }
    }
    let converted = folder
        .path()
        .join(path.file_stem().unwrap_or_default())
        .with_extension("docx");
    std::fs::read(&converted)
        .map_err(|_| "LibreOffice could not convert the file (damaged, or protected by a password?)".to_string())
}
