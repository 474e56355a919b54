"""Grammar and style: LanguageTool's Dutch rules behind one interface with two backends.

- :class:`LingoTweakerBackend`: LanguageTool's engine and rules ported to Rust (``lt_py``, wheels
  for Linux x86_64). Its officialese rules (category OUDERWETS and the other style categories)
  carry ``tone_tags``/``is_goal_specific`` attributes that make the engine skip them; we prepare a
  copy of the data folder with those attributes stripped (:func:`prepare_lingotweaker_data`).
- :class:`LanguageToolServerBackend`: ``language-tool-python`` against a LanguageTool HTTP server
  on this machine (how organisations deploy it on Windows), either one that is already running
  or one started from a local installation (:class:`LocalLanguageToolServer`). Only loopback
  addresses are accepted (:func:`validate_server_url`): no text ever leaves the machine.

:func:`select_backend` picks one; :class:`GrammarChecker` turns matches into Findings with exact
character offsets and loads its backend lazily (:meth:`GrammarChecker.load`), so the app can
start it in the background: loading the engine takes seconds.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import ipaddress
import os
import re
import shutil
import socket
import subprocess
import threading
import time
import urllib.parse
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Literal, Protocol

from desktop.core.findings import Category, Finding, Source
from desktop.core.i18n import _
from desktop.core.language.house_rules import DOUBTFUL_HOUSE_RULES, RuleMatch, house_rule_matches
from desktop.core.language.misreadings import Misreadings
from desktop.core.language.names import in_law_name
from desktop.core.language.wordlists import ProtectedTerms

BackendPreference = Literal["auto", "lingotweaker", "languagetool"]
BACKEND_PREFERENCES: tuple[str, ...] = ("auto", "lingotweaker", "languagetool")

# Spelling is OpenTaal's job (spelling.py honours the organisation's and the user's word lists).
# The others misfire on Dutch legal and administrative writing (measured on ../shared/data/letters):
# a list item in a considerans ends with ";", "onderbord" is a traffic sign, not "onderboord".
DEFAULT_DISABLED_RULES: tuple[str, ...] = (
    "MORFOLOGIK_RULE_NL_NL",
    "EINDE_KOMMA",
    "ONDERBOORD_ONDERBORD",
    # Measured on the Amsterdam corpus (bench/eval_language.py, section 2): STRAAT_HL capitalises common nouns
    # that end in -straat or -weg ("een gewone stadsstraat", "bij 1 ontsluitingsweg"); DE_OR spells out "de OR".
    "STRAAT_HL",
    "NL_SIMPLE_REPLACE_DE_OR",
    # Measured on the tuning part of the Amsterdam corpus (7 December 2026): no error found, only false alarms.
    # "CO2" → "KOOLSTOFDIOXIDE" (in "CO2-opslagsysteem"); "m2" → "m²" is typography, no error; "1 voor een" →
    # "een voor een" misreads a number ("9 voor woningbouw en 1 voor een school").
    "NL_SIMPLE_REPLACE_CO_",
    "NL_SIMPLE_REPLACE_M_",
    "NL_SIMPLE_REPLACE___VOOR_EEN",
    # "het college van B&W" → "het college van BURGEMEESTER EN WETHOUDERS" (real decisions 010 and 304 in
    # tests/data): B&W and B & W are the usual abbreviation (Taalunie), and the replacement is in capitals.
    "NL_SIMPLE_REPLACE_B_W",
    "NL_SIMPLE_REPLACE_B___W",
)
# LanguageTool's simple-replace rules (replace.txt) are one rule to the engine (NL_SIMPLE_REPLACE, the id it can
# switch off) but report a sub-id per phrase (NL_SIMPLE_REPLACE_DE_OR); those are dropped from the matches.
STYLE_CATEGORIES = frozenset(
    {
        "STYLE", "OUDERWETS", "LEESBAARHEID", "LEENWOORDEN", "VOLUIT_SCHRIJVEN", "CLICHES",
        "COLLOQUIALISMS", "SLORDIG", "OPTIONAL_FORMS", "BE_NL", "STREEKTAAL", "NOTATIES",
        "CONFIDENT", "BELEDIGEND", "SEKSE_ZAKEN", "REDUNDANCY", "CAT_ALLEEN_NL",
    }
)  # fmt: skip
STRIPPED_ATTRIBUTES = re.compile(r'\s(?:tone_tags|is_goal_specific)="[^"]*"')
LANGUAGE = "nl"
CACHE_SIZE = 4096
SERVER_LANGUAGE = "nl-NL"


class GrammarUnavailableError(RuntimeError):
    """No grammar backend can run; the message (Dutch) says why and what to do."""


class GrammarBackend(Protocol):
    """What :class:`GrammarChecker` needs from a LanguageTool backend."""

    name: str

    def describe(self) -> str:
        """A short Dutch description of the active backend, for the settings and about screens."""
        ...

    def check(self, text: str) -> list[RuleMatch]:
        """The matches in ``text``, with character offsets."""
        ...

    def close(self) -> None:
        """Release the engine or stop the server this backend started."""
        ...


# -- offsets ----------------------------------------------------------------------------------------


def byte_to_char_offsets(text: str) -> Callable[[int], int]:
    """A function mapping a UTF-8 byte offset in ``text`` to a character offset."""
    if text.isascii():
        return lambda offset: offset
    table: dict[int, int] = {}
    position = 0
    for index, char in enumerate(text):
        table[position] = index
        position += len(char.encode("utf-8"))
    table[position] = len(text)
    return table.__getitem__


# -- lingotweaker -------------------------------------------------------------------------------------


def lingotweaker_available() -> bool:
    """True when the lingotweaker engine and its Dutch data are installed and usable here."""
    try:
        import lingotweaker_data_nl
        import lt_py
    except ImportError:
        return False
    return hasattr(lt_py, "Engine") and Path(lingotweaker_data_nl.data_dir(), "nl").is_dir()


def prepare_lingotweaker_data(cache_root: Path) -> Path:
    """A data folder for lingotweaker whose style rules (OUDERWETS and others) are switched on.

    The folder lives under ``cache_root`` and is named after the data package's version and a
    hash of its style.xml, so an update builds a new one. Everything except nl/rules/style.xml
    is a symbolic link into the installed package (lingotweaker exists for Linux only, where
    links always work); the folder is built beside its final place and renamed into it, so an
    interrupted first start never leaves a half-made folder. The second start reuses it.
    """
    import lingotweaker_data_nl

    source = Path(lingotweaker_data_nl.data_dir())
    style = source / "nl" / "rules" / "style.xml"
    digest = hashlib.sha256(style.read_bytes()).hexdigest()[:12]
    version = importlib.metadata.version("lingotweaker-data-nl")
    target = cache_root / f"lingotweaker-data-nl-{version}-{digest}"
    if (target / "nl" / "rules" / "style.xml").is_file():
        return target
    cache_root.mkdir(parents=True, exist_ok=True)
    building = cache_root / f".{target.name}.{os.getpid()}.tmp"
    shutil.rmtree(building, ignore_errors=True)
    rules = building / "nl" / "rules"
    rules.mkdir(parents=True)
    for entry in source.iterdir():
        if entry.name != "nl":
            (building / entry.name).symlink_to(entry)
    for entry in (source / "nl").iterdir():
        if entry.name != "rules":
            (building / "nl" / entry.name).symlink_to(entry)
    for entry in (source / "nl" / "rules").iterdir():
        if entry.name != "style.xml":
            (rules / entry.name).symlink_to(entry)
    stripped = STRIPPED_ATTRIBUTES.sub("", style.read_text(encoding="utf-8"))
    (rules / "style.xml").write_text(stripped, encoding="utf-8")
    try:
        building.rename(target)
    except OSError:  # another process finished first
        shutil.rmtree(building, ignore_errors=True)
        if not (target / "nl" / "rules" / "style.xml").is_file():
            raise
    return target


# Loaded engines by (data folder, disabled rules): building one reads and compiles every rule (2.5-4 s on two
# cores, holding the GIL all that time), so it happens once per process; lt_py's engine is immutable and
# thread-safe, so every checker of the process can share it.
_engines: dict[tuple[str, tuple[str, ...]], Any] = {}
_engines_lock = threading.Lock()


def _shared_engine(data_dir: Path, disabled_rules: tuple[str, ...]) -> Any:
    import lt_py

    key = (str(data_dir), tuple(sorted(disabled_rules)))
    with _engines_lock:
        engine = _engines.get(key)
        if engine is None:
            engine = lt_py.Engine(LANGUAGE, data_dir=str(data_dir), disabled_rules=list(disabled_rules))
            _engines[key] = engine
        return engine


class LingoTweakerBackend:
    """LanguageTool's Dutch rules in Rust, in this process (loaded once per process, see ``_shared_engine``)."""

    name = "lingotweaker"

    def __init__(self, cache_root: Path, disabled_rules: Iterable[str] = DEFAULT_DISABLED_RULES) -> None:
        if not lingotweaker_available():
            raise GrammarUnavailableError(
                _("De ingebouwde LanguageTool-regels (lingotweaker) zijn op deze computer niet beschikbaar.")
            )
        self.data_dir = prepare_lingotweaker_data(cache_root)
        self._engine: Any = _shared_engine(self.data_dir, tuple(disabled_rules))

    def describe(self) -> str:
        """The active backend in Dutch."""
        return _("LanguageTool-regels via lingotweaker (ingebouwd, {count} regels)").format(
            count=self._engine.rule_count
        )

    def check(self, text: str) -> list[RuleMatch]:
        """Check ``text``; lingotweaker's UTF-8 byte offsets become character offsets."""
        to_char = byte_to_char_offsets(text)
        matches = []
        for match in self._engine.check(text):
            start = to_char(match["offset"])
            end = to_char(match["offset"] + match["length"])
            matches.append(
                RuleMatch(
                    start=start,
                    end=end,
                    rule_id=match["rule_id"],
                    category_id=match["category_id"] or "",
                    issue_type=match["issue_type"] or "",
                    message=match["message"],
                    suggestions=tuple(match["suggestions"]),
                )
            )
        return matches

    def close(self) -> None:
        """Let go of the engine (it stays loaded for the next checker of this process)."""
        self._engine = None


