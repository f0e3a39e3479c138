#!/usr/bin/env python3
"""Driver of bench/load (standard library only): N users each run the web app's
build -> push flow through one headless portal at the same moment, while probes time
cheap calls; prints one JSON document with every figure.

  load.py CONFIG.json      (written by bench/load; holds passwords, so root-only)

CONFIG: {"portal": "http://127.0.0.1:PORT", "registry": "127.0.0.1:PORT",
         "image": "REGISTRY/library/busybox:latest", "users": [[name, password], ...],
         "probe": [name, password], "helper": PATH, "idle_probes": N}

The flow per user is what portal/web/app.js does on the Build page: log in
(POST /api/v1/session), start a working container (POST /api/v1/containers), run one
step (POST .../steps), commit and push (POST .../publish, images.publish), remove the
working container (DELETE), log out (DELETE /api/v1/session). State-changing requests
carry the Origin header and the session's X-CSRF-Token, as a browser's would.

Probes (one call at a time, idle and while the flows run):
  portal   GET /api/v1/session      answered by the portal alone (no helper)
  helper   POST /api/v1/jobs/script slurm.script: portal -> SSH channel -> helper, which
                                    renders text and starts no tool (docs/protocol.md)
  pipe     system.hello to `podbay-helper serve` on a local pipe (runuser, no SSH, no portal)
  cat      a line through `cat` on a local pipe: what waking a process costs right now
  sshcat   a line through `cat` over one OpenSSH connection to the node: the SSH floor
The helper's own per-call cost is pipe - cat; the portal path's is helper - sshcat.
Each round also reads the run queue (procs_running in /proc/stat, proc(5)).
"""

import http.client
import json
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse

PHASES = ["login", "create", "step", "publish", "remove", "logout"]


class ApiError(Exception):
    def __init__(self, phase, status, body):
        try:
            problem = json.loads(body)
        except ValueError:
            problem = {}
        code = problem.get("code") or problem.get("error") or ""
        message = problem.get("message") or problem.get("detail") or body[:200]
        super().__init__(f"{phase}: HTTP {status} {code} {message}".strip())
        self.phase, self.status, self.code = phase, status, code


class Client:
    """One browser: its own keep-alive connection, cookie and CSRF token."""

    def __init__(self, base):
        url = urllib.parse.urlsplit(base)
        self.host, self.port, self.origin = url.hostname, url.port, base
        self.conn = None
        self.cookie = ""
        self.csrf = ""

    def request(self, phase, method, path, body=None, timeout=3600):
        headers = {"Origin": self.origin, "Accept": "application/json"}
        if self.cookie:
            headers["Cookie"] = self.cookie
        if self.csrf:
            headers["X-CSRF-Token"] = self.csrf
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        for attempt in (0, 1):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
            try:
                self.conn.request(method, path, body=data, headers=headers)
                response = self.conn.getresponse()
                text = response.read().decode("utf-8", "replace")
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # The server closed an idle keep-alive connection: once more on a new one.
                self.conn.close()
                self.conn = None
                if attempt:
                    raise
        for name, value in response.getheaders():
            if name.lower() == "set-cookie" and value.startswith("podbay_session="):
                self.cookie = value.split(";", 1)[0]
        if response.status >= 300:
            raise ApiError(phase, response.status, text)
        return json.loads(text) if text.strip() else {}

    def login(self, user, password):
        session = self.request("login", "POST", "/api/v1/session", {"user": user, "password": password})
        self.csrf = session.get("csrfToken", "")
        if not self.csrf:
            raise ApiError("login", 200, "no csrfToken in the answer")

    def logout(self):
        self.request("logout", "DELETE", "/api/v1/session")
        self.csrf = ""

    def close(self):
        if self.conn:
            self.conn.close()


def run_flow(base, image, user, password, start, result):
    """One user's build -> push flow; fills `result` (phase seconds, error)."""
    client = Client(base)
    result.update(user=user, ok=False, error="", phases={})
    start.wait()
    t_begin = time.monotonic()
    phase = "login"

    def timed(name, fn):
        nonlocal phase
        phase = name
        t0 = time.monotonic()
        value = fn()
        result["phases"][name] = time.monotonic() - t0
        return value

    try:
        timed("login", lambda: client.login(user, password))
        name = "load"
        timed("create", lambda: client.request("create", "POST", "/api/v1/containers", {"image": image, "name": name}))
        step = timed("step", lambda: client.request(
            "step", "POST", f"/api/v1/containers/{name}/steps", {"command": f"echo {user} > /load.txt && cat /load.txt"}))
        if step.get("exitCode") != 0 or step.get("output", "").strip() != user:
            raise ApiError("step", 200, f"step exit {step.get('exitCode')}, output {step.get('output')!r}")
        pushed = timed("publish", lambda: client.request(
            "publish", "POST", f"/api/v1/containers/{name}/publish", {"name": "load", "tag": "latest"}))
        result["image"] = pushed.get("image", "")
        result["digest"] = pushed.get("digest", "")
        timed("remove", lambda: client.request("remove", "DELETE", f"/api/v1/containers/{name}"))
        timed("logout", client.logout)
        result["ok"] = True
    except ApiError as e:
        result["error"] = str(e)
    except Exception as e:  # a socket error, a timeout: recorded, the others go on
        result["error"] = f"{phase}: {type(e).__name__}: {e}"
    finally:
        result["total"] = time.monotonic() - t_begin
        client.close()


