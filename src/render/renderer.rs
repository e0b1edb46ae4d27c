//! The minijinja environment: templates compiled once, strict about
//! undefined values, with the functions and filters themes may use.

use std::collections::BTreeMap;
use std::sync::Arc;

use minijinja::{AutoEscape, Environment, Error, ErrorKind, UndefinedBehavior, Value, escape_formatter};

use crate::load::config::Config;
use crate::render::theme::{TemplateSource, Theme};
use crate::support::diagnostics::{Diagnostic, Source};
use crate::support::escape::escape_html;

/// Renders pages with the active theme.
pub struct Renderer {
    env: Environment<'static>,
    sources: BTreeMap<String, TemplateSource>,
    strings: Arc<BTreeMap<String, String>>,
}

impl Renderer {
    /// Compiles every template of the theme; all syntax errors are reported.
    pub fn new(theme: &Theme, config: &Config) -> Result<Renderer, Vec<Diagnostic>> {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        // minijinja's HTML escaping also escapes `/`, which turns every URL
        // into `&#x2f;…`: valid, but unreadable and unsearchable. Escape
        // only what HTML text and quoted attributes need.
        env.set_formatter(|out, state, value| {
            let plain_text = matches!(state.auto_escape(), AutoEscape::Html)
                && !value.is_safe()
                && !value.is_none()
                && !value.is_undefined();
            if !plain_text {
                return escape_formatter(out, state, value);
            }
            let text = value.to_string();
            out.write_str(&escape_html(&text)).map_err(Error::from)
        });
        let mut errors = Vec::new();
        for (name, template) in &theme.templates {
            if let Err(error) = env.add_template_owned(name.clone(), template.text.clone()) {
                errors.push(template_diagnostic(&theme.templates, &error));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }

        let strings = Arc::new(theme.strings.clone());
        let lookup = strings.clone();
        env.add_function("t", move |key: &str| -> Result<String, Error> {
            lookup.get(key).cloned().ok_or_else(|| {
                Error::new(
                    ErrorKind::UndefinedError,
                    format!("no UI string {key:?} in the theme's i18n file"),
                )
            })
        });
        let base_path = config.base_path().to_string();
        env.add_function("url", move |path: &str| {
            format!("{base_path}{}", path.trim_start_matches('/'))
        });
        env.add_filter("filesize", filesize);
        env.add_filter("truncate", truncate);
        Ok(Renderer {
            env,
            sources: theme.templates.clone(),
            strings,
        })
    }

    /// A UI string of the active language, or the key itself when missing.
    pub fn string(&self, key: &str) -> String {
        self.strings.get(key).cloned().unwrap_or_else(|| key.to_string())
    }

    /// Whether the theme has a template of this name.
    pub fn has_template(&self, name: &str) -> bool {
        self.sources.contains_key(name)
    }

    /// Renders one page.
    pub fn render(&self, template: &str, context: &Value) -> Result<String, Diagnostic> {
        let result = self.env.get_template(template).and_then(|t| t.render(context));
        result.map_err(|error| template_diagnostic(&self.sources, &error))
    }
}

/// `1234567|filesize` → `1.2 MB`.
fn filesize(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1000 {
        return format!("{bytes} B");
    }
    let mut size = bytes as f64;
    let mut unit = "B";
    for next in UNITS {
        if size < 1000.0 {
            break;
        }
        size /= 1000.0;
        unit = next;
    }
    format!("{size:.1} {unit}")
}

/// `text|truncate(200)`: at most that many characters, cut at a word, with
/// an ellipsis when cut.
fn truncate(text: &str, length: Option<usize>) -> String {
    let length = length.unwrap_or(255);
    if text.chars().count() <= length {
        return text.to_string();
    }
    let cut: String = text.chars().take(length).collect();
    let cut = cut
        .rsplit_once(' ')
        .map_or(cut.as_str(), |(head, _)| head)
        .trim_end_matches([',', ';', ':']);
    format!("{cut}…")
}

/// Points a template error at the template file and line it concerns,
/// following the chain to the innermost template (an include, a macro).
fn template_diagnostic(sources: &BTreeMap<String, TemplateSource>, error: &Error) -> Diagnostic {
    let mut innermost = error;
    let mut cause: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(error);
    while let Some(inner) = cause {
        if let Some(template_error) = inner.downcast_ref::<Error>()
            && template_error.name().is_some()
        {
            innermost = template_error;
        }
        cause = inner.source();
    }
    let message = match innermost.detail() {
        Some(detail) => format!("template error: {detail}"),
        None => format!("template error: {}", innermost.kind()),
    };
    let name = innermost.name().unwrap_or("");
    let Some(template) = sources.get(name) else {
        return Diagnostic::error(name, innermost.line().unwrap_or(0), 0, message);
    };
    let source = Source::new(&template.path, template.text.as_str());
    match (innermost.range(), innermost.line()) {
        (Some(range), _) => Diagnostic::error_at(&source, range, message).with_label(innermost.kind().to_string()),
        (None, Some(line)) => {
            let offset = template
                .text
                .split_inclusive('\n')
                .take(line.saturating_sub(1))
                .map(str::len)
                .sum::<usize>();
            Diagnostic::error_at(&source, offset..offset, message)
        }
        (None, None) => Diagnostic::error(&template.path, 0, 0, message),
    }
}

#[cfg(test)]
mod tests {
    use super::filesize;

    #[test]
    fn file_sizes_read_naturally() {
        assert_eq!(filesize(512), "512 B");
        assert_eq!(filesize(245_760), "245.8 KB");
        assert_eq!(filesize(1_200_000), "1.2 MB");
    }

    #[test]
    fn truncation_cuts_at_a_word() {
        assert_eq!(super::truncate("Dân vận khéo", Some(9)), "Dân vận…");
        assert_eq!(super::truncate("ngắn", Some(9)), "ngắn");
    }
}
