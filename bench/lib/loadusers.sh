# shellcheck shell=bash
# Sourced by bench/load: the load users podbay-load01..NN on the local login node, made
# the way scripts/loginnode makes podbay-alice (useradd, password, rootless podman's
# containers.conf) except for their subordinate ids, which come from the helper's own
# admin command (`podbay-helper subids sync`, as a site's timer runs it) instead of
# usermod. Both functions are idempotent; everything is done by PID or by name, never by
# pattern over other accounts.
#
# Needs: LOAD_STATE (root-only directory for passwords and markers), PODBAY_HELPER (the
# node's installed helper), from `scripts/loginnode env`.

# Names are fixed: sshd's AllowUsers pattern in bench/load matches exactly these.
load_user_name() { printf 'podbay-load%02d' "$1"; }

load_log() { printf 'bench/load: %s\n' "$*" >&2; }

# The helper's record of the lines it manages (SubidsSettings.cpp: [subids] state_file).
readonly LOAD_SUBIDS_STATE=/var/lib/podbay/subids.json

# Users (one per line) whose subuid lines the helper manages now, other than load users:
# a sync given a passwd file removes managed lines of accounts missing from it
# (docs/helper-conf.md, "What sync changes"), so they must stay in the file we give it.
load_other_managed_owners() {
    [[ -s $LOAD_SUBIDS_STATE ]] || return 0
    python3 - "$LOAD_SUBIDS_STATE" <<'PY'
import json, sys
state = json.load(open(sys.argv[1]))
names = {line.split(":", 1)[0] for key in ("subuid", "subgid") for line in state.get(key, [])}
print("\n".join(sorted(n for n in names if n and not n.startswith("podbay-load"))))
PY
}

# subids sync over exactly: the accounts the helper manages already + the given users.
# Strategy allocate: the node's existing ranges were handed out one after the other by
# usermod (scripts/loginnode), so only allocate is sure to pick ranges beside them; the
# fixed-formula strategies could land on one. Its warnings about lines of accounts not
# in our passwd file (alice's, made by usermod) are expected and kept in the log.
load_subids_sync() {
    local passwd u
    passwd=$(mktemp "$LOAD_STATE/passwd.XXXXXX")
    for u in $(load_other_managed_owners) "$@"; do
        getent passwd "$u" >>"$passwd" || true
    done
    if ! "$PODBAY_HELPER" subids sync --passwd "$passwd" --strategy allocate >"$LOAD_STATE/subids.log" 2>&1; then
        cat "$LOAD_STATE/subids.log" >&2
        rm -f "$passwd"
        return 1
    fi
    rm -f "$passwd"
    grep -E '^/etc/sub[ug]id: ' "$LOAD_STATE/subids.log" | sed 's/^/bench\/load: /' >&2 || true
}

# "START COUNT" lines: the given users' UIDs (count 1) and their subordinate ranges (a
# rootless container's processes run as one of those), read once from passwd and subuid.
load_uid_ranges() {
    local names
    names=$(printf '%s\n' "$@")
    getent passwd | awk -F: -v names="$names" '
        BEGIN { n = split(names, a, "\n"); for (i = 1; i <= n; i++) want[a[i]] = 1 }
        $1 in want { print $3, 1 }'
    awk -F: -v names="$names" '
        BEGIN { n = split(names, a, "\n"); for (i = 1; i <= n; i++) want[a[i]] = 1 }
        $1 in want { print $2, $3 }' /etc/subuid
}

# PIDs whose real UID falls in RANGES (load_uid_ranges), as scripts/loginnode's user_pids.
load_user_pids() {
    [[ -n $1 ]] || return 0
    ps -e -o pid=,ruid= | awk -v r="$1" -v self="$$" '
        BEGIN { n = split(r, a, "\n"); for (i = 1; i <= n; i++) if (split(a[i], f, " ") == 2) { s[++k] = f[1]; c[k] = f[2] } }
        { for (i = 1; i <= k; i++) if ($2 >= s[i] && $2 < s[i] + c[i] && $1 != self) { print $1; break } }'
}

# TERM, then KILL after 5 s, by PID only.
load_kill_user_procs() {
    local ranges pids i
    ranges=$(load_uid_ranges "$@")
    pids=$(load_user_pids "$ranges")
    [[ -n $pids ]] || return 0
    # shellcheck disable=SC2086  # one PID per word
    kill -TERM $pids 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
        pids=$(load_user_pids "$ranges")
        [[ -n $pids ]] || return 0
        sleep 0.1
    done
    # shellcheck disable=SC2086
    kill -KILL $pids 2>/dev/null || true
    sleep 0.5
}

