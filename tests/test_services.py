"""``services.command_writer`` tells the user how a command will draft, then builds the writer."""

from __future__ import annotations

from afterview import services
from afterview.config import resolve_settings

LOCAL_SERVER = "http://127.0.0.1:9/v1"  # never contacted: building a writer sends nothing


def test_offline_without_asking_says_why() -> None:
    told: list[str] = []
    writer = services.command_writer(resolve_settings(), told.append)
    assert not writer.online
    assert told == ["offline: no OPENAI_API_KEY or base URL set; drafting from templates"]


def test_asking_for_offline_needs_no_notice() -> None:
    told: list[str] = []
    writer = services.command_writer(resolve_settings(offline=True), told.append)
    assert not writer.online and told == []


def test_online_announces_what_is_sent_once_per_data_dir() -> None:
    settings = resolve_settings(base_url=LOCAL_SERVER, model="local-model")
    told: list[str] = []
    assert services.command_writer(settings, told.append).online
    assert told == [services.privacy_notice(settings)]
    assert "127.0.0.1:9" in told[0]
    services.command_writer(settings, told.append)
    assert len(told) == 1