# -- language-tool-python against a local server ------------------------------------------------------

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})


def validate_server_url(url: str) -> str:
    """``url`` normalised, or ValueError (Dutch) unless it is http(s) on a loopback address.

    Host names other than localhost are refused without looking them up: a name could resolve to
    any machine, and looking it up already leaves this one.
    """
    parsed = urllib.parse.urlsplit(url.strip())
    host = (parsed.hostname or "").lower()
    if parsed.scheme not in ("http", "https") or not host:
        raise ValueError(_("‘{url}’ is geen geldig adres van een LanguageTool-server.").format(url=url))
    loopback = host in LOOPBACK_NAMES
    if not loopback:
        try:
            loopback = ipaddress.ip_address(host).is_loopback
        except ValueError:
            loopback = False
    if not loopback:
        raise ValueError(
            _(
                "De LanguageTool-server ‘{url}’ staat niet op deze computer. Schrijfhulp stuurt geen tekst "
                "naar andere computers; gebruik 127.0.0.1 of localhost."
            ).format(url=url)
        )
    return urllib.parse.urlunsplit((parsed.scheme, parsed.netloc, parsed.path or "/", "", ""))


# Never let requests route the loopback traffic through a proxy from the environment.
_NO_PROXIES: dict[str, Any] = {"http": None, "https": None}


