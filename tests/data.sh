#!/bin/sh
# tests/data.sh — the knowledge files parse: the ontology, its imports and every lexicon file with
# rapper and with strict serdi (no -l), and data/lexicon/countries.ttl is what its generator
# writes from Debian's iso-codes today.  Ends with "N passed, N failed".
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
passed=0
failed=0
for f in "$ROOT"/ontology/*.ttl "$ROOT"/ontology/imports/*.ttl "$ROOT"/data/lexicon/*.ttl; do
    [ -f "$f" ] || continue
    name=${f#"$ROOT"/}
    if rapper -q -i turtle -c "$f" >/dev/null 2>&1 && serdi -i turtle "$f" >/dev/null 2>&1; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1)); echo "FAIL: $name does not parse with rapper and strict serdi"
    fi
done
if [ ! -f /usr/share/iso-codes/json/iso_3166-1.json ]; then
    failed=$((failed + 1)); echo "FAIL: /usr/share/iso-codes/json/iso_3166-1.json is missing (iso-codes; make deps installs it)"
else
    if python3 "$ROOT/data/lexicon/gen-countries.py" | cmp -s - "$ROOT/data/lexicon/countries.ttl"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1)); echo "FAIL: data/lexicon/countries.ttl differs from gen-countries.py's output"
    fi
fi
echo "data: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
