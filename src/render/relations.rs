//! The template data of what the archive knows about a notice (SPEC §8):
//! its relations by kind in both voices, its validity over time, its
//! relations diagram (lược đồ) and its schema.org description.

use std::sync::{Arc, OnceLock};

use serde::Serialize;
use serde_json::{Value as Json, json};

use crate::link::archive::Archive;
use crate::link::citations::{Citation, Received};
use crate::link::validity::Period;
use crate::model::relation::Relation;
use crate::render::renderer::Renderer;
use crate::render::views::{CitationView, PeriodView, RelationGroup, ValidityView};

/// What one render shows of each notice again and again (as an entry of
/// other notices' relation lists, in their lược đồ): made once per notice
/// per render, on first use.
pub struct Cache {
    citations: Vec<OnceLock<CitationView>>,
    deeper: Vec<OnceLock<Arc<Deeper>>>,
}

/// A notice's relations both ways, by number: what it does, what is done
/// to it.
type Deeper = (Vec<DeeperGroup>, Vec<DeeperGroup>);

impl Cache {
    pub fn new(notices: usize) -> Cache {
        Cache {
            citations: (0..notices).map(|_| OnceLock::new()).collect(),
            deeper: (0..notices).map(|_| OnceLock::new()).collect(),
        }
    }
}

/// A notice of the archive as an entry of a citation list.
pub fn notice_citation(archive: &Archive, index: usize, renderer: &Renderer, cache: &Cache) -> CitationView {
    cache.citations[index]
        .get_or_init(|| make_citation(archive, index, renderer))
        .clone()
}

fn make_citation(archive: &Archive, index: usize, renderer: &Renderer) -> CitationView {
    let notice = &archive.notices()[index];
    CitationView {
        number: notice.front.number.clone().unwrap_or_default(),
        date: notice.front.date.to_string(),
        date_text: crate::render::pages::date_text(renderer, notice.front.date),
        title: notice.front.title.clone(),
        url: format!("{}{}", archive.site.config.base_path(), notice.url_path()),
        in_archive: true,
        part: false,
    }
}

/// A document a notice names, in the archive or not.
pub fn cited_document(archive: &Archive, citation: &Citation, renderer: &Renderer, cache: &Cache) -> CitationView {
    let view = match citation.target {
        Some(target) => notice_citation(archive, target, renderer, cache),
        None => CitationView {
            number: citation.number.clone(),
            date: citation.date.map(|date| date.to_string()).unwrap_or_default(),
            date_text: citation
                .date
                .map(|date| crate::render::pages::date_text(renderer, date))
                .unwrap_or_default(),
            title: String::new(),
            url: archive.site.config.external_link(&citation.number).unwrap_or_default(),
            in_archive: false,
            part: false,
        },
    };
    CitationView {
        part: citation.part,
        ..view
    }
}

/// A relation's UI label in the active voice ("Sửa đổi, bổ sung") or the
/// passive ("Được sửa đổi, bổ sung bởi").
pub fn label(renderer: &Renderer, relation: Relation, passive: bool) -> String {
    let voice = if passive { "_by" } else { "" };
    renderer.string(&format!("relation_{}{voice}", relation.key()))
}

/// A relation's CSS class: `relation-amends`, `relation-amends-by`.
fn class(relation: Relation, passive: bool) -> String {
    format!("relation-{}{}", relation.key(), if passive { "-by" } else { "" })
}

/// What `make` gives for each kind, strongest first; kinds it gives
/// nothing for are left out.
fn per_kind<T>(mut make: impl FnMut(Relation) -> Vec<T>) -> impl Iterator<Item = (Relation, Vec<T>)> {
    Relation::ALL.into_iter().filter_map(move |relation| {
        let items = make(relation);
        (!items.is_empty()).then_some((relation, items))
    })
}

/// The notice a relation comes from, as an entry of the passive lists.
fn received_document(archive: &Archive, received: &Received, renderer: &Renderer, cache: &Cache) -> CitationView {
    CitationView {
        part: received.part,
        ..notice_citation(archive, received.from, renderer, cache)
    }
}

