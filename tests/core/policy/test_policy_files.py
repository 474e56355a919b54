"""The team lead's files: exported defaults and policy load exactly as intended; imports are compared and checked."""

from __future__ import annotations

import tomllib
from datetime import datetime
from pathlib import Path

import pytest

from desktop.core import paths
from desktop.core.policy.disclosure import ModelUse, render_text
from desktop.core.policy.policy_files import (
    TEAM_LEAD_KEYS,
    FileKind,
    PolicyFileError,
    SampleLayout,
    TeamChoices,
    changes,
    check_value,
    choice_label,
    display_value,
    layer_label,
    organisation_choices,
    preview_model,
    preview_settings,
    read_file,
    render_toml,
    validate_choices,
    write_file,
)
from desktop.core.policy.settings import BY_KEY, SCHEMA, Layer, load_settings

pytestmark = pytest.mark.core

WHEN = datetime(2026, 11, 24, 9, 15)
TEMPLATE = "Gemaakt met {tool} en {model}; gecontroleerd door {user} ({organisation}), {date}.\nTweede regel."
CHOSEN = {
    "disclosure.when": "always",
    "disclosure.placement": "footer",
    "disclosure.text_nl": TEMPLATE,
    "disclosure.user_may_edit": False,
    "privacy.retention_days": 14,
    "privacy.audit_file_name": "hash",
    "first_run.acknowledged_by_organisation": True,
}


def _choices(locked: set[str] | None = None) -> TeamChoices:
    start, problems = organisation_choices()
    assert not problems
    return TeamChoices({**start.values, **CHOSEN}, frozenset(locked or ()))


def test_the_editor_starts_from_the_builtin_defaults_when_the_organisation_has_no_files() -> None:
    start, problems = organisation_choices()
    assert problems == []
    assert dict(start.values) == {key: BY_KEY[key].default for key in TEAM_LEAD_KEYS}
    assert start.locked == frozenset()


def test_an_exported_policy_loads_locked_with_exactly_those_values() -> None:
    locked = {"disclosure.when", "disclosure.text_nl", "disclosure.user_may_edit", "privacy.retention_days"}
    written = write_file(_choices(locked), FileKind.POLICY, paths.machine_config_dir() / "policy.toml", WHEN)
    settings = load_settings(registry=dict)
    assert not settings.problems and not settings.policy_invalid
    assert settings.locked == locked
    for key in locked:
        assert settings.value(key) == CHOSEN[key]
        assert settings.origin(key) is Layer.POLICY
    # Only the locked values are in a policy file: the footer placement stays the built-in default.
    assert settings.disclosure.placement == "end" and settings.origin("disclosure.placement") is Layer.BUILTIN
    assert written.read_text(encoding="utf-8").startswith("# Schrijfhulp: vergrendeld beleid")


def test_exported_defaults_load_as_organisation_defaults_not_locked() -> None:
    write_file(_choices({"disclosure.when"}), FileKind.DEFAULTS, paths.machine_config_dir() / "defaults.toml", WHEN)
    settings = load_settings(registry=dict)
    assert not settings.problems and not settings.locked
    for key in TEAM_LEAD_KEYS:
        assert settings.value(key) == _choices().values[key]
        assert settings.origin(key) is Layer.MACHINE_DEFAULTS
    settings.set_user_value("disclosure.when", "model")  # not locked: the user may still change it
    assert load_settings(registry=dict).disclosure.when == "model"


def test_a_multiline_template_survives_the_round_trip() -> None:
    text = render_toml(_choices(), FileKind.DEFAULTS, WHEN)
    assert tomllib.loads(text)["disclosure"]["text_nl"] == TEMPLATE


def test_a_policy_that_locks_nothing_is_refused() -> None:
    with pytest.raises(PolicyFileError, match="niets vergrendeld"):
        render_toml(_choices(), FileKind.POLICY, WHEN)


