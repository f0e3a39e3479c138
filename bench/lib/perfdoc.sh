# Shared by the bench/ scripts: replace one benchmark's section of
# docs/performance.md (between <!-- bench:NAME --> and <!-- /bench:NAME -->),
# appending it when absent, so each benchmark rewrites only its own figures.
# usage: perfdoc_write NAME [DOC] < markdown   (DOC defaults to docs/performance.md;
# scripts/fuzz and the fault/load scripts write docs/reliability.md the same way)
perfdoc_write() {
    local name=$1 doc
    doc="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/docs/${2:-performance.md}"
    local body
    body=$(cat)
    mkdir -p "$(dirname "$doc")"
    [[ -f $doc ]] || printf '# %s\n\nFigures written by scripts; each section says how to reproduce it.\n' "$(basename "$doc" .md)" >"$doc"
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
