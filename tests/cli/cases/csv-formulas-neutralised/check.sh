# Names that a spreadsheet would run as a formula (leading = + - @ tab CR), in the scenario
# file's name, the sheets' names, scenario names, vendor and plan names, reach every CSV that
# tcosim writes (run --out: summary, monthly, histogram, pairwise, diff, breakeven; breakeven
# --out: grid, frontier; csv on standard output of run, breakeven and recommend): csvcells
# reads each as a spreadsheet would and finds no formula, and negative numbers intact. The
# output files keep their fixed names: a scenario named ../../escape writes nothing elsewhere.
cd "$TMP" || exit 9
printf 'vendor,plan,model,item,price\n=Vendor,-Seat,ucaas,seat,20\n-Carrier,=SMS,cpaas,sms,0.007\n' >=old.csv
printf 'vendor,plan,model,item,price\n=Vendor,-Seat,ucaas,seat,18\n-Carrier,=SMS,cpaas,sms,0.008\n' >-new.csv
printf 'scenario,months,seats,notifications,seat_volatility\n=1+1,12,10,1000,0.1\n+1,12,20,5000,0.1\n-1,12,30,100000,0.1\n@SUM(1),12,5,20000,0.1\n"\tTAB",12,10,1000,0.1\n"\rCR",12,10,1000,0.1\n../../escape,12,10,1000,0.1\n' >@scen.csv
P="--prices =old.csv --prices -new.csv"
$TCOSIM run --quiet --trials 300 $P --out out @scen.csv >/dev/null || echo "run: exit $?"
$TCOSIM run --quiet --trials 300 --format csv $P @scen.csv >run-stdout.csv || echo "run csv: exit $?"
$TCOSIM breakeven --steps 4 $P --out sweep @scen.csv >/dev/null || echo "breakeven: exit $?"
$TCOSIM breakeven --steps 4 --format csv $P @scen.csv >breakeven-stdout.csv || echo "breakeven csv: exit $?"
$TCOSIM recommend --quiet --trials 300 --format csv $P @scen.csv >recommend-stdout.csv || echo "recommend csv: exit $?"
"$CSVCELLS" out/*.csv sweep/*.csv run-stdout.csv breakeven-stdout.csv recommend-stdout.csv
echo "csvcells: exit $?"
echo "files written:"
find . -type f ! -name '.*' | sort
# and the checker sees a formula when there is one (the cells of an unsafe writer)
printf '"=1+1","-5","-x","@a","+1e3","'"'"'=ok"\r\n' >unsafe.csv
"$CSVCELLS" unsafe.csv
echo "csvcells on unsafe.csv: exit $?"
