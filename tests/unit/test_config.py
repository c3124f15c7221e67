"""Settings that keep a real deployment safe: a secret key that must be set outside development, cookies and the
origins allowed to open a socket."""
import pytest

from teamplay import config, socket_origins
from teamplay.config import ConfigError


def test_development_makes_and_keeps_a_secret_key(monkeypatch, tmp_path):
    monkeypatch.delenv("TEAMPLAY_SECRET_KEY", raising=False)
    monkeypatch.setenv("TEAMPLAY_ENV", "development")
    monkeypatch.setattr(config, "PROJECT_ROOT", tmp_path)
    first = config._secret_key()
    assert len(first) == 64 and config._secret_key() == first  # kept in instance/ across restarts


def test_production_refuses_to_start_without_a_secret_key(monkeypatch):
    monkeypatch.delenv("TEAMPLAY_SECRET_KEY", raising=False)
    monkeypatch.setenv("TEAMPLAY_ENV", "production")
    with pytest.raises(ConfigError, match="TEAMPLAY_SECRET_KEY is not set"):
        config._secret_key()


def test_a_short_secret_key_is_refused(monkeypatch):
    monkeypatch.setenv("TEAMPLAY_SECRET_KEY", "hunter2")
    with pytest.raises(ConfigError, match="at least 32"):
        config._secret_key()
    monkeypatch.setenv("TEAMPLAY_SECRET_KEY", "x" * 40)
    assert config._secret_key() == "x" * 40


def test_sockets_take_the_pages_own_origin_unless_origins_are_listed_and_never_any():
    assert socket_origins([]) is None  # python-socketio: the page's own origin only
    assert socket_origins(["https://teamplay.example.org"]) == ["https://teamplay.example.org"]
    with pytest.raises(ConfigError):
        socket_origins(["*"])