class LanguageToolServerBackend:
    """``language-tool-python`` against a LanguageTool HTTP server on 127.0.0.1."""

    name = "languagetool"

    def __init__(
        self,
        server_url: str,
        disabled_rules: Iterable[str] = DEFAULT_DISABLED_RULES,
        server: LocalLanguageToolServer | None = None,
    ) -> None:
        import language_tool_python

        self.url = validate_server_url(server_url)
        self._server = server
        try:
            self._tool: Any = language_tool_python.LanguageTool(
                SERVER_LANGUAGE, remote_server=self.url, proxies=_NO_PROXIES
            )
        except Exception as exc:  # language-tool-python raises several unrelated types
            raise GrammarUnavailableError(
                _("De LanguageTool-server op {url} antwoordt niet: {error}").format(url=self.url, error=exc)
            ) from exc
        self._tool.disabled_rules = set(disabled_rules)

    def describe(self) -> str:
        """The active backend in Dutch."""
        if self._server is not None:
            return _("LanguageTool (lokale installatie in {folder})").format(folder=self._server.folder)
        return _("LanguageTool-server op {url}").format(url=self.url)

    def check(self, text: str) -> list[RuleMatch]:
        """Check ``text`` on the server; offsets come back as characters."""
        # language-tool-python already turns LanguageTool's UTF-16 offsets into code points.
        return [
            RuleMatch(
                start=match.offset,
                end=match.offset + match.error_length,
                rule_id=match.rule_id,
                category_id=match.category or "",
                issue_type=match.rule_issue_type or "",
                message=match.message,
                suggestions=tuple(match.replacements),
            )
            for match in self._tool.check(text)
        ]

    def close(self) -> None:
        """Close the client and stop the server when this backend started it."""
        self._tool.close()
        if self._server is not None:
            self._server.stop()


