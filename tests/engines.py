"""The two other engines readers use, driven headless from Debian's packages (no downloads):
Firefox ESR through its own Marionette protocol (marionette_driver), and WebKitGTK – the
engine of Safari – through its WebDriver (`WebKitWebDriver` and its MiniBrowser, Selenium's
WebKitGTK driver) on a virtual screen (Xvfb). tests/test_engines.py runs the same smoke
tests in both.

Neither reports the page's console the way Chromium's DevTools do, so the pages are served
with a probe: a same-origin script (PROBE, allowed by the policy's 'self') placed right after
the Content-Security-Policy <meta>, which records errors, unhandled rejections, console
errors and `securitypolicyviolation` events in `window.__glProbe`.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from helpers import Quiet, served

FIREFOX = os.environ.get("FIREFOX", "/usr/bin/firefox-esr")
WEBKIT_DRIVER = os.environ.get("WEBKIT_DRIVER", "/usr/bin/WebKitWebDriver")
XVFB = os.environ.get("XVFB", "/usr/bin/Xvfb")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
PROBE_PATH = "__probe.js"
PROBE = """(() => {
  "use strict";
  const log = (window.__glProbe = []);
  addEventListener("error", (event) => {
    const target = event.target && event.target !== window ? event.target : null;
    log.push(target ? `load failed: ${target.src || target.href || target.tagName}`
                    : `error: ${event.message}`);
  }, true);
  addEventListener("unhandledrejection", (event) => log.push(`rejection: ${event.reason}`));
  document.addEventListener("securitypolicyviolation", (event) =>
    log.push(`csp: ${event.violatedDirective} ${event.blockedURI}`));
  const error = console.error;
  console.error = (...args) => { log.push(`console: ${args.join(" ")}`); error.apply(console, args); };
})();
"""
CSP_META = re.compile(rb'<meta http-equiv="Content-Security-Policy"[^>]*>')


def with_probe(html: bytes, src: str) -> bytes:
    """The page with the probe's <script> right after its policy (which must allow it)."""
    match = CSP_META.search(html)
    assert match, "a page without the Content-Security-Policy <meta>"
    tag = f'<script src="{src}"></script>'.encode()
    return html[:match.end()] + tag + html[match.end():]


def probe_folder(folder: Path) -> None:
    """Every page of an unpacked copy of the site (the offline zip) gets the probe, by a
    relative address, as a file beside the pages."""
    (folder / PROBE_PATH).write_text(PROBE, encoding="utf-8")
    for page in folder.rglob("*.html"):
        depth = len(page.relative_to(folder).parts) - 1
        page.write_bytes(with_probe(page.read_bytes(), "../" * depth + PROBE_PATH))


