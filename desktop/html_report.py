"""The html report of ``schrijfhulp-cli check --format html``: one self-contained page for a person.

The page holds the document's level, the checklist (a decision's Awb requirements or a letter's
checks), and per paragraph its text with the findings marked and numbered, its level, and each
finding with its suggestion and reason; rule codes sit behind a "Details" line. Everything from
the document or the checks is escaped; the page has no scripts, no external links, fonts or
images, so it opens offline in any browser and can be printed or mailed. It is also well-formed
XML, so a test parses it strictly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from html import escape

from desktop import APP_NAME, __version__
from desktop.core.analysis import LevelReport
from desktop.core.findings import Category, Finding, Source, quoted
from desktop.core.i18n import N_, _
from desktop.core.language.awb import Review, kind_label
from desktop.core.language.checklist import ChecklistItem, describe_place

QUOTE_CHARS = 60  # a note on a longer stretch (a sentence) quotes its first words
SOURCES = {Source.RULE: N_("taalregel"), Source.WORDLIST: N_("woordenlijst"), Source.MODEL: N_("lokaal taalmodel")}
STYLE = """
body{font-family:system-ui,"Segoe UI",Arial,sans-serif;color:#1a1a1a;background:#fff;max-width:60rem;
margin:2rem auto;padding:0 1rem;line-height:1.5}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ccc}
.meta,.why{color:#555}.level{display:inline-block;min-width:2.6rem;text-align:center;font-weight:bold;
border-radius:.3rem;padding:0 .4rem;border:1px solid #777}
.level.A2,.level.B1{background:#dff3e4}.level.B2{background:#fff0c2}.level.C1{background:#fbd9d3}
.notice{background:#fff8e0;border-left:4px solid #d9a400;padding:.4rem .8rem}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;
border-bottom:1px solid #e2e2e2}td.status{white-space:nowrap;font-weight:bold}td.article{white-space:nowrap}
tr.missing td.status,tr.wrong td.status{color:#a4161a}tr.doubtful td.status{color:#8a5a00}
tr.present td.status{color:#1b6e37}
blockquote{margin:.3rem 0 0;padding-left:.6rem;border-left:3px solid #ccc;color:#444}
article{border:1px solid #ddd;border-radius:.4rem;padding:.6rem 1rem;margin:1rem 0}
article header{display:flex;gap:.6rem;align-items:baseline;color:#555}
article header>span:first-child{white-space:nowrap}
p.text{font-family:Georgia,"Times New Roman",serif;font-size:1.05rem;white-space:pre-wrap}
mark{background:#fff1a8;padding:0 .1rem;border-bottom:2px solid #c9a400}
mark.spelling{background:#f8d7da;border-color:#b02a37}mark.grammatica{background:#ffe8b3;border-color:#b26b00}
mark.stijl{background:#d6e9f8;border-color:#1f5fa0}mark.besluit-eisen{background:#d4edda;border-color:#1b6e37}
sup{font-size:.7rem;color:#555}ol.findings li{margin:.5rem 0}.kind{font-weight:bold}
.doubt{color:#8a5a00;font-weight:bold}del{color:#a4161a}ins{color:#1f5fa0}
details{color:#555;font-size:.9rem}summary{cursor:pointer}
@media print{details{display:none}article{break-inside:avoid}}
"""


@dataclass(frozen=True)
class ReportData:
    """What ``check`` found, as the report shows it."""

    document_name: str
    paragraphs: Sequence[tuple[str, str]]  # (id, text) in document order
    findings: Sequence[Finding]
    levels: Sequence[LevelReport]
    review: Review | None
    model_line: str
    notices: Sequence[str] = ()


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _level(estimate_level: str) -> str:
    css = "C1" if estimate_level.startswith("C") else estimate_level
    return f'<span class="level {_e(css)}">{_e(estimate_level)}</span>'


def _marked_text(text: str, numbered: Sequence[tuple[int, Finding]]) -> str:
    """The paragraph with as many findings marked as do not overlap: word-level suggestions first, then
    the shortest notes (a long-sentence note covers words that have their own suggestions)."""
    chosen: list[tuple[int, Finding]] = []
    ordered = sorted(numbered, key=lambda pair: (not pair[1].suggestions, pair[1].end - pair[1].start))
    for number, finding in ordered:
        if finding.start < finding.end and all(
            finding.end <= other.start or other.end <= finding.start for _n, other in chosen
        ):
            chosen.append((number, finding))
    parts: list[str] = []
    position = 0
    for number, finding in sorted(chosen, key=lambda pair: pair[1].start):
        parts.append(_e(text[position : finding.start]))
        parts.append(
            f'<mark class="{_e(finding.category.value)}" title="{_e(finding.message)}">'
            f"{_e(text[finding.start : finding.end])}</mark><sup>{number}</sup>"
        )
        position = finding.end
    parts.append(_e(text[position:]))
    return "".join(parts)


def _quoted(finding: Finding) -> str:
    """The finding's text; a long note (a whole sentence) by its first words, as the paragraph shows it marked."""
    text = finding.original
    if not finding.suggestions and len(text) > QUOTE_CHARS:
        text = text[:QUOTE_CHARS].rsplit(" ", 1)[0] + " …"
    return _e(quoted(text))


def _finding_item(finding: Finding) -> str:
    change = _quoted(finding)
    if finding.suggestions:
        change = f"<del>{change}</del> → <ins>{_e(quoted(finding.suggestions[0]))}</ins>"
        if len(finding.suggestions) > 1:
            others = ", ".join(_e(quoted(s)) for s in finding.suggestions[1:])
            change += " " + _e(_("(of: {others})")).format(others=others)
    doubt = f' <span class="doubt">{_e(_("twijfelachtig"))}</span>' if finding.doubtful else ""
    reasons = "".join(f"<p>{_e(reason)}</p>" for reason in finding.reasons)
    rules = ", ".join([finding.rule, *(rule for rule, _message in finding.also)])
    details = _("Regel {rules} · bron: {source} · zekerheid {confidence:.0%}").format(
        rules=rules, source=_(SOURCES[finding.source]), confidence=finding.confidence
    )
    return (
        f'<li class="{_e(finding.category.value)}"><span class="kind">{_e(finding.category.label)}</span>: '
        f"{change}{doubt}{reasons}<details><summary>{_e(_('Details'))}</summary>{_e(details)}</details></li>"
    )


def _table(title: str, items: Sequence[ChecklistItem]) -> str:
    rows = []
    for item in items:
        quote = f"<blockquote>{_e(item.quote)}</blockquote><p class=\"why\">{_e(item.place)}</p>" if item.quote else ""
        proposal = (f"<p>{_e(_('voorstel: ‘{text}’').format(text=item.suggestion))}</p>"
                    if item.suggestion else "")
        rows.append(
            f'<tr class="{_e(item.status)}"><td>{_e(item.label)}</td>'
            f'<td class="status">{_e(item.status_label)}</td><td class="article">{_e(item.reference) or "—"}</td>'
            f"<td>{_e(item.message)}{quote}{proposal}</td></tr>"
        )
    head = "".join(f"<th>{_e(h)}</th>" for h in (_("Eis"), _("Stand"), _("Artikel"), _("Toelichting")))
    return f"<h3>{_e(title)}</h3><table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _checklist(review: Review) -> str:
    why = _("Soort document: {kind} — {reason}").format(kind=kind_label(review.kind), reason=review.kind_reason)
    tables = [_table(title, items) for title, items in ((_("Besluit-eisen (Awb)"), review.decision),
                                                        (_("Briefeisen"), review.letter)) if items]
    return f'<section id="eisen"><h2>{_e(_("Eisen"))}</h2><p class="why">{_e(why)}</p>{"".join(tables)}</section>'


def _paragraphs(data: ReportData) -> str:
    by_paragraph: dict[str, list[Finding]] = {}
    for finding in data.findings:
        by_paragraph.setdefault(finding.paragraph, []).append(finding)
    levels = {level.paragraph: level for level in data.levels if level.paragraph is not None}
    articles = []
    for paragraph_id, text in data.paragraphs:
        found = by_paragraph.get(paragraph_id, [])
        level = levels.get(paragraph_id)
        if not found and level is None:
            continue
        numbered = list(enumerate(found, 1))
        level_html = ""
        if level is not None:
            reasons = _e("; ".join(level.estimate.reasons))
            level_html = f'{_level(level.estimate.level)} <span class="why">{reasons}</span>'
        items = "".join(_finding_item(finding) for _n, finding in numbered)
        place = describe_place(paragraph_id)  # the same words as the checklist, the tab and the text report
        heading = _e(place[:1].upper() + place[1:])
        articles.append(
            f'<article id="alinea-{_e(paragraph_id)}"><header><span>{heading}</span>{level_html}</header>'
            f'<p class="text">{_marked_text(text, numbered)}</p>'
            + (f'<ol class="findings">{items}</ol>' if items else "")
            + "</article>"
        )
    if not articles:
        return f"<p>{_e(_('Geen bevindingen.'))}</p>"
    return "".join(articles)


def render(data: ReportData, when: datetime | None = None) -> str:
    """The whole page, as text (UTF-8 when written)."""
    when = when or datetime.now().astimezone()
    whole = next((level for level in data.levels if level.paragraph is None), None)
    counts = {category: 0 for category in Category}
    for finding in data.findings:
        counts[finding.category] += 1
    summary = ", ".join(f"{category.label}: {count}" for category, count in counts.items() if count)
    title = _("Controle van ‘{name}’").format(name=data.document_name)
    made = _("Gemaakt met {tool} op {date}, helemaal op deze computer.").format(
        tool=f"{APP_NAME} {__version__}", date=when.strftime("%d-%m-%Y %H:%M")
    )
    parts = [
        '<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8"/>',
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>',
        f"<title>{_e(title)} — {_e(APP_NAME)}</title><style>{STYLE}</style></head><body>",
        f"<header><h1>{_e(title)}</h1>",
        f'<p class="meta">{_e(made)} {_e(data.model_line)}</p></header>',
    ]
    for notice in data.notices:
        parts.append(f'<p class="notice">{_e(notice)}</p>')
    parts.append(f'<section id="samenvatting"><h2>{_e(_("Samenvatting"))}</h2>')
    if whole is not None:
        reasons = "".join(f"<li>{_e(reason)}</li>" for reason in whole.estimate.reasons)
        parts.append(
            f"<p>{_e(_('Taalniveau van het document:'))} {_level(whole.estimate.level)} "
            f"{_e(_('(doel: B1)'))}</p><ul>{reasons}</ul>"
        )
    parts.append(
        f"<p>{_e(_('Bevindingen: {count}').format(count=len(data.findings)))}"
        + (f" ({_e(summary)})" if summary else "")
        + "</p></section>"
    )
    if data.review is not None:
        parts.append(_checklist(data.review))
    parts.append(f'<section id="alineas"><h2>{_e(_("Per alinea"))}</h2>{_paragraphs(data)}</section>')
    parts.append("</body></html>")
    return "\n".join(parts)
