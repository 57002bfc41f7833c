#!/bin/sh
# tests/plots_check.sh DIR: every picture of DIR/plots checked, one line each.
# PNG: the 8-byte signature, then the IHDR chunk first, its width and height printed.
# SVG: well-formed XML (xmllint, Debian libxml2-utils) whose root element is svg.
set -u
status=0
for f in "$1"/plots/*; do
    name=${f##*/}
    case $name in
    *.png)
        sig=$(od -An -tx1 -N8 "$f" | tr -d ' \n')
        ihdr=$(od -An -c -j12 -N4 "$f" | tr -d ' \n')
        w=$(od -An -tu1 -j16 -N4 "$f" | awk '{print $1*16777216+$2*65536+$3*256+$4}')
        h=$(od -An -tu1 -j20 -N4 "$f" | awk '{print $1*16777216+$2*65536+$3*256+$4}')
        if [ "$sig" = 89504e470d0a1a0a ] && [ "$ihdr" = IHDR ] && [ "$w" -gt 0 ] && [ "$h" -gt 0 ]; then
            echo "$name: PNG ${w}x${h}"
        else
            echo "$name: not a PNG (signature $sig, first chunk $ihdr)"; status=1
        fi ;;
    *.svg)
        root=$(xmllint --xpath 'local-name(/*)' "$f" 2>/dev/null)
        if xmllint --noout "$f" 2>/dev/null && [ "$root" = svg ]; then
            echo "$name: SVG, well-formed"
        else
            echo "$name: not well-formed SVG"; status=1
        fi ;;
    *) echo "$name: unexpected file"; status=1 ;;
    esac
done
exit $status
