# shellcheck shell=bash disable=SC2034,SC2154
# (SC2034: portal_* are set for the caller; SC2154: build_dir and PODBAY_* come from it.)
# Shared by bench/portal and bench/portal-valgrind: start podbay-portal against the local
# login node, log in and out over its JSON API, and drive wrk against it.
# Needs: build_dir (the build whose bin/podbay-portal runs) and the login node's
# environment (eval "$(scripts/loginnode env)").

# portal_start WORK SECONDS [LAUNCHER ARGS...]: runs the portal (through LAUNCHER, such as
# valgrind, when given) on a free loopback port with its output in WORK/portal.{out,err};
# waits up to SECONDS for its "listening" line. Sets portal_pid (the PID of the portal
# itself: valgrind runs the program in its own process), portal_base and portal_host.
portal_start() {
    local work=$1 secs=$2
    shift 2
    "$@" "$build_dir/bin/podbay-portal" --login-node "$PODBAY_SSH_HOST:$PODBAY_SSH_PORT" --listen 127.0.0.1:0 \
        --known-hosts "$PODBAY_KNOWN_HOSTS" --helper "$PODBAY_HELPER" >"$work/portal.out" 2>"$work/portal.err" &
    portal_pid=$!
    local i
    for ((i = 0; i < secs * 10; i++)); do
        grep -q listening "$work/portal.out" 2>/dev/null && break
        kill -0 "$portal_pid" 2>/dev/null || break
        sleep 0.1
    done
    portal_base=$(grep -o 'http://[0-9.]*:[0-9]*' "$work/portal.out" || true)
    [[ -n $portal_base ]] || { echo "portal did not start: $(cat "$work/portal.err")" >&2; return 1; }
    portal_host=${portal_base#http://}
}

# portal_login USER PASSWORD [BODYFILE]: prints the session cookie (podbay_session=...);
# the answer's JSON (with its csrfToken) goes to BODYFILE when given.
portal_login() {
    curl -fsS -D - -o "${3:-/dev/null}" -H 'Content-Type: application/json' \
        --data "{\"user\":\"$1\",\"password\":\"$2\"}" "$portal_base/api/v1/session" |
        tr -d '\r' | sed -n 's/^Set-Cookie: \(podbay_session=[^;]*\);.*/\1/p'
}

# portal_logout COOKIE BODYFILE: DELETE /api/v1/session with the login answer's CSRF token;
# prints the HTTP status (204 when the session ended).
portal_logout() {
    local csrf
    csrf=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["csrfToken"])' "$2")
    curl -s -o /dev/null -w '%{http_code}' -X DELETE -H "Cookie: $1" -H "X-CSRF-Token: $csrf" \
        "$portal_base/api/v1/session"
}

# portal_wrk SECONDS URL [WRK ARGS...]: wrk's whole report; 2 threads and 64 connections
# (the machine's 2 cores are shared by wrk and the portal).
portal_wrk() {
    local secs=$1
    shift
    wrk -t2 -c64 -d"${secs}s" "$@"
}
