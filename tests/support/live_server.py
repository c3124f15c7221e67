"""A real TeamPlay server in a subprocess (eventlet, its own SQLite file), for live and browser tests."""
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveServer:
    """Starts `python wsgi.py` on a free loopback port; can be killed (SIGKILL) and started again on the same port."""

    def __init__(self, tmp_path, extra_env=None, script=PROJECT_ROOT / "wsgi.py"):
        self.script = Path(script)  # another server of the same shape: bench/floor_server.py
        self.tmp_path = Path(tmp_path)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.database_url = f"sqlite:///{self.tmp_path / 'live.db'}"
        self.extra_env = extra_env or {}
        self.process = None
        self.log_path = self.tmp_path / "server.log"

    def env(self):
        env = dict(os.environ)
        env.update(
            TEAMPLAY_HOST="127.0.0.1",
            TEAMPLAY_PORT=str(self.port),
            TEAMPLAY_PUBLIC_URL=self.url,
            TEAMPLAY_DATABASE_URL=self.database_url,
            TEAMPLAY_SECRET_KEY="live-test-secret-of-at-least-32-characters",
            TEAMPLAY_LOG_LEVEL="WARNING",
            # A dropped player shows as away after this grace period (default 10 s): short, so that tests which
            # wait for "away" wait a second, not ten.
            TEAMPLAY_PRESENCE_GRACE_S="1",
        )
        env.update(self.extra_env)
        return env

    def start(self, timeout=20):
        log = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            [sys.executable, str(self.script)],
            cwd=PROJECT_ROOT, env=self.env(), stdout=log, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}:\n{self.log()}")
            try:
                if requests.get(f"{self.url}/healthz", timeout=0.5).ok:
                    return self
            except requests.RequestException:
                time.sleep(0.1)
        raise RuntimeError(f"server did not start in {timeout} s:\n{self.log()}")

    def kill(self):
        """SIGKILL: no clean-up, no goodbye, exactly like a crash or a pulled plug."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)

    def terminate(self, timeout=20):
        """SIGTERM, the way a deploy or `systemctl stop` ends the server; returns its exit status."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            return self.process.wait(timeout=timeout)
        return self.process.returncode if self.process else None

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.kill()

    def restart(self):
        self.kill()
        return self.start()

    def log(self):
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def create_event(self, title="Team huddle"):
        response = requests.post(f"{self.url}/api/events", json={"title": title}, timeout=5)
        response.raise_for_status()
        return response.json()

    def join(self, code, name):
        return requests.post(f"{self.url}/api/rooms/{code}/players", json={"name": name}, timeout=5)