fn group(renderer: &Renderer, relation: Relation, passive: bool, documents: Vec<CitationView>) -> RelationGroup {
    RelationGroup {
        key: relation.key(),
        class: class(relation, passive),
        label: label(renderer, relation, passive),
        documents,
    }
}

/// What notice `index` does to the documents it names, by kind, strongest
/// first; kinds it has none of are left out.
pub fn relation_groups(archive: &Archive, index: usize, renderer: &Renderer, cache: &Cache) -> Vec<RelationGroup> {
    let relations = &archive.citations.relations[index];
    per_kind(|relation| {
        relations
            .iter()
            .filter(|citation| citation.relation == relation)
            .map(|citation| cited_document(archive, citation, renderer, cache))
            .collect()
    })
    .map(|(relation, documents)| group(renderer, relation, false, documents))
    .collect()
}

/// What other notices do to notice `index`, by kind, in the passive voice.
pub fn received_groups(archive: &Archive, index: usize, renderer: &Renderer, cache: &Cache) -> Vec<RelationGroup> {
    per_kind(|relation| {
        archive
            .citations
            .received_as(index, relation)
            .map(|received| received_document(archive, received, renderer, cache))
            .collect()
    })
    .map(|(relation, documents)| group(renderer, relation, true, documents))
    .collect()
}

/// A date as `short_date` writes it: `05/03/2022`.
pub fn short_date(renderer: &Renderer, date: jiff::civil::Date) -> String {
    renderer
        .string("short_date")
        .replace("{dd}", &format!("{:02}", date.day()))
        .replace("{mm}", &format!("{:02}", date.month()))
        .replace("{yyyy}", &format!("{:04}", date.year()))
}

/// Notice `index`'s validity as of the build, and all its periods.
pub fn validity_view(archive: &Archive, index: usize, renderer: &Renderer, cache: &Cache) -> ValidityView {
    let today = archive.site.config.today;
    let validity = &archive.validity[index];
    let period_view = |period: &Period| PeriodView {
        from: period.from.map(|date| date.to_string()).unwrap_or_default(),
        from_text: period.from.map(|date| short_date(renderer, date)).unwrap_or_default(),
        state: period.state.key(),
        label: renderer.string(&format!("validity_{}", period.state.key())),
        by_label: period
            .by
            .map(|(_, relation)| label(renderer, relation, true))
            .unwrap_or_default(),
        by_relation: period.by.map(|(_, relation)| relation.key()).unwrap_or_default(),
        by: period.by.map(|(by, _)| notice_citation(archive, by, renderer, cache)),
    };
    let now = validity.on(today);
    // The period of the build's day and those after it: all a page needs
    // to be right on a later day.
    let periods: Vec<PeriodView> = validity
        .periods
        .iter()
        .filter(|period| std::ptr::eq(*period, now) || period.from.is_some_and(|from| from > today))
        .map(period_view)
        .collect();
    let current = period_view(now);
    let periods_json = if periods.len() > 1 {
        serde_json::to_string(
            &periods
                .iter()
                .map(|period| [period.from.as_str(), period.state, period.label.as_str()])
                .collect::<Vec<_>>(),
        )
        .unwrap_or_default()
    } else {
        String::new()
    };
    ValidityView {
        state: current.state,
        label: current.label.clone(),
        as_of: today.to_string(),
        as_of_text: short_date(renderer, today),
        current,
        periods,
        periods_json,
    }
}

/// Whether notice `index` has a relation to show in a diagram.
pub fn has_relations(archive: &Archive, index: usize) -> bool {
    !archive.citations.relations[index].is_empty() || !archive.citations.received[index].is_empty()
}

/// One document of the diagram, with its own relations one level further
/// (the notice the diagram is of left out).
#[derive(Debug, Clone, Serialize)]
pub struct DiagramItem {
    pub document: CitationView,
    pub relations: Vec<DeeperGroup>,
    pub received: Vec<DeeperGroup>,
}

