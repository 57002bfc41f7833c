# The converted tables with names that CSV neutralises for spreadsheets (leading = + - @ tab
# CR in file, sheet, scenario, vendor and plan names) and JSON keeps as they are: every CSV
# cell is still the JSON value (csvinjson reads a leading ' as the neutralisation).
cd "$TMP" || exit 9
printf 'vendor,plan,model,item,price\n=Vendor,-Seat,ucaas,seat,20\n-Carrier,=SMS,cpaas,sms,0.007\n' >=old.csv
printf 'vendor,plan,model,item,price\n=Vendor,-Seat,ucaas,seat,18\n-Carrier,=SMS,cpaas,sms,0.008\n' >-new.csv
printf 'scenario,months,seats,notifications,seat_volatility\n=1+1,12,10,1000,0.1\n+1,12,20,5000,0.1\n-1,12,30,100000,0.1\n@SUM(1),12,5,20000,0.1\n"\tTAB",12,10,1000,0.1\n"\rCR",12,10,1000,0.1\n' >@scen.csv
P="--prices =old.csv --prices -new.csv"
$TCOSIM run --quiet --trials 300 $P --out out --format json @scen.csv >run.json || echo "run: exit $?"
$TCOSIM breakeven --steps 4 $P --out sweep --format json @scen.csv >sweep.json || echo "breakeven: exit $?"
"$CSVINJSON" out/summary.csv run.json 'results[file,scenario].options'
"$CSVINJSON" out/pairwise.csv run.json 'results[file,scenario].pairwise'
"$CSVINJSON" out/breakeven.csv run.json 'results[file,scenario].breakeven'
"$CSVINJSON" out/monthly.csv run.json 'results[file,scenario].options[option].monthly'
"$CSVINJSON" out/histogram.csv run.json 'results[file,scenario].options[option].histogram'
"$CSVINJSON" out/diff.csv run.json 'results[file,scenario].sheet_diff'
"$CSVINJSON" sweep/grid.csv sweep.json 'results[file,scenario].grid'
"$CSVINJSON" sweep/breakeven_frontier.csv sweep.json 'results[file,scenario].frontier'
# and the checker fails on a JSON document that lacks a CSV column (monthly rows as before
# issue 15, without cumulative_p05): it is a test that can fail
sed '/"cumulative_p05"/d' run.json >old.json
"$CSVINJSON" out/monthly.csv old.json 'results[file,scenario].options[option].monthly' >/dev/null
echo "csvinjson without cumulative_p05: exit $?"