def test_invalid_values_are_refused_with_key_and_reason() -> None:
    bad = TeamChoices(
        {**_choices().values, "disclosure.text_nl": "Door {naam}", "privacy.retention_days": 0},
        frozenset({"user_name"}),
    )
    problems = {problem.key: problem.reason for problem in validate_choices(bad)}
    assert problems["disclosure.text_nl"].startswith("Onbekende plaatshouder in de AI-vermelding: naam.")
    assert "kleiner" in problems["privacy.retention_days"]
    assert problems["user_name"] == "vergrendeld zonder waarde"
    with pytest.raises(PolicyFileError, match=r"disclosure\.text_nl"):
        write_file(bad, FileKind.DEFAULTS, paths.machine_config_dir() / "defaults.toml", WHEN)
    assert not (paths.machine_config_dir() / "defaults.toml").exists()


def test_a_value_that_cannot_be_locked_never_reaches_a_policy_file() -> None:
    # load_settings would treat such a policy as invalid and lock everything strictly.
    choices = TeamChoices({**_choices().values, "user_name": "A. de Vries"}, frozenset({"user_name"}))
    assert [problem.key for problem in validate_choices(choices)] == ["user_name"]
    with pytest.raises(PolicyFileError, match="vastgezet"):
        render_toml(choices, FileKind.POLICY, WHEN)


def test_the_kind_of_a_file_follows_its_name() -> None:
    assert FileKind.for_path(Path("policy.toml")) is FileKind.POLICY
    assert FileKind.for_path(Path("beleid-vergunningen.toml")) is FileKind.POLICY
    assert FileKind.for_path(Path("defaults.toml")) is FileKind.DEFAULTS
    assert FileKind.POLICY.file_name == "policy.toml" and FileKind.DEFAULTS.file_name == "defaults.toml"


def test_an_import_lists_what_it_changes_compared_with_the_effective_settings(tmp_path: Path) -> None:
    (paths.user_config_dir() / "settings.toml").write_text('[disclosure]\nplacement = "footer"\n', encoding="utf-8")
    incoming = tmp_path / "policy.toml"
    incoming.write_text(
        '[disclosure]\nwhen = "always"\nplacement = "footer"\n[privacy]\nretention_days = 30\n', encoding="utf-8"
    )
    settings = load_settings(registry=dict)
    imported = read_file(incoming)
    assert imported.kind is FileKind.POLICY and not imported.problems
    found = {change.key: change for change in changes(settings, imported)}
    assert set(found) == {"disclosure.when", "disclosure.placement", "privacy.retention_days"}
    when = found["disclosure.when"]
    assert (when.current, when.origin, when.new, when.locks) == ("model", Layer.BUILTIN, "always", True)
    # The same value, but now locked: still a change.
    assert found["disclosure.placement"].current == found["disclosure.placement"].new == "footer"
    assert found["disclosure.placement"].origin is Layer.USER


def test_a_defaults_import_with_the_current_values_changes_nothing(tmp_path: Path) -> None:
    incoming = tmp_path / "defaults.toml"
    incoming.write_text('[disclosure]\nwhen = "model"\n', encoding="utf-8")
    assert changes(load_settings(registry=dict), read_file(incoming)) == []


def test_problems_in_an_imported_file_are_reported_and_the_bad_values_left_out(tmp_path: Path) -> None:
    incoming = tmp_path / "policy.toml"
    incoming.write_text(
        'user_name = "X"\nkleur = "blauw"\n[disclosure]\nwhen = "soms"\ntext_nl = "{wie}"\nplacement = "end"\n',
        encoding="utf-8",
    )
    imported = read_file(incoming)
    assert imported.values == {"disclosure.placement": "end"}
    assert {problem.key for problem in imported.problems} == {
        "user_name", "kleur", "disclosure.when", "disclosure.text_nl"
    }
    assert all(problem.source == str(incoming) for problem in imported.problems)


def test_an_unreadable_file_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    incoming = tmp_path / "defaults.toml"
    incoming.write_text("[disclosure\nwhen = ", encoding="utf-8")
    imported = read_file(incoming)
    assert imported.values == {} and "onleesbaar" in imported.problems[0].reason


