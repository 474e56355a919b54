"""The language checks never open a network connection beyond this machine.

An audit hook (sys.addaudithook) sees every socket connect, sendto and name lookup in the
process - also those made by libraries such as requests - and refuses any that is not loopback
while the guard is armed.
"""

from __future__ import annotations

import csv
import ipaddress
import socket
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from desktop.core.language.awb import review_document, review_findings
from desktop.core.language.grammar import (
    GrammarChecker,
    LanguageToolServerBackend,
    prepare_lingotweaker_data,
    select_backend,
)
from desktop.core.language.readability import ReadabilityChecker, measure_document
from desktop.core.language.spelling import SpellChecker, default_dictionary_dir
from desktop.core.language.wordlists import B1WordChecker, WordLists
from tests.core.language.lt_server import serve

pytestmark = [pytest.mark.core, pytest.mark.slow]


class NetworkUsedError(AssertionError):
    """A check tried to reach another machine."""


_armed = False
_seen: list[str] = []
LOOKUPS = ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex", "socket.gethostbyaddr")
LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


def _is_loopback(host: object) -> bool:
    if isinstance(host, bytes):
        host = host.decode()
    if host is None or host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


def _hook(event: str, args: tuple[object, ...]) -> None:
    if not _armed:
        return
    if event in ("socket.connect", "socket.sendto"):
        address = args[1]
        if isinstance(address, tuple) and not _is_loopback(address[0]):
            _seen.append(f"{event} {address}")
            raise NetworkUsedError(f"{event} to {address}")
    elif event in LOOKUPS and not _is_loopback(args[0]):
        _seen.append(f"{event} {args[0]}")
        raise NetworkUsedError(f"{event} {args[0]}")


sys.addaudithook(_hook)


@contextmanager
def no_network() -> Iterator[None]:
    global _armed
    _seen.clear()
    _armed = True
    try:
        yield
    finally:
        _armed = False
    assert _seen == [], _seen


def test_the_guard_catches_a_lookup_and_a_connect():
    with pytest.raises(NetworkUsedError), no_network():
        socket.getaddrinfo("languagetool.org", 443)
    with pytest.raises(NetworkUsedError), no_network(), socket.socket() as sock:
        sock.connect(("192.0.2.1", 443))  # TEST-NET-1: never routed
    with no_network(), socket.socket() as sock:  # loopback is allowed
        sock.bind(("127.0.0.1", 0))


def test_every_language_check_runs_without_network(test_data, tmp_path):
    folder = test_data / "letters" / "texts"
    documents = [
        [(f"{p.stem}-{i}", t) for i, t in enumerate(p.read_text(encoding="utf-8").split("\n\n"))]
        for p in sorted(folder.glob("*.txt"))
    ]
    with (test_data / "simplification" / "amsterdam-complex-simple.csv").open(encoding="utf-8") as handle:
        documents.append(
            [(f"a{i}", row["Complex"]) for i, row in enumerate(csv.DictReader(handle)) if i < 200]
        )
    server = serve(0, str(prepare_lingotweaker_data(tmp_path / "cache")))
    try:
        with no_network():
            lists = WordLists.load_default()
            checkers = [
                SpellChecker(default_dictionary_dir(), lists.organisation, lists.personal, lists.protected),
                B1WordChecker(lists.b1),
                ReadabilityChecker(),
                GrammarChecker(lambda: select_backend("auto", tmp_path / "cache"), lists.protected),
                GrammarChecker(
                    lambda: LanguageToolServerBackend(f"http://127.0.0.1:{server.server_address[1]}/")
                ),
            ]
            total = 0
            for document in documents:
                for checker in checkers:
                    total += sum(1 for pid, text in document for _finding in checker.check(pid, text))
                measure_document(document)
                total += len(list(review_findings(review_document(document), dict(document))))
            lists.personal.add("Intermaris")
        assert total > 100
    finally:
        server.shutdown()


def test_a_remote_server_is_refused_before_any_connection(tmp_path):
    with no_network(), pytest.raises(ValueError):
        select_backend("languagetool", Path(tmp_path), server_url="http://languagetool.example.org:8081/")
