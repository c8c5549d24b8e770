"""Desktop integration: one application id everywhere, and files the validators accept."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from configparser import ConfigParser
from pathlib import Path

import pytest

from reader.paths import APP_ID
from reader.resources import resource

PACKAGING = Path(__file__).resolve().parent.parent / "packaging"
DESKTOP = PACKAGING / f"{APP_ID}.desktop"
METAINFO = PACKAGING / f"{APP_ID}.metainfo.xml"


def test_the_application_id_names_everything() -> None:
    assert DESKTOP.is_file() and METAINFO.is_file()
    assert resource("icons", f"{APP_ID}.svg").is_file()
    entry = ConfigParser(interpolation=None)
    entry.read(DESKTOP, encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Icon"] == APP_ID
    assert desktop["StartupWMClass"] == APP_ID
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == f"{APP_ID}.desktop"


def test_the_desktop_file_opens_the_formats_reader_imports() -> None:
    entry = ConfigParser(interpolation=None)
    entry.read(DESKTOP, encoding="utf-8")
    types = set(entry["Desktop Entry"]["MimeType"].strip(";").split(";"))
    wanted = {"text/plain", "text/markdown", "text/html", "application/epub+zip"}
    assert wanted | {"application/pdf"} <= types
    assert entry["Desktop Entry"]["Exec"] == "reader %F"


@pytest.mark.parametrize(
    ("tool", "args", "path"),
    [
        ("desktop-file-validate", [], DESKTOP),
        ("appstreamcli", ["validate", "--no-net"], METAINFO),
    ],
)
def test_the_validators_accept_the_files(tool: str, args: list[str], path: Path) -> None:
    program = shutil.which(tool)
    if program is None:
        pytest.skip(f"{tool} is not installed (make setup installs it as root)")
    done = subprocess.run(
        [program, *args, str(path)], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0, done.stdout + done.stderr
