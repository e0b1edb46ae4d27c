//! `thongbao init DIR`: a new site that builds at once.

use std::path::PathBuf;

use super::CommandError;
use crate::render::theme::Theme;

#[derive(Debug, Clone)]
pub struct InitArgs {
    pub folder: PathBuf,
    /// Write the built-in theme into `themes/default/` for editing.
    pub copy_theme: bool,
}

const SITE_TOML: &str = r#"# The site's settings. Every key is optional; these are the defaults
# unless said otherwise. See the README for all of them.

title = "Thông báo kết luận"      # the site's title
base_url = "/"                    # "/", "/sub/path/" or "http://host/sub/"
language = "vi"                   # the theme's language: "vi" or "en"
theme = "default"                 # the built-in theme, or a folder in themes/
paginate_by = 30                  # notices per listing page
default_kind = "Thông báo kết luận"
issuer = ""                       # issuer of notices that name none
allow_classified = false          # never publish notices with a classification

[references]
external_url = ""                 # e.g. "http://vanban.local/tim?so={number}"
"#;

pub fn run(args: &InitArgs) -> Result<(), CommandError> {
    let folder = &args.folder;
    if folder.exists()
        && std::fs::read_dir(folder)
            .map(|mut entries| entries.next().is_some())
            .unwrap_or(true)
    {
        return Err(CommandError::Usage(format!(
            "{} exists and is not empty: init makes a new site in a new or empty folder",
            folder.display()
        )));
    }
    let io = |error: std::io::Error| CommandError::Io(format!("cannot write the site: {error}"));
    let today = jiff::ZonedDateTime::now().date();
    let year = today.year();
    std::fs::create_dir_all(folder.join("content").join(year.to_string())).map_err(io)?;
    std::fs::write(folder.join("site.toml"), SITE_TOML).map_err(io)?;
    std::fs::write(folder.join(".gitignore"), "/public\n").map_err(io)?;
    let example = format!(
        "+++\ntitle = \"Kết luận của Trưởng Ban tại hội nghị giao ban (văn bản mẫu)\"\nnumber = \"1-TB/VD\"\ndate = {today}\nissuer = \"Ban Dân vận Tỉnh ủy\"\nplace = \"Quảng Ngãi\"\nsigner = \"Nguyễn Văn A\"\nsigner_title = \"Trưởng Ban\"\nrecipients = [\"Thường trực Tỉnh ủy (b/c)\", \"Lưu Văn phòng\"]\ntags = [\"Văn bản mẫu\"]\n+++\n\nĐây là văn bản mẫu. Thay nội dung, hoặc xóa tệp này khi đã có văn bản thật.\n\n## I. Kết quả\n\nNội dung.\n\n## II. Nhiệm vụ thời gian tới\n\nNội dung.\n"
    );
    std::fs::write(
        folder.join("content").join(year.to_string()).join("1-tb-vd.md"),
        example,
    )
    .map_err(io)?;
    if args.copy_theme {
        Theme::write_built_in(&folder.join("themes").join("default")).map_err(io)?;
    }
    println!("Made a new site in {}.", folder.display());
    if args.copy_theme {
        println!("The default theme is in themes/default/ for editing; it replaces the built-in one.");
    }
    println!(
        "Next: thongbao serve --root {0}   (preview)   thongbao build --root {0}   (publish into public/)",
        folder.display()
    );
    Ok(())
}
