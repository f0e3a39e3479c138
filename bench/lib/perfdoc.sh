# Shared by the bench/ scripts: replace one benchmark's section of
# docs/performance.md (between <!-- bench:NAME --> and <!-- /bench:NAME -->),
# appending it when absent, so each benchmark rewrites only its own figures.
# usage: perfdoc_write NAME < markdown
perfdoc_write() {
    local name=$1 doc
    doc="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/docs/performance.md"
    local body
    body=$(cat)
    mkdir -p "$(dirname "$doc")"
    [[ -f $doc ]] || printf '# Performance\n\nFigures written by the scripts in bench/; each section says how to reproduce it.\n' >"$doc"
    python3 - "$doc" "$name" "$body" <<'PY'
import sys, re
path, name, body = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(path).read()
block = f"<!-- bench:{name} -->\n{body.rstrip()}\n<!-- /bench:{name} -->"
pattern = re.compile(rf"<!-- bench:{re.escape(name)} -->.*?<!-- /bench:{re.escape(name)} -->", re.S)
text = pattern.sub(lambda m: block, text) if pattern.search(text) else text.rstrip() + "\n\n" + block + "\n"
open(path, "w").write(text)
PY
}