class Probe:
    """Times cheap calls one after the other until stopped; samples are (ms, wall time)."""

    def __init__(self, base, user, password, helper, ssh):
        self.client = Client(base)
        self.client.login(user, password)
        self.user = user
        self.pipe = subprocess.Popen(["runuser", "-u", user, "--", helper, "serve"],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
        self.next_id = 0
        self.hello()  # the handshake call the apps make first (docs/protocol.md)
        self.cat = subprocess.Popen(["runuser", "-u", user, "--", "cat"],
                                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
        self.sshcat = subprocess.Popen(ssh + ["cat"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
        self.echo(self.sshcat)  # logged in and ready

    @staticmethod
    def echo(proc):
        proc.stdin.write("ping\n")
        proc.stdin.flush()
        if proc.stdout.readline() != "ping\n":
            raise RuntimeError("cat did not echo")

    def hello(self):
        self.next_id += 1
        self.pipe.stdin.write(json.dumps({"jsonrpc": "2.0", "id": self.next_id, "method": "system.hello"}) + "\n")
        self.pipe.stdin.flush()
        answer = json.loads(self.pipe.stdout.readline())
        if answer.get("id") != self.next_id or "result" not in answer:
            raise RuntimeError(f"system.hello on the pipe answered {answer}")

    def once(self, samples):
        job = {"image": "library/busybox:latest", "command": "true"}
        for kind, call in (("portal", lambda: self.client.request("probe", "GET", "/api/v1/session")),
                           ("helper", lambda: self.client.request("probe", "POST", "/api/v1/jobs/script", job)),
                           ("pipe", self.hello),
                           ("cat", lambda: self.echo(self.cat)),
                           ("sshcat", lambda: self.echo(self.sshcat))):
            t0 = time.monotonic()
            call()
            samples[kind].append((time.monotonic() - t0) * 1000)
        with open("/proc/stat") as stat:
            for line in stat:
                if line.startswith("procs_running "):
                    samples["runqueue"].append(int(line.split()[1]))

    def close(self):
        try:
            self.client.logout()
        finally:
            self.client.close()
            for proc in (self.pipe, self.cat, self.sshcat):
                proc.stdin.close()
                proc.wait(timeout=30)


def pct(values, p):
    if not values:
        return None
    v = sorted(values)
    return v[min(len(v) - 1, int(len(v) * p / 100))]


def summary(values):
    return {"n": len(values), "p50": pct(values, 50), "p95": pct(values, 95), "max": max(values) if values else None}


def main():
    cfg = json.load(open(sys.argv[1]))
    base, image = cfg["portal"], cfg["image"]
    probe = Probe(base, cfg["probe"][0], cfg["probe"][1], cfg["helper"], cfg["ssh"])

    kinds = ["portal", "helper", "pipe", "cat", "sshcat", "runqueue"]
    idle = {k: [] for k in kinds}
    for _ in range(int(cfg.get("idle_probes", 200))):
        probe.once(idle)
        time.sleep(0.02)

    start = threading.Event()
    results = [dict() for _ in cfg["users"]]
    threads = [threading.Thread(target=run_flow, args=(base, image, u, pw, start, r), daemon=True)
               for (u, pw), r in zip(cfg["users"], results)]
    for t in threads:
        t.start()
    loaded = {k: [] for k in kinds}
    time.sleep(0.2)  # every flow thread is waiting on `start`
    t0 = time.monotonic()
    start.set()
    # Probe only while every flow still runs: the figure is "with N flows under way", not
    # the tail when the last few finish alone.
    while all(t.is_alive() for t in threads):
        probe.once(loaded)
        time.sleep(0.05)
    for t in threads:
        t.join()
    wall = time.monotonic() - t0
    probe.close()

    ok = [r for r in results if r.get("ok")]
    out = {
        "users": len(results),
        "completed": len(ok),
        "wall_s": wall,
        "total_s": summary([r["total"] for r in ok]),
        "phases_s": {p: summary([r["phases"][p] for r in ok]) for p in PHASES},
        "errors": [{"user": r["user"], "error": r["error"]} for r in results if not r.get("ok")],
        "probe_ms": {"idle": {k: summary(v) for k, v in idle.items()},
                     "load": {k: summary(v) for k, v in loaded.items()}},
        # The helper's own share of a call, paired sample by sample (same round).
        "helper_own_ms": {name: summary([h - c for h, c in zip(d["pipe"], d["cat"])])
                          for name, d in (("idle", idle), ("load", loaded))},
        "portal_path_ms": {name: summary([h - c for h, c in zip(d["helper"], d["sshcat"])])
                           for name, d in (("idle", idle), ("load", loaded))},
        "pushed": [{"user": r["user"], "image": r.get("image", ""), "digest": r.get("digest", "")} for r in ok],
    }
    json.dump(out, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
