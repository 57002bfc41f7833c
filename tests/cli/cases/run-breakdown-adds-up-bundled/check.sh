# SPEC §8.2: in every bundled run, each offered option's breakdown means add up to its mean
# TCO to the cent (breakdown.csv against summary.csv), and breakdown.csv is the same for
# --threads 1 and 2. Prints one line per scenario file, or each option that does not add up.
set -u
for f in scenarios/*.csv; do
    $TCOSIM run --quiet --trials 1000 --threads 2 --out "$TMP/a" "$f" >/dev/null || exit 1
    $TCOSIM run --quiet --trials 1000 --threads 1 --skip compare,breakeven --out "$TMP/b" "$f" \
        >/dev/null || exit 1
    cmp -s "$TMP/a/breakdown.csv" "$TMP/b/breakdown.csv" || echo "$f: breakdown.csv differs by threads"
    # every cell is quoted: split on "," after dropping the outer quotes and the CR
    awk -v file="$f" '
        function cells(line, out) { sub(/\r$/, "", line); sub(/^"/, "", line); sub(/"$/, "", line);
                                    return split(line, out, /","/) }
        FNR == 1 { n = cells($0, h); for (i = 1; i <= n; i++) col[FILENAME, h[i]] = i; next }
        FILENAME ~ /breakdown\.csv$/ { cells($0, c); k = c[2] SUBSEP c[3];
                                 sum[k] += c[col[FILENAME, "mean"]]; rows[k]++; next }
        { cells($0, c); if (c[col[FILENAME, "offered"]] != "yes") next;
          k = c[2] SUBSEP c[3]; mean[k] = c[col[FILENAME, "mean"]]; n_opt++ }
        END { bad = 0
              for (k in mean) { d = sum[k] - mean[k]; if (d < 0) d = -d
                  if (!(k in rows) || d > 0.005) { split(k, p, SUBSEP);
                      printf "%s: %s: components %.6f, mean %.6f\n", file, p[2], sum[k], mean[k]; bad++ } }
              printf "%s: %d options add up to the cent%s\n", file, n_opt - bad, bad ? " (not all)" : "" }
    ' "$TMP/a/breakdown.csv" "$TMP/a/summary.csv"
    head -1 "$TMP/a/breakdown.csv"
done
