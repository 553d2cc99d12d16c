"""`make audit`: Lighthouse (mobile profile) on the front page and one chapter page.

Serves site/ on loopback with gzip, as a real static host would, runs the pinned
Lighthouse 12.2.3 from tests/audit/node_modules in Debian's Chromium RUNS times per
page, and prints the median of each category score next to the project's targets
(Lighthouse's own advice: performance varies from run to run on a shared machine).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

AUDIT = Path(__file__).resolve().parent
SITE = AUDIT.parent.parent / "site"
PAGES = ["index.html", "ledelse-pa-dagsordenen/index.html"]
TARGETS = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}
RUNS = 3
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".txt", ".xml"}


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed when the client accepts it."""

    def log_message(self, *args: object) -> None:
        pass

    def send_head(self):  # http.server's own signature
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix not in COMPRESSIBLE or "gzip" not in self.headers.get("Accept-Encoding", "") \
                or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        return _Body(body)


class _Body:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, *args: object) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


def lighthouse_run(lighthouse: Path, url: str, env: dict[str, str]) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        subprocess.run(
            [str(lighthouse), url, "--quiet", "--output=json", f"--output-path={report}",
             "--only-categories=performance,accessibility,best-practices,seo",
             "--chrome-flags=--headless=new --no-sandbox --disable-gpu "
             "--disable-background-networking --disable-component-update --disable-sync"],
            env=env, check=True,
        )
        return json.loads(report.read_text(encoding="utf-8"))


def main() -> int:
    if not (SITE / "index.html").is_file():
        print("site/ is not built: run `make` first", file=sys.stderr)
        return 1
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(SITE)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    lighthouse = AUDIT / "node_modules" / ".bin" / "lighthouse"
    failed = False
    try:
        for page in PAGES:
            url = f"http://127.0.0.1:{server.server_address[1]}/{page}"
            results = [lighthouse_run(lighthouse, url, env) for _ in range(RUNS)]
            print(f"{page} (median of {RUNS} runs)")
            for key, target in TARGETS.items():
                scores = [round(result["categories"][key]["score"] * 100) for result in results]
                score = statistics.median(scores)
                ok = score >= target
                failed |= not ok
                title = results[0]["categories"][key]["title"]
                print(f"  {title:<16} {score:>5g}  (target ≥ {target}) {'OK' if ok else 'BELOW'}"
                      f"   runs: {', '.join(map(str, scores))}")
    finally:
        server.shutdown()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