@contextlib.contextmanager
def served_with_probe(directory: Path, sub_path: str) -> Iterator[str]:
    """`directory` served on loopback under `sub_path`, every HTML page with the probe."""

    class Handler(Quiet):
        def do_GET(self) -> None:
            path = self.path.split("?")[0].split("#")[0]
            if path == "/" + PROBE_PATH:
                return self._send(PROBE.encode(), "text/javascript")
            if not path.startswith(sub_path):
                return self.send_error(404)
            local = directory / path[len(sub_path):]
            if local.is_dir():
                local = local / "index.html"
            if local.suffix == ".html" and local.is_file():
                page = with_probe(local.read_bytes(), "/" + PROBE_PATH)
                return self._send(page, "text/html; charset=utf-8")
            self.path = "/" + path[len(sub_path):]
            return super().do_GET()

        def _send(self, body: bytes, content_type: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    with served(directory, handler=Handler, sub_path=sub_path) as base:
        yield base


# --- versions (the top of the test report) -------------------------------------------------

def _first_line(command: list[str]) -> str:
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return "not installed"
    if result.returncode != 0:
        return "not installed"
    return (result.stdout or result.stderr).strip().splitlines()[0]


def versions() -> list[str]:
    webkit = _first_line(["dpkg-query", "-W", "-f", "WebKitGTK ${Version}", "libwebkit2gtk-4.1-0"])
    return [_first_line([CHROMIUM, "--version"]), _first_line([FIREFOX, "--version"]), webkit]


# --- the drivers ---------------------------------------------------------------------------

class Engine:
    """What a smoke test does in a browser, the same in both engines."""

    name: str

    def get(self, url: str) -> None:
        raise NotImplementedError

    def run(self, script: str, *args: object) -> object:
        """Run `script` (a function body, `arguments` holds `args`) with the page's globals."""
        raise NotImplementedError

    def find(self, selector: str):
        raise NotImplementedError

    def active(self):
        raise NotImplementedError

    def press(self, key: str) -> None:
        """Send `key` (a WebDriver key code, see KEYS) to the focused element."""
        self.active().send_keys(key)

    def until(self, script: str, *args: object, timeout: float = 15) -> object:
        """Poll `script` until it returns a true value (at most `timeout` seconds): the page's
        scripts and transitions run at their own pace on a busy machine."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.run(script, *args)
            if value or time.monotonic() > deadline:
                assert value, f"{self.name}: never true: {script}"
                return value
            time.sleep(0.05)

    def probe(self) -> list[str]:
        """What the probe recorded on the current page."""
        return self.run("return window.__glProbe || ['the probe did not run'];")

    def quit(self) -> None:
        raise NotImplementedError


# WebDriver's key codes (the same in Marionette and Selenium).
KEYS = {"Enter": "\ue007", "Escape": "\ue00c", "Tab": "\ue004", "PageDown": "\ue00f",
        "PageUp": "\ue00e", "ArrowRight": "\ue014"}


class Firefox(Engine):
    name = "firefox"

    def __init__(self) -> None:
        from marionette_driver.marionette import Marionette

        self.profile = Path(tempfile.mkdtemp(prefix="gl-firefox-"))
        # Port 0: Firefox picks a free one and writes it to MarionetteActivePort.
        (self.profile / "user.js").write_text('user_pref("marionette.port", 0);\n', encoding="utf-8")
        self.process = subprocess.Popen(
            [FIREFOX, "--marionette", "--headless", "--no-remote", "-profile", str(self.profile)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env={**os.environ, "MOZ_CRASHREPORTER_DISABLE": "1"})
        port_file = self.profile / "MarionetteActivePort"
        deadline = time.monotonic() + 60
        while not port_file.is_file() or not port_file.read_text().strip():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("Firefox did not start Marionette")
            time.sleep(0.1)
        self.driver = Marionette(host="127.0.0.1", port=int(port_file.read_text()))
        self.driver.start_session()
        self.version = self.driver.session_capabilities["browserVersion"]

    def get(self, url: str) -> None:
        self.driver.navigate(url)

    def run(self, script: str, *args: object) -> object:
        return self.driver.execute_script(script, script_args=list(args), sandbox=None)

    def find(self, selector: str):
        return self.driver.find_element("css selector", selector)

    def active(self):
        return self.driver.get_active_element()

    def quit(self) -> None:
        with contextlib.suppress(Exception):
            self.driver.delete_session()
        self.process.terminate()
        self.process.wait(timeout=30)
        shutil.rmtree(self.profile, ignore_errors=True)


class WebKit(Engine):
    name = "webkit"

    def __init__(self) -> None:
        from selenium import webdriver
        from selenium.webdriver.webkitgtk.options import Options
        from selenium.webdriver.webkitgtk.service import Service

        # A virtual screen of its own: Xvfb picks a free display and writes its number.
        read, write = os.pipe()
        self.xvfb = subprocess.Popen([XVFB, "-displayfd", str(write), "-screen", "0", "1280x800x24",
                                      "-nolisten", "tcp"],
                                     pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write)
        with os.fdopen(read) as display:
            number = display.readline().strip()
        if not number:
            raise RuntimeError("Xvfb did not start")
        options = Options()
        options.binary_location = minibrowser()
        options.add_argument("--automation")
        service = Service(executable_path=WEBKIT_DRIVER, env={**os.environ, "DISPLAY": f":{number}"})
        self.driver = webdriver.WebKitGTK(options=options, service=service)
        self.version = self.driver.capabilities.get("browserVersion", "")

    def get(self, url: str) -> None:
        self.driver.get(url)

    def run(self, script: str, *args: object) -> object:
        return self.driver.execute_script(script, *args)

    def find(self, selector: str):
        return self.driver.find_element("css selector", selector)

    def active(self):
        return self.driver.switch_to.active_element

    def quit(self) -> None:
        with contextlib.suppress(Exception):
            self.driver.quit()
        self.xvfb.terminate()
        self.xvfb.wait(timeout=30)


def minibrowser() -> str:
    """WebKitGTK's MiniBrowser, which Debian keeps in the library's own folder."""
    found = sorted(Path("/usr/lib").glob("*/webkit2gtk-4.*/MiniBrowser"))
    if not found:
        raise RuntimeError("MiniBrowser not found: install webkit2gtk-driver")
    return str(found[-1])


def available(name: str) -> str:
    """Why the engine cannot run here, or ''."""
    needed = {"firefox": [FIREFOX], "webkit": [WEBKIT_DRIVER, XVFB]}[name]
    missing = [path for path in needed if not Path(path).is_file()]
    return f"missing {', '.join(missing)}: run `make` (it installs the Debian packages)" if missing else ""


def start(name: str) -> Engine:
    return {"firefox": Firefox, "webkit": WebKit}[name]()
