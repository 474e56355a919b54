"""``schrijfhulp-cli draft`` and ``schrijfhulp-cli templates``.

``draft --template NAME --fields FIELDS.json [--instruction TEXT] [--bouwsteen ID ...] [--no-model]
-o OUT.docx`` fills a template with the values in FIELDS.json (a JSON object: field key -> value),
has the local model write the free-text slots from the instruction, the fields and the chosen
standard paragraphs (every fact checked), and writes OUT.docx with the model's text marked as the
policy says and the disclosure the policy requires. Without a model the slots stay open. It then
prints what happened to every slot, the decision checklist's gaps and the number of findings of
the language checks on the draft.

``templates [--example NAME [--bouwsteen ID ...]]`` lists every template with its fields and free-text
slots, and the standard paragraphs; with ``--example`` it prints a FIELDS.json for NAME (and the
fields the standard paragraphs add) filled with the examples.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
from pathlib import Path
from typing import TextIO

from desktop.core.analysis import LanguageTools, Notice, ParagraphFindings, Progress, run_analysis
from desktop.core.document.reader import DocumentError, open_document
from desktop.core.drafting.bouwstenen import BouwsteenCatalog, BouwsteenError, load_bouwstenen
from desktop.core.drafting.draft import DraftError, DraftRequest, DraftResult, run_draft
from desktop.core.drafting.templates import Template, TemplateCatalog, TemplateError, load_templates, type_label
from desktop.core.i18n import _
from desktop.core.model.engine import EngineError, LlamaEngine, load_engine
from desktop.core.policy.settings import Settings, load_settings
from desktop.core.saving import SaveBlockedError

EXIT_OK = 0
EXIT_INPUT = 1


def _fail(message: str, err: TextIO) -> int:
    print(f"schrijfhulp-cli: {message}", file=err)
    return EXIT_INPUT


def load_values(path: Path) -> dict[str, str]:
    """Field values from a JSON object (strings or numbers); raises ValueError with a Dutch message."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ValueError(_("Het veldenbestand {name} kan niet worden gelezen.").format(name=path.name)) from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ValueError(
            _("Het veldenbestand {name} is geen geldige JSON ({detail}).").format(name=path.name, detail=exc)
        ) from exc
    if not isinstance(data, dict):
        raise ValueError(
            _("Het veldenbestand {name} moet een JSON-object zijn, zoals {example}.").format(
                name=path.name, example='{"naam": "Mevrouw J. Jansen"}'
            )
        )
    wrong = [key for key, value in data.items() if not isinstance(value, (str, int, float)) or isinstance(value, bool)]
    if wrong:
        raise ValueError(
            _("In {name} moet elke waarde tekst of een getal zijn; niet bij: {keys}.").format(
                name=path.name, keys=", ".join(wrong)
            )
        )
    return {str(key): str(value) for key, value in data.items()}


def _load_engine(settings: Settings, err: TextIO) -> LlamaEngine | None:
    try:
        return load_engine(settings.model.file, settings.model.threads)
    except EngineError as exc:
        print(_("Taalmodel niet beschikbaar — de vrije tekst blijft open: {reason}").format(reason=exc), file=err)
        return None


def _request(args: argparse.Namespace, templates: TemplateCatalog, bouwstenen: BouwsteenCatalog) -> DraftRequest:
    """The draft request from the arguments; raises ValueError with every Dutch problem."""
    try:
        template = templates.get(args.template)
        chosen = tuple(bouwstenen.get(item) for item in args.bouwsteen)
    except (TemplateError, BouwsteenError) as exc:
        raise ValueError(str(exc)) from exc
    request = DraftRequest(template, load_values(args.fields), args.instruction, chosen)
    by_field = request.field_problems()
    problems = [f"{key}: {message}" for key, message in by_field.items()]
    problems += [message for message in request.problems() if message not in by_field.values()]
    if problems:
        raise ValueError("\n".join(problems))
    return request


