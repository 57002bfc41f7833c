/* SPDX-License-Identifier: MIT */
/* Deterministic scenarios with their TCO worked out by hand (SPEC §4-§6), shared by test_cost
 * (month by month, one trial) and test_engine (through the Monte Carlo run). Every cell is a
 * constant, so every trial is the same and the engine must report mean = every quantile = the
 * hand value, sd = 0.
 *
 * The sheet: U/Basic (UCaaS) seat $20, setup $100, no usage rows (it covers internal usage and,
 * SPEC §5, whatever it does not price); C/Pay (CPaaS) sms $0.007, number $1 a month.
 *
 * Common workload (scenarios base, delay, internal): 12 months, 10 seats, no growth, 10,000
 * notifications a month, 2 phone numbers, engineer_rate $50, cpaas_build_hours 100 (month 1),
 * cpaas_maintenance_hours 2 a month, ucaas_setup_hours 8 (month 1), ucaas_admin_hours 1 a month.
 *
 * base
 *   ucaas:U/Basic   seats 10 x 20 = 200/month x 12 = 2,400; setup 100 (month 1);
 *                   labor 8 x 50 = 400 (month 1) + 1 x 50 x 12 = 600; notifications ride free
 *                   (U/Basic prices no sms).                         TCO = 3,500.00
 *                   month 1 = 200 + 100 + 400 + 50 = 750; months 2-12 = 250 each.
 *   cpaas:C/Pay     sms 10,000 x 0.007 = 70/month x 12 = 840; numbers 2 x 1 x 12 = 24;
 *                   labor 100 x 50 = 5,000 (month 1) + 2 x 50 x 12 = 1,200.
 *                                                                    TCO = 7,064.00
 *                   month 1 = 70 + 2 + 5000 + 100 = 5,172; months 2-12 = 172 each.
 *   hybrid:U/Basic+C/Pay  UCaaS part: seats 2,400 + setup 100 (staff use no SMS here);
 *                   CPaaS part: notifications 840 + numbers 24; labor of both parts
 *                   1,000 + 6,200.                                   TCO = 10,564.00
 *                   month 1 = 750 + 5,172 = 5,922; months 2-12 = 422 each.
 * delay = base + ucaas_deploy_months 0.5, cpaas_deploy_months 3.5, delay_cost_per_month 1,000.
 *   Month m carries 1000 x min(1, max(0, D - (m-1))).
 *   ucaas  D = 0.5: month 1 0.5 x 1000 = 500.                        TCO = 4,000.00
 *   cpaas  D = 3.5: months 1-3 1000 each, month 4 0.5 x 1000 = 500: 3,500.
 *                                                                    TCO = 10,564.00
 *   hybrid D = max(0.5, 3.5) = 3.5: 3,500.                           TCO = 14,064.00
 * internal = base + internal_sms_per_seat 50 (500 internal SMS a month).
 *   ucaas  U/Basic covers internal SMS.                              TCO = 3,500.00
 *   cpaas  carries all SMS: (500 + 10,000) x 0.007 = 73.50 x 12 = 882; + 24 + 6,200.
 *                                                                    TCO = 7,106.00
 *   hybrid the UCaaS part keeps internal SMS (free), the CPaaS part only notifications.
 *                                                                    TCO = 10,564.00
 * npv: 24 months, 10 seats, 10,000 notifications, 2 numbers, no labor, price_escalation 10%,
 *   discount_rate 12%. Escalation factor e_m = 1 for months 1-12, 1.1 for 13-24 (setup is not
 *   escalated); discount d_m = v^(m-1) with v = 1.12^(-1/12) = 0.99060040.
 *   S = sum_{k=0}^{11} v^k = (1 - 1/1.12) / (1 - v) = 0.107142857 / 0.009399602 = 11.39865885;
 *   sum_{m=13}^{24} d_m = v^12 S = S / 1.12.
 *   ucaas  100 + 200 S (1 + 1.1/1.12) = 100 + 200 x 11.39865885 x 1.98214286 = 4,618.7540
 *   cpaas  (70 + 2) S (1 + 1.1/1.12) = 72 x 22.59377021                    = 1,626.7515
 *   hybrid 100 + 272 S (1 + 1.1/1.12)                                      = 6,245.5055
 *   ucaas month 12: 200 v^11 = 200 x 1.12^(-11/12) = 180.2659;
 *         month 13: 220 v^12 = 220 / 1.12          = 196.4286 (the escalation step).
 */
#ifndef TCO_HAND_CASES_H
#define TCO_HAND_CASES_H

static const char HAND_SHEET[] = "vendor,plan,model,item,price\n"
                                 "U,Basic,ucaas,seat,20\n"
                                 "U,Basic,ucaas,setup,100\n"
                                 "C,Pay,cpaas,sms,0.007\n"
                                 "C,Pay,cpaas,number,1\n";

static const char HAND_SCENARIOS[] =
    "scenario,months,seats,internal_sms_per_seat,notifications,engineer_rate,cpaas_build_hours,"
    "cpaas_maintenance_hours,ucaas_setup_hours,ucaas_admin_hours,phone_numbers,"
    "ucaas_deploy_months,cpaas_deploy_months,delay_cost_per_month,price_escalation,discount_rate\n"
    "base,12,10,0,10000,50,100,2,8,1,2,0,0,0,0,0\n"
    "delay,12,10,0,10000,50,100,2,8,1,2,0.5,3.5,1000,0,0\n"
    "internal,12,10,50,10000,50,100,2,8,1,2,0,0,0,0,0\n"
    "npv,24,10,0,10000,0,0,0,0,0,2,0,0,0,10%,12%\n";

enum { HAND_BASE, HAND_DELAY, HAND_INTERNAL, HAND_NPV, HAND_N };

static const char *const HAND_OPTIONS[3] = {"ucaas:U/Basic", "cpaas:C/Pay", "hybrid:U/Basic+C/Pay"};

/* [scenario][ucaas, cpaas, hybrid] */
static const double HAND_TCO[HAND_N][3] = {
    {3500.00, 7064.00, 10564.00},
    {4000.00, 10564.00, 14064.00},
    {3500.00, 7106.00, 10564.00},
    {4618.7540, 1626.7515, 6245.5055},
};

#endif
