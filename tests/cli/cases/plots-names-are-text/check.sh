# Names that gnuplot could read as code or markup (quotes, backslash, $, @, enhanced-text
# ^ _ { }, a formula) reach the charts as plain text: gnuplot runs without an error and the
# SVG legend holds each name as written.
cd "$TMP" || exit 9
printf 'vendor,plan,model,item,price\n"O'"'"'Brien ""Q""",x^2_{y} $HOME,ucaas,seat,20\n=Carrier\\,SMS '"'"'; quit,cpaas,sms,0.007\n' >sheet.csv
printf 'scenario,months,seats,notifications,seat_volatility\n"it'"'"'s ""one""",12,10,1000,0.1\n' >scen.csv
$TCOSIM run --quiet --trials 300 --prices sheet.csv --plots --out out scen.csv >/dev/null || echo "run: exit $?"
$TCOSIM breakeven --quiet --steps 4 --prices sheet.csv --plots --out sweep scen.csv >/dev/null || echo "breakeven: exit $?"
sh "$OLDPWD/tests/plots_check.sh" out
sh "$OLDPWD/tests/plots_check.sh" sweep
for n in "O'Brien \"Q\"/x^2_{y} \$HOME" "=Carrier\\/SMS '; quit" "it's \"one\""; do
    if xmllint --xpath '//*[local-name()="text"]' out/plots/s01-p-cheapest.svg out/plots/s01-tco.svg 2>/dev/null |
        xmllint --html --xpath 'string(/)' - 2>/dev/null | grep -F -q -- "$n"; then
        echo "as written: $n"
    else
        echo "missing: $n"
    fi
done
