"""A lazily made service: made once on first use; patching it patches the made object."""

from __future__ import annotations

from hendazh_desktop.lazy import Lazy


class Service:
    def answer(self) -> int:
        return 42


def test_made_once_on_first_use_and_writes_reach_the_made_object():
    made: list[Service] = []

    def make() -> Service:
        made.append(Service())
        return made[-1]

    proxy = Lazy(make)
    assert made == []
    assert proxy.answer() == 42 and proxy.answer() == 42
    assert len(made) == 1
    proxy.answer = lambda: 7  # what monkeypatch.setattr does
    assert made[0].answer() == 7 and proxy.answer() == 7
    del proxy.answer  # and its undo
    assert made[0].answer() == 42 and proxy.answer() == 42