def run(args: argparse.Namespace) -> int:
    """Draft one letter; exit 1 with a Dutch message on bad input."""
    out, err = sys.stdout, sys.stderr
    settings = load_settings()
    for problem in settings.problems:
        print(_("Instellingen: {problem}").format(problem=problem), file=err)
    templates, bouwstenen = load_templates(), load_bouwstenen()
    if args.output.suffix.lower() != ".docx":
        return _fail(_("Kies een bestandsnaam die eindigt op .docx."), err)
    try:
        request = _request(args, templates, bouwstenen)
    except ValueError as exc:
        return _fail(str(exc), err)
    if args.no_model:
        engine = None
    elif not settings.model.enabled:
        print(_("Het taalmodel staat uit in de instellingen; de vrije tekst blijft open."), file=err)
        engine = None
    else:
        engine = _load_engine(settings, err)
    tools = LanguageTools.from_settings(settings)
    context = tools.guard_context(settings)
    result: DraftResult | None = None
    try:
        for item in run_draft(request, args.output, settings, context, engine, threading.Event()):
            if isinstance(item, Progress):
                count = f" ({item.done + 1}/{item.total})" if item.done < item.total else ""
                print(f"{item.stage}{count}…", file=err)
            else:
                result = item
    except (DraftError, SaveBlockedError, DocumentError, EngineError) as exc:
        return _fail(str(exc), err)
    finally:
        if engine is not None:
            engine.close()  # now, not in llama-cpp-python's __del__ while the interpreter shuts down
    assert result is not None
    for line in result.summary():
        print(line, file=out)
    _language_check(result.path, settings, tools, out, err)
    return EXIT_OK


def _language_check(path: Path, settings: Settings, tools: LanguageTools, out: TextIO, err: TextIO) -> None:
    """Run the language checks on the draft (the checklist is in the summary already) and say how many."""
    findings: dict[str, int] = {}
    for item in run_analysis(open_document(path), settings, threading.Event(), tools):
        if isinstance(item, ParagraphFindings):
            findings[item.paragraph] = len(item.findings)
        elif isinstance(item, Notice):
            print(item.message, file=err)
    print(
        _("Taalcontrole van het concept: {count} bevinding(en); bekijk ze met ‘schrijfhulp-cli check {path}’.").format(
            count=sum(findings.values()), path=path
        ),
        file=out,
    )


def _describe(template: Template, out: TextIO) -> None:
    origin = _("organisatie") if template.origin == "organisatie" else _("ingebouwd")
    print(f"{template.name} — {template.title} ({template.kind}, {origin})", file=out)
    if template.description:
        print(f"  {template.description}", file=out)
    print("  " + _("Velden:"), file=out)
    for spec in template.fields:
        need = _("verplicht") if spec.required else _("mag leeg")
        example = _(" — bijv. {example}").format(example=spec.example.replace("\n", " / ")) if spec.example else ""
        print(f"    {spec.key}: {spec.label} ({type_label(spec.type)}, {need}){example}", file=out)
    if template.slots:
        print("  " + _("Vrije tekst (schrijft het taalmodel):"), file=out)
        for slot in template.slots:
            suggested = (
                _(" — standaardteksten: {ids}").format(ids=", ".join(slot.bouwstenen)) if slot.bouwstenen else ""
            )
            print(f"    {slot.key}: {slot.label}{suggested}", file=out)


def list_templates(args: argparse.Namespace) -> int:
    """Print the templates and standard paragraphs, or one template's example FIELDS.json."""
    out, err = sys.stdout, sys.stderr
    templates, bouwstenen = load_templates(), load_bouwstenen()
    for problem in (*templates.problems, *bouwstenen.problems):
        print(problem, file=err)
    if args.example:
        try:
            template = templates.get(args.example)
            chosen = tuple(bouwstenen.get(item) for item in args.bouwsteen)
        except (TemplateError, BouwsteenError) as exc:
            return _fail(str(exc), err)
        example = {spec.key: spec.example for spec in DraftRequest(template, {}, "", chosen).fields()}
        print(json.dumps(example, ensure_ascii=False, indent=2), file=out)
        return EXIT_OK
    for template in templates.templates:
        _describe(template, out)
        print(file=out)
    print(_("Standaardteksten (--bouwsteen ID):"), file=out)
    for item in bouwstenen.items:
        fields = _(" — velden: {keys}").format(keys=", ".join(item.placeholders)) if item.placeholders else ""
        print(f"  {item.id}: {item.title} [{', '.join(item.tags)}]{fields}", file=out)
    return EXIT_OK
