"""Real Syncthing instances for the sync integration test: one home each, on 127.0.0.1 only.

Each instance is configured by editing the config.xml that ``syncthing generate`` wrote, before it
starts: GUI/REST and sync listener on free loopback ports, the peer known by device id and address,
and everything that would reach beyond this machine off (global and local discovery, relays, NAT
traversal, usage and crash reporting, upgrades). The REST API (X-API-Key) triggers scans and reports
the connection and the folder's completion.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import time
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

FOLDER_ID = "kquiz-shared"
OPTIONS = {
    "globalAnnounceEnabled": "false",
    "localAnnounceEnabled": "false",
    "relaysEnabled": "false",
    "natEnabled": "false",
    "urAccepted": "-1",  # usage reporting declined
    "crashReportingEnabled": "false",
    "autoUpgradeIntervalH": "0",
    "startBrowser": "false",
    "reconnectionIntervalS": "1",
}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _set(parent: ET.Element, tag: str, text: str) -> None:
    node = parent.find(tag)
    if node is None:
        node = ET.SubElement(parent, tag)
    node.text = text


class Syncthing:
    """One Syncthing home (``root/home``), its shared folder (``folder``) and, once started, its process."""

    def __init__(self, binary: str, root: Path, folder: Path):
        self.binary, self.home, self.folder = binary, root / "home", folder
        self.log_path = root / "syncthing.log"
        self.api_key = secrets.token_hex(16)
        self.gui_port, self.listen_port = free_port(), free_port()
        self.process: subprocess.Popen[bytes] | None = None
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [binary, "generate", f"--home={self.home}", "--no-default-folder", "--skip-port-probing"],
            check=True,
            capture_output=True,
            timeout=60,
            env=self._env(),
        )
        top = self._config().getroot()
        device = top.find("device") if top is not None else None
        assert device is not None, "syncthing generate wrote no device"
        self.device_id = device.attrib["id"]

    def _env(self) -> dict[str, str]:
        env = dict(os.environ, HOME=str(self.home.parent), STNOUPGRADE="1", STNORESTART="1")
        env.pop("STGUIADDRESS", None)
        env.pop("STGUIAPIKEY", None)
        return env

    def _config(self) -> ET.ElementTree[ET.Element]:
        return ET.parse(self.home / "config.xml")

    def configure(self, peer: Syncthing) -> None:
        """Listen on loopback, know ``peer``, share the folder with it; nothing leaves 127.0.0.1."""
        tree = self._config()
        root = tree.getroot()
        assert root is not None
        gui = root.find("gui")
        options = root.find("options")
        defaults = root.find("defaults/folder")
        assert gui is not None and options is not None and defaults is not None
        gui.set("tls", "false")
        _set(gui, "address", f"127.0.0.1:{self.gui_port}")
        _set(gui, "apikey", self.api_key)
        for extra in options.findall("listenAddress"):
            options.remove(extra)
        _set(options, "listenAddress", f"tcp://127.0.0.1:{self.listen_port}")
        for key, value in OPTIONS.items():
            _set(options, key, value)
        other = ET.SubElement(root, "device", id=peer.device_id, name="peer", compression="metadata")
        _set(other, "address", f"tcp://127.0.0.1:{peer.listen_port}")
        _set(other, "autoAcceptFolders", "false")
        shared = ET.fromstring(ET.tostring(defaults))  # a copy of the folder defaults
        shared.set("id", FOLDER_ID)
        shared.set("label", "kquiz")
        shared.set("path", str(self.folder))
        shared.set("rescanIntervalS", "5")
        shared.set("fsWatcherEnabled", "true")
        shared.set("fsWatcherDelayS", "1")
        ET.SubElement(shared, "device", id=peer.device_id, introducedBy="")
        root.insert(list(root).index(gui), shared)
        tree.write(self.home / "config.xml")

    def start(self) -> None:
        command = [
            self.binary,
            "serve",
            f"--home={self.home}",
            "--no-browser",
            "--no-restart",
            "--no-upgrade",
            "--no-default-folder",
            "--skip-port-probing",
        ]
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                command, stdout=log, stderr=subprocess.STDOUT, env=self._env(), start_new_session=True
            )

    def stop(self) -> None:
        """SIGTERM the process group, SIGKILL what is left after 10 s; never leaves a process behind."""
        proc, self.process = self.process, None
        if proc is None or proc.poll() is not None:
            return
        for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 10)):
            try:
                os.killpg(proc.pid, sig)
            except ProcessLookupError:
                return
            try:
                proc.wait(timeout=wait)
                return
            except subprocess.TimeoutExpired:
                continue

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else "(no log)"

    def rest(self, method: str, path: str) -> Any:
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.gui_port}{path}", method=method, headers={"X-API-Key": self.api_key}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body.strip() else None

    def scan(self) -> None:
        self.rest("POST", f"/rest/db/scan?folder={FOLDER_ID}")

    def connected_to(self, peer: Syncthing) -> bool:
        connections = self.rest("GET", "/rest/system/connections")["connections"]
        return bool(connections.get(peer.device_id, {}).get("connected"))

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None


def wait_for(what: str, check: Callable[[], bool], engines: list[Syncthing], timeout: float = 120) -> float:
    """Poll ``check`` until true (an error from the REST API counts as not yet); seconds it took. Fails
    with both instances' log tails when it times out or an instance died."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        dead = [e for e in engines if not e.alive()]
        if dead:
            break
        try:
            if check():
                return time.monotonic() - started
        except OSError:
            pass
        time.sleep(0.2)
    tails = "\n".join(f"--- {e.home} ---\n{e.log()[-4000:]}" for e in engines)
    raise AssertionError(
        f"timed out or died waiting for {what} after {time.monotonic() - started:.0f} s\n{tails}"
    )