# Rootless podman's state without XDG_RUNTIME_DIR (platform.md: no systemd, so no
# /run/user/UID and no linger; podman falls back to /tmp/podman-run-UID), its storage in
# the home directory, and Podbay's working-container histories.
load_wipe_storage() {
    local u=$1 uid home
    uid=$(id -u "$u") home=$(getent passwd "$u" | cut -d: -f6)
    rm -rf -- "/tmp/podman-run-$uid" "/tmp/storage-run-$uid" "/tmp/containers-user-$uid" \
        "$home/.local/share/containers" "$home/.local/share/podbay"
}

load_new_password() { head -c 64 /dev/urandom | base64 -w0 | tr -dc 'A-Za-z0-9' | cut -c1-24; }

# load_users_setup N: users 01..N exist with a password (LOAD_STATE/NAME.password), the
# containers.conf the node's users have, empty container storage and helper-given ranges.
load_users_setup() {
    local n=$1 i u home group made=0 users=() chpw=""
    install -d -m 0700 -o root -g root "$LOAD_STATE"
    [[ -e $LOAD_SUBIDS_STATE ]] || : >"$LOAD_STATE/subids-state-was-absent"
    [[ -e ${LOAD_SUBIDS_STATE%/*} ]] || : >"$LOAD_STATE/subids-dir-was-absent"
    for ((i = 1; i <= n; i++)); do
        u=$(load_user_name "$i")
        users+=("$u")
        if ! getent passwd "$u" >/dev/null; then
            # useradd(8) -K: no automatic subordinate ids (login.defs(5) SUB_UID_COUNT);
            # the helper hands them out below.
            useradd -m -d "/home/$u" -s /bin/bash -c "Podbay load user" \
                -K SUB_UID_COUNT=0 -K SUB_GID_COUNT=0 "$u"
            made=$((made + 1))
        fi
        [[ -s $LOAD_STATE/$u.password ]] || (umask 077; load_new_password >"$LOAD_STATE/$u.password")
        chpw+="$u:$(<"$LOAD_STATE/$u.password")"$'\n'
    done
    # chpasswd(8) once for all: cheap enough, and it heals a state dir restored without users.
    printf '%s' "$chpw" | chpasswd
    load_kill_user_procs "${users[@]}"
    for u in "${users[@]}"; do
        home=$(getent passwd "$u" | cut -d: -f6)
        group=$(id -gn "$u")
        load_wipe_storage "$u"
        # containers.conf(5) as scripts/loginnode writes it for every user: crun fails on
        # this hybrid-cgroup VM, runc with cgroupfs works (platform.md).
        install -d -m 0755 -o "$u" -g "$group" "$home/.config" "$home/.config/containers"
        printf '%s\n' '# written by bench/load, as scripts/loginnode writes it; containers.conf(5)' \
            '[engine]' 'cgroup_manager="cgroupfs"' 'events_logger="file"' 'runtime="runc"' \
            >"$home/.config/containers/containers.conf"
        chown "$u:$group" "$home/.config/containers/containers.conf"
    done
    load_subids_sync "${users[@]}"
    load_log "$n load users ready ($made created)"
}

# load_users_cleanup: every podbay-loadNN user goes (processes, ranges through the helper,
# home, podman state), then LOAD_STATE.
load_users_cleanup() {
    local u uid users=()
    mapfile -t users < <(getent passwd | awk -F: '$1 ~ /^podbay-load[0-9][0-9]$/ { print $1 }')
    if ((${#users[@]})); then
        load_kill_user_procs "${users[@]}"
        install -d -m 0700 -o root -g root "$LOAD_STATE"
        load_subids_sync # without them: the helper removes the lines it gave them
        for u in "${users[@]}"; do
            uid=$(id -u "$u")
            load_wipe_storage "$u"
            # userdel(8) -r: home and mail spool (and any subordinate ids left: none).
            userdel -r "$u" 2>/dev/null || userdel -r "$u"
            rm -rf -- "/tmp/podman-run-$uid" "/tmp/storage-run-$uid" "/tmp/containers-user-$uid"
        done
        load_log "removed ${#users[@]} load users"
    fi
    # The helper's state file, when our setup created it and nothing is listed in it now.
    if [[ -f $LOAD_STATE/subids-state-was-absent && -f $LOAD_SUBIDS_STATE ]] &&
        python3 -c 'import json, sys; s = json.load(open(sys.argv[1])); sys.exit(bool(s.get("subuid") or s.get("subgid")))' \
            "$LOAD_SUBIDS_STATE"; then
        rm -f -- "$LOAD_SUBIDS_STATE"
        if [[ -f $LOAD_STATE/subids-dir-was-absent ]]; then rmdir "${LOAD_SUBIDS_STATE%/*}" 2>/dev/null || true; fi
    fi
    rm -rf -- "$LOAD_STATE"
}
