#!/bin/sh
# Seeds the fuzz corpus (fuzz/corpus/parse) with the INF files we wrote ourselves: every
# fixture under fixtures/ and every regression input of inf-parser. Copies are made at run time
# and never committed (fuzz/.gitignore); the shared reference corpus is not used.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
out="$here/corpus/parse"
mkdir -p "$out"
{
    find "$root/fixtures" -type f \( -iname '*.inf' -o -iname '*.inx' \)
    find "$root/crates/inf-parser/tests/regressions" -type f ! -name '*.md' ! -name '.*'
} | while IFS= read -r f; do
    # Flatten the path into a unique name.
    name=$(printf '%s' "${f#"$root"/}" | tr '/ ' '__')
    cp "$f" "$out/$name"
done
echo "seed corpus: $(ls "$out" | wc -l) files in $out"