def _free_loopback_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class LocalLanguageToolServer:
    """A LanguageTool server started from a local installation, listening on 127.0.0.1 only.

    ``folder`` holds ``languagetool-server.jar`` (a LanguageTool release folder as IT deploys
    it); ``java`` is the Java executable (default: the one on PATH). LanguageTool's HTTPServer
    listens on localhost unless started with ``--public``, which we never pass.
    """

    def __init__(self, folder: Path, java: str | None = None, timeout: float = 60.0) -> None:
        self.folder = folder
        jar = folder / "languagetool-server.jar"
        if not jar.is_file():
            raise GrammarUnavailableError(
                _("In {folder} staat geen LanguageTool (languagetool-server.jar).").format(folder=folder)
            )
        executable = java or shutil.which("java")
        if not executable:
            raise GrammarUnavailableError(_("Java is niet gevonden; dat is nodig voor de lokale LanguageTool."))
        self.port = _free_loopback_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        command = [
            executable,
            "-cp",
            str(jar),
            "org.languagetool.server.HTTPServer",
            "--port",
            str(self.port),
        ]
        self._process = subprocess.Popen(  # a fixed command, no shell
            command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        self._wait_until_listening(timeout)

    def _wait_until_listening(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise GrammarUnavailableError(
                    _("De lokale LanguageTool stopte meteen (code {code}).").format(code=self._process.returncode)
                )
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5),
            ):
                return
            time.sleep(0.1)
        self.stop()
        raise GrammarUnavailableError(
            _("De lokale LanguageTool start niet binnen {seconds} seconden.").format(seconds=int(timeout))
        )

    def stop(self) -> None:
        """Stop the server process."""
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()


# -- selection ---------------------------------------------------------------------------------------


def select_backend(
    preference: str,
    cache_root: Path,
    server_url: str | None = None,
    languagetool_folder: Path | None = None,
    disabled_rules: Iterable[str] = DEFAULT_DISABLED_RULES,
) -> GrammarBackend:
    """Construct the backend to use (slow: loads an engine or starts a server).

    ``preference`` "lingotweaker" or "languagetool" insists on that backend; "auto" takes
    lingotweaker where it is installed (Linux x86_64: no extra process, the same rules), else a
    configured local server (``server_url``), else a local installation (``languagetool_folder``).
    A server URL that is not on this machine is refused even when it would not be used.
    """
    if preference not in BACKEND_PREFERENCES:
        raise ValueError(f"unknown grammar backend {preference!r}; choose one of {BACKEND_PREFERENCES}")
    url = validate_server_url(server_url) if server_url else None
    disabled = tuple(disabled_rules)
    if preference == "lingotweaker" or (preference == "auto" and lingotweaker_available()):
        return LingoTweakerBackend(cache_root, disabled)
    if url is not None:
        return LanguageToolServerBackend(url, disabled)
    if languagetool_folder is not None:
        server = LocalLanguageToolServer(languagetool_folder)
        try:
            return LanguageToolServerBackend(server.url, disabled, server=server)
        except GrammarUnavailableError:
            server.stop()
            raise
    raise GrammarUnavailableError(
        _(
            "Er is geen LanguageTool beschikbaar voor de grammaticacontrole. Vraag uw beheerder om een "
            "lokale LanguageTool-server (127.0.0.1) in te stellen."
        )
    )


# -- findings ----------------------------------------------------------------------------------------

