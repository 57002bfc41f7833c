/* SPDX-License-Identifier: MIT */
/* The random scenario and sheet that test_engine and test_precision run with any thread count,
 * and a result's three CSV files as one text to compare byte for byte. Include after
 * testutil.h (and <cmocka.h>). */
#ifndef TCO_RANDOM_FIXTURE_H
#define TCO_RANDOM_FIXTURE_H

#include <stdio.h>

#include "tco/report.h"

/* Every random feature at once, over several options. */
static const char RANDOM_SCENARIO[] =
    "scenario,months,seats,seat_growth,seat_volatility,internal_sms_per_seat,"
    "voice_minutes_per_seat,notifications,notification_growth,api_requests,api_growth,"
    "volume_volatility,spike_probability,spike_multiplier,engineer_rate,cpaas_build_hours,"
    "cpaas_maintenance_hours,price_escalation,discount_rate,cpaas_deploy_months,"
    "delay_cost_per_month\n"
    "rnd,18,\"uniform(20,60)\",1%,0.05,\"poisson(30)\",\"triangular(50,100,300)\","
    "\"lognormal(20000,5000)\",2%,\"ci90(50000,200000)\",1%,0.2,10%,\"pert(2,3,6)\","
    "\"normal(80,10)\",\"uniform(100,400)\",4,3%,8%,\"uniform(3,6)\",2000\n";
static const char RANDOM_SHEET[] = "vendor,plan,model,item,price,tier_from,tier_to,included\n"
                                   "U,One,ucaas,seat,\"uniform(15,40)\",,,\n"
                                   "U,Two,ucaas,seat,25,,,\n"
                                   "U,Two,ucaas,sms,0.01,,,50\n"
                                   "C,Pay,cpaas,sms,\"uniform(0.006,0.009)\",0,100000,\n"
                                   "C,Pay,cpaas,sms,0.005,100000,,\n"
                                   "C,Pay,cpaas,voice,0.014,,,\n"
                                   "C,Pay,cpaas,api,1.5,,,\n"
                                   "C,Pay,cpaas,number,1.15,,,\n";

/* The three CSV files of a result, as text. */
static inline char *csv_text(const tco_result *r)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    assert_non_null(fp);
    tco_report_item item = {"rnd.csv", r};
    assert_int_equal(tco_report_summary_csv(fp, &item, 1), 0);
    assert_int_equal(tco_report_monthly_csv(fp, &item, 1), 0);
    assert_int_equal(tco_report_histogram_csv(fp, &item, 1), 0);
    assert_int_equal(fclose(fp), 0);
    return buf;
}

#endif