def test_importing_merges_into_the_choices_and_a_policy_locks(tmp_path: Path) -> None:
    incoming = tmp_path / "policy.toml"
    incoming.write_text('[disclosure]\nwhen = "never"\n[checks]\ngrammar = false\n', encoding="utf-8")
    merged = _choices({"privacy.retention_days"}).merged(read_file(incoming))
    assert merged.values["disclosure.when"] == "never" and merged.values["checks.grammar"] is False
    assert merged.locked == {"privacy.retention_days", "disclosure.when", "checks.grammar"}
    defaults = tmp_path / "defaults.toml"
    defaults.write_text('[disclosure]\nplacement = "end"\n', encoding="utf-8")
    assert "disclosure.placement" not in _choices().merged(read_file(defaults)).locked


def test_the_organisations_files_are_the_starting_point_and_round_trip() -> None:
    machine = paths.machine_config_dir()
    (machine / "defaults.toml").write_text('[disclosure]\nplacement = "footer"\n[checks]\nstyle = false\n')
    (machine / "policy.toml").write_text('[disclosure]\nwhen = "always"\n')
    start, problems = organisation_choices()
    assert not problems
    assert start.values["disclosure.placement"] == "footer" and start.values["checks.style"] is False
    assert start.locked == {"disclosure.when"}
    before = load_settings(registry=dict)
    write_file(start, FileKind.DEFAULTS, machine / "defaults.toml", WHEN)
    write_file(start, FileKind.POLICY, machine / "policy.toml", WHEN)
    after = load_settings(registry=dict)
    assert after.values == before.values and after.locked == before.locked


def test_every_choice_and_layer_has_a_label() -> None:
    for setting in SCHEMA:
        for choice in setting.choices:
            assert choice_label(setting.key, choice).strip()
    assert display_value("disclosure.when", "model") == "alleen als het taalmodel tekst schreef"
    assert display_value("checks.spelling", True) == "aan" and display_value("checks.spelling", False) == "uit"
    assert display_value("organisation", "") == "(leeg)"
    assert display_value("privacy.retention_days", 30) == "30"
    assert {layer_label(layer) for layer in Layer} == {
        "standaard", "organisatie-standaard", "gebruiker", "beleid", "strikt (beleid ongeldig)"
    }


def test_check_value_checks_type_range_and_placeholders() -> None:
    assert check_value("privacy.retention_days", 7) == 7
    with pytest.raises(ValueError, match="groter"):
        check_value("privacy.retention_days", 5000)
    with pytest.raises(ValueError, match="Onbekende plaatshouder"):
        check_value("disclosure.text_en", "By {author}")
    with pytest.raises(ValueError, match="onbekende instelling"):
        check_value("kleur", "blauw")


@pytest.mark.parametrize(
    ("placement", "where"),
    [("end", "last body paragraph"), ("first_page_note", "first body paragraph"), ("footer", "footer")],
)
def test_the_preview_places_the_disclosure_where_the_writer_puts_it(placement: str, where: str) -> None:
    choices = TeamChoices({**_choices().values, "disclosure.placement": placement})
    settings = preview_settings(load_settings(registry=dict), choices)
    model = preview_model()
    text = render_text(settings, model, WHEN)
    assert TEMPLATE.split("{tool}")[0] in text and model.name in text
    paragraphs = SampleLayout().paragraphs(placement, text)
    notes = [index for index, paragraph in enumerate(paragraphs) if paragraph.disclosure]
    assert len(notes) == 1 and paragraphs[notes[0]].text == text
    body = [paragraph for paragraph in paragraphs if not paragraph.footer]
    assert paragraphs[0].text.startswith("Toekenning invalidenparkeerplaats") or placement == "first_page_note"
    if where == "footer":
        assert paragraphs[notes[0]].footer and not any(p.disclosure for p in body)
    elif where == "first body paragraph":
        assert body[0].disclosure and body[1].text.startswith("Toekenning invalidenparkeerplaats")
    else:
        assert body[-1].disclosure and body[-2].text.startswith("2 onder het verkeersbord")


def test_the_preview_names_the_embedded_default_model() -> None:
    sha256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
    embedded = ModelUse("Qwen2.5-Coder 1.5B Instruct", sha256)
    assert preview_model() == embedded