_SUGGESTION_MARKUP = re.compile(r"<suggestion>(.*?)</suggestion>")
_TAGS = re.compile(r"</?[a-z]+>")


def clean_message(message: str) -> str:
    """LanguageTool's message without its markup: <suggestion>x</suggestion> becomes ‘x’."""
    return _TAGS.sub("", _SUGGESTION_MARKUP.sub(r"‘\1’", message)).strip()


def category_of(match: RuleMatch) -> Category:
    """Our category for a LanguageTool match."""
    if match.issue_type == "misspelling" and match.category_id == "TYPOS":
        return Category.SPELLING
    if match.category_id in STYLE_CATEGORIES or match.issue_type in ("style", "register"):
        return Category.STYLE
    return Category.GRAMMAR


class GrammarChecker:
    """LanguageTool's Dutch grammar and style rules as a :class:`~desktop.core.findings.Checker`.

    ``factory`` constructs the backend (for example ``lambda: select_backend(...)``); it runs on
    the first :meth:`load` or check, once, so the caller decides on which thread the slow load
    happens. Style findings on a protected term are dropped: those terms are never simplified.
    """

    name = "grammatica"

    def __init__(
        self,
        factory: Callable[[], GrammarBackend],
        protected: ProtectedTerms | None = None,
        disabled_rules: Iterable[str] = DEFAULT_DISABLED_RULES,
    ) -> None:
        self._factory = factory
        self._protected = protected
        self._disabled = frozenset(disabled_rules)
        self._backend: GrammarBackend | None = None
        self._lock = threading.Lock()
        # Paragraph text -> matches: on a pause in typing only the edited paragraph is new.
        self._cache: OrderedDict[str, list[RuleMatch]] = OrderedDict()

    @property
    def loaded(self) -> bool:
        """True once the backend is constructed."""
        return self._backend is not None

    def load(self) -> GrammarBackend:
        """Construct the backend if that has not happened yet, and return it."""
        with self._lock:
            if self._backend is None:
                self._backend = self._factory()
            return self._backend

    def describe(self) -> str:
        """Which backend is active, in Dutch (loads it when needed)."""
        return self.load().describe()

    def close(self) -> None:
        """Release the backend."""
        with self._lock:
            if self._backend is not None:
                self._backend.close()
                self._backend = None
            self._cache.clear()

    def _matches(self, text: str) -> list[RuleMatch]:
        cached = self._cache.get(text)
        if cached is None:
            cached = self.load().check(text) + house_rule_matches(text)
            with self._lock:
                self._cache[text] = cached
                while len(self._cache) > CACHE_SIZE:
                    self._cache.popitem(last=False)
        return cached

    def check(self, paragraph_id: str, text: str) -> Iterator[Finding]:
        """Yield a finding for every LanguageTool match in ``text``."""
        if not text.strip():
            return
        context = Misreadings(text)
        for match in self._matches(text):
            if match.rule_id in self._disabled:
                continue  # a simple-replace phrase the engine cannot switch off on its own
            if context.misreads(match):
                continue
            category = category_of(match)
            if category is Category.STYLE and (
                (self._protected is not None and self._protected.covers(text, match.start, match.end))
                or in_law_name(text, match.start, match.end)
            ):
                continue
            yield Finding(
                paragraph=paragraph_id,
                start=match.start,
                end=match.end,
                original=text[match.start : match.end],
                category=category,
                rule=f"{'SH' if match.category_id == 'SCHRIJFHULP' else 'LT'}:{match.rule_id}",
                source=Source.RULE,
                message=clean_message(match.message),
                suggestions=cased_first(text[match.start : match.end], match.suggestions)[:5],
                confidence=DOUBTFUL_HOUSE_RULES.get(match.rule_id, 1.0) if match.category_id == "SCHRIJFHULP" else 1.0,
            )


def cased_first(original: str, suggestions: Sequence[str]) -> tuple[str, ...]:
    """``suggestions`` without repeats, those that begin in the same case as ``original`` first: a rule offers
    "Aan de rand van het" and "aan de rand van het" for both places a phrase can stand; mid-sentence the
    capital one is wrong."""
    unique = tuple(dict.fromkeys(suggestions))
    lower = original[:1].islower()
    return tuple(sorted(unique, key=lambda s: s[:1].isupper() and lower))