/// The second level of a diagram: a kind and its documents, by number.
#[derive(Debug, Clone, Serialize)]
pub struct DeeperGroup {
    pub label: String,
    pub documents: Vec<DeeperDocument>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DeeperDocument {
    /// The number, or the title of a notice without one.
    pub name: String,
    /// Empty for a document not in the archive.
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DiagramGroup {
    pub key: &'static str,
    /// `relation-amends`, or `relation-amends-by` in the passive voice.
    pub class: String,
    pub label: String,
    pub items: Vec<DiagramItem>,
}

/// The relations diagram of notice `index`: what it does (`active`) and
/// what is done to it (`passive`), each document with its own relations.
pub fn diagram(
    archive: &Archive,
    index: usize,
    renderer: &Renderer,
    cache: &Cache,
) -> (Vec<DiagramGroup>, Vec<DiagramGroup>) {
    // A neighbour's relations, by number only, without the notice itself.
    let center = format!(
        "{}{}",
        archive.site.config.base_path(),
        archive.notices()[index].url_path()
    );
    let without_center = |groups: &[DeeperGroup]| -> Vec<DeeperGroup> {
        groups
            .iter()
            .filter_map(|group| {
                let documents: Vec<DeeperDocument> = group
                    .documents
                    .iter()
                    .filter(|document| document.url != center)
                    .cloned()
                    .collect();
                (!documents.is_empty()).then(|| DeeperGroup {
                    label: group.label.clone(),
                    documents,
                })
            })
            .collect()
    };
    let deeper = |target: Option<usize>| -> Deeper {
        let Some(target) = target else {
            return (Vec::new(), Vec::new());
        };
        let all = cache.deeper[target].get_or_init(|| Arc::new(deeper_groups(archive, target, renderer)));
        (without_center(&all.0), without_center(&all.1))
    };
    let diagram_group = |relation: Relation, passive: bool, items: Vec<DiagramItem>| DiagramGroup {
        key: relation.key(),
        class: class(relation, passive),
        label: label(renderer, relation, passive),
        items,
    };
    let active = per_kind(|relation| {
        archive.citations.relations[index]
            .iter()
            .filter(|citation| citation.relation == relation)
            .map(|citation| {
                let (relations, received) = deeper(citation.target);
                DiagramItem {
                    document: cited_document(archive, citation, renderer, cache),
                    relations,
                    received,
                }
            })
            .collect()
    })
    .map(|(relation, items)| diagram_group(relation, false, items))
    .collect();
    let passive = per_kind(|relation| {
        archive
            .citations
            .received_as(index, relation)
            .map(|received| {
                let (relations, received_groups) = deeper(Some(received.from));
                DiagramItem {
                    document: received_document(archive, received, renderer, cache),
                    relations,
                    received: received_groups,
                }
            })
            .collect()
    })
    .map(|(relation, items)| diagram_group(relation, true, items))
    .collect();
    (active, passive)
}

/// Notice `target`'s relations both ways, by number only: the second
/// level of the diagrams of its neighbours.
fn deeper_groups(archive: &Archive, target: usize, renderer: &Renderer) -> Deeper {
    let name = |other: usize| {
        let front = &archive.notices()[other].front;
        front.number.clone().unwrap_or_else(|| front.title.clone())
    };
    let url = |other: usize| {
        format!(
            "{}{}",
            archive.site.config.base_path(),
            archive.notices()[other].url_path()
        )
    };
    let active = per_kind(|relation| {
        archive.citations.relations[target]
            .iter()
            .filter(|citation| citation.relation == relation)
            .map(|citation| match citation.target {
                Some(other) => DeeperDocument {
                    name: name(other),
                    url: url(other),
                },
                None => DeeperDocument {
                    name: citation.number.clone(),
                    url: String::new(),
                },
            })
            .collect()
    });
    let passive = per_kind(|relation| {
        archive
            .citations
            .received_as(target, relation)
            .map(|received| DeeperDocument {
                name: name(received.from),
                url: url(received.from),
            })
            .collect()
    });
    let groups = |passive: bool, kinds: Vec<(Relation, Vec<DeeperDocument>)>| -> Vec<DeeperGroup> {
        kinds
            .into_iter()
            .map(|(relation, documents)| DeeperGroup {
                label: label(renderer, relation, passive),
                documents,
            })
            .collect()
    };
    (groups(false, active.collect()), groups(true, passive.collect()))
}

/// The notices a diagram of notice `index` shows besides it.
pub fn diagram_notices(archive: &Archive, index: usize) -> Vec<usize> {
    let mut shown: Vec<usize> = archive.citations.relations[index]
        .iter()
        .filter_map(|citation| citation.target)
        .chain(archive.citations.received[index].iter().map(|received| received.from))
        .collect();
    shown.sort_unstable();
    shown.dedup();
    shown
}

/// schema.org's description of notice `index` as JSON-LD, safe inside a
/// `<script>` element. The context is inline (`@vocab`), so a reader
/// needs nothing from outside the site to read it.
pub fn json_ld(archive: &Archive, index: usize) -> String {
    let config = &archive.site.config;
    let notice = &archive.notices()[index];
    let front = &notice.front;
    let page_url = |index: usize| format!("{}{}", config.base_url, archive.notices()[index].url_path());
    let document = |citation: &Citation| -> Json {
        match citation.target {
            Some(target) => json!({
                "@type": "Legislation",
                "@id": page_url(target),
                "legislationIdentifier": archive.notices()[target].front.number,
            }),
            None => json!({ "@type": "Legislation", "legislationIdentifier": citation.number }),
        }
    };
    let of_kinds = |kinds: &[Relation]| -> Vec<Json> {
        archive.citations.relations[index]
            .iter()
            .filter(|citation| kinds.contains(&citation.relation))
            .map(document)
            .collect()
    };
    let state = archive.validity[index].on(config.today).state;
    let issuer = json!({ "@type": "GovernmentOrganization", "name": front.issuer });
    let mut description = json!({
        "@context": { "@vocab": "https://schema.org/" },
        "@type": "Legislation",
        "@id": page_url(index),
        "url": page_url(index),
        "name": front.title,
        "legislationType": front.kind,
        "dateCreated": front.date.to_string(),
        "legislationDate": front.date.to_string(),
        "legislationDateOfApplicability": front.effective.to_string(),
        "inLanguage": "vi",
        "author": issuer,
        "legislationPassedBy": issuer,
        "legislationLegalForce": { "@id": format!("https://schema.org/{}", state.legal_force()) },
    });
    let object = description.as_object_mut().expect("an object");
    if let Some(number) = &front.number {
        object.insert("identifier".into(), json!(number));
        object.insert("legislationIdentifier".into(), json!(number));
    }
    if let Some(expires) = front.expires {
        object.insert("expires".into(), json!(expires.to_string()));
    }
    if !front.signer.is_empty() {
        object.insert(
            "legislationResponsible".into(),
            json!({ "@type": "Person", "name": front.signer, "jobTitle": front.signer_title }),
        );
    }
    if !front.field.is_empty() {
        object.insert("about".into(), json!(front.field));
    }
    if !front.tags.is_empty() {
        object.insert("keywords".into(), json!(front.tags.join(", ")));
    }
    let lists = [
        (
            "legislationChanges",
            &[
                Relation::Supersedes,
                Relation::Repeals,
                Relation::Suspends,
                Relation::Amends,
                Relation::Corrects,
            ][..],
        ),
        ("legislationEnsuresImplementationOf", &[Relation::Guides][..]),
        ("isBasedOn", &[Relation::BasedOn][..]),
        ("citation", &[Relation::Related, Relation::Cites][..]),
    ];
    for (property, kinds) in lists {
        let documents = of_kinds(kinds);
        if !documents.is_empty() {
            object.insert(property.into(), Json::Array(documents));
        }
    }
    crate::support::escape::json_in_script(&description)
}
