#!/usr/bin/env python3
"""
dunkirk_profiles.py -- how the per-slice profiles of the Dunkirk instances were built.

Run it to print the lists that instances/dunkirk_base.cfg and the price files hold
(`python3 instances/dunkirk_profiles.py`). Pure Python, no dependencies.

Slice structure (4 representative days x 6 blocks of 4 h = 24 slices, in this order):
  days   winter (Dec-Feb, 90 d), spring (Mar-May, 92 d), summer (Jun-Aug, 92 d),
         autumn (Sep-Nov, 91 d)                                  -> 365 d, 8760 h
  blocks h00 (00-04), h04 (04-08), h08 (08-12), h12 (12-16), h16 (16-20), h20 (20-24)

Every profile's derivation is below; the printed annual averages are the checks quoted in
instances/README.md.
"""
import math

DAYS = [("winter", 90, 15), ("spring", 92, 105), ("summer", 92, 196), ("autumn", 91, 288)]
#        name, occurrences, mid-season day of year used for the sun position
BLOCKS = [0, 4, 8, 12, 16, 20]
H = 4.0


def weights():
    """Annual share phi_s of every slice (occurrences x 4 h / 8760)."""
    return [occ * H / 8760.0 for _, occ, _ in DAYS for _ in BLOCKS]


def annual_mean(profile):
    return sum(p * w for p, w in zip(profile, weights()))


# --- offshore wind -------------------------------------------------------------------
# Annual capacity factor of the Dunkerque offshore wind farm: 2.3 TWh/yr from ~600 MW
# -> 0.44 (EDF/Enbridge/CPP Dunkerque offshore wind farm, press 2019-2023).
# Seasonal shape: RTE reports French wind load factors far above the annual mean in winter
# (Dec 2014: 30.9 % vs 23 % for the year, i.e. x1.34) and monthly values from 10 % to 37 %
# around a 23 % mean in 2008 (x0.43..x1.6). We take season multipliers winter 1.35,
# spring 0.95, summer 0.65, autumn 1.05 (Q=C, stylised from those RTE figures), flat within
# the day (the diurnal cycle of North Sea offshore wind is weak), then rescale so the
# hour-weighted annual mean is exactly 0.44.
WIND_CF = 0.44
WIND_SEASON = {"winter": 1.35, "spring": 0.95, "summer": 0.65, "autumn": 1.05}


def wind_profile():
    raw = [WIND_SEASON[d] for d, _, _ in DAYS for _ in BLOCKS]
    k = WIND_CF / annual_mean(raw)
    return [r * k for r in raw]


# --- solar PV --------------------------------------------------------------------------
# Annual capacity factor 0.115: France averages ~14 % and a panel in Marseille yields 52 %
# more than in Calais (EDF ENR, via nycgynroboticsurgery.com); with Marseille at ~17.5 %,
# Calais/Dunkirk is ~11.5 % (Q=C derivation).
# Shape: clear-sky geometry at 51.03 N (Dunkirk) on a 35-degree south-facing plane, hourly
# (solar time), Meinel air-mass attenuation 0.7^(AM^0.678); seasonal cloudiness factors
# summer 1.0, spring 0.9, autumn 0.75 and a winter factor chosen so that a winter day yields
# 20 % of a summer day (Gresi21 reports January ~25 % of the best summer month near Grenoble;
# we take 20 % for the cloudier Channel coast, Q=C).
# The profile is then rescaled to the 0.115 annual mean.
LAT = math.radians(51.03)
TILT = math.radians(35.0)
PV_CF = 0.115
CLOUD = {"summer": 1.0, "spring": 0.9, "autumn": 0.75}
WINTER_RATIO = 0.20


def clear_sky_block(doy, h0):
    decl = math.radians(23.44) * math.sin(2 * math.pi * (284 + doy) / 365.0)
    total = 0.0
    for m in range(0, int(H * 4)):             # quarter hours
        t = h0 + (m + 0.5) / 4.0
        ha = math.radians(15.0 * (t - 12.0))
        sin_el = math.sin(LAT) * math.sin(decl) + math.cos(LAT) * math.cos(decl) * math.cos(ha)
        if sin_el <= 0.01:
            continue
        am = 1.0 / sin_el
        dni = 1.353 * 0.7 ** (am ** 0.678)
        # incidence on a south-facing plane tilted by TILT (latitude reduced by TILT)
        cos_i = (math.sin(LAT - TILT) * math.sin(decl)
                 + math.cos(LAT - TILT) * math.cos(decl) * math.cos(ha))
        total += max(cos_i, 0.0) * dni + 0.1 * dni * sin_el   # beam + crude diffuse
    return total / (H * 4)


def pv_profile():
    clear = {d: [clear_sky_block(doy, b) for b in BLOCKS] for d, _, doy in DAYS}
    day_sum = {d: sum(v) for d, v in clear.items()}
    cloud = dict(CLOUD)
    cloud["winter"] = WINTER_RATIO * day_sum["summer"] * cloud["summer"] / day_sum["winter"]
    raw = [clear[d][i] * cloud[d] for d, _, _ in DAYS for i in range(len(BLOCKS))]
    k = PV_CF / annual_mean(raw)
    return [min(r * k, 1.0) for r in raw], cloud


# --- district-heat demand ------------------------------------------------------------
# Space heating follows heating degree-days (base 18 C) computed from the Lille monthly
# mean temperatures (Meteo-France normals, as tabulated at fbertran.github.io): Jan 2.4,
# Feb 2.9, Mar 6.0, Apr 8.9, May 12.4, Jun 15.3, Jul 17.1, Aug 17.1, Sep 14.7, Oct 10.4,
# Nov 6.1, Dec 3.5. Space heating is taken as 80 % of network deliveries, domestic hot
# water and losses 20 % spread evenly over the year (Q=C assumption). Within the day a
# stylised residential shape (morning and evening peaks) is applied to space heating and
# to hot water (Q=C).
T_LILLE = [2.4, 2.9, 6.0, 8.9, 12.4, 15.3, 17.1, 17.1, 14.7, 10.4, 6.1, 3.5]
MDAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
SEASON_MONTHS = {"winter": [11, 0, 1], "spring": [2, 3, 4], "summer": [5, 6, 7], "autumn": [8, 9, 10]}
SH_DIURNAL = [0.8, 1.3, 1.0, 0.8, 1.2, 0.9]
DHW_DIURNAL = [0.3, 1.5, 1.0, 0.8, 1.5, 0.9]
SH_SHARE = 0.8


def hdd_by_season():
    hdd = [max(18.0 - t, 0.0) * n for t, n in zip(T_LILLE, MDAYS)]
    return {d: sum(hdd[m] for m in ms) for d, ms in SEASON_MONTHS.items()}, sum(hdd)


def dh_profile():
    seas, total = hdd_by_season()
    prof = []
    for d, occ, _ in DAYS:
        sh_day = SH_SHARE * seas[d] / total                 # share of the year in this season
        dhw_day = (1 - SH_SHARE) * occ / 365.0
        shn = [x / sum(SH_DIURNAL) for x in SH_DIURNAL]
        dhn = [x / sum(DHW_DIURNAL) for x in DHW_DIURNAL]
        for i in range(len(BLOCKS)):
            prof.append(sh_day * shn[i] + dhw_day * dhn[i])
    s = sum(prof)
    return [p / s for p in prof], seas, total


# --- electricity price shape -------------------------------------------------------------
# Multiplier on the baseload price per slice (hour-weighted mean 1, so a flat consumer pays
# the baseload price). Stylised (Q=C) from RTE Bilan electrique 2024: 359 negative-price
# hours, concentrated on spring/summer middays; winter morning and evening peaks.
PRICE = {
    "winter": [0.95, 1.20, 1.15, 1.05, 1.35, 1.10],
    "spring": [0.85, 1.00, 0.80, 0.60, 1.05, 1.00],
    "summer": [0.85, 0.95, 0.70, 0.45, 1.00, 1.05],
    "autumn": [0.90, 1.10, 1.00, 0.90, 1.25, 1.05],
}


def price_profile():
    raw = [PRICE[d][i] for d, _, _ in DAYS for i in range(len(BLOCKS))]
    k = 1.0 / annual_mean(raw)
    return [r * k for r in raw]


def fmt(xs, nd=4):
    out = []
    for g in range(len(DAYS)):
        chunk = xs[g * len(BLOCKS):(g + 1) * len(BLOCKS)]
        out.append(", ".join(f"{x:.{nd}f}" for x in chunk))
    return "[ " + ",\n  ".join(out) + " ]"


if __name__ == "__main__":
    w = wind_profile()
    print("# offshore wind capacity factor, annual mean %.4f" % annual_mean(w))
    print(fmt(w))
    pv, cloud = pv_profile()
    print("# solar PV capacity factor, annual mean %.4f (winter cloud factor %.3f)"
          % (annual_mean(pv), cloud["winter"]))
    print(fmt(pv))
    dh, seas, total = dh_profile()
    # round to 6 decimals and put the rounding residual on the largest share, so that the
    # printed list sums to 1 exactly (tico checks |sum - 1| <= 1e-6)
    dh = [round(x, 6) for x in dh]
    k = dh.index(max(dh))
    dh[k] = round(dh[k] + 1.0 - sum(dh), 6)
    print("# district-heat demand shares (sum %.6f); HDD by season %s, year %.0f"
          % (sum(dh), {k: round(v) for k, v in seas.items()}, total))
    print(fmt(dh, 6))
    pp = price_profile()
    print("# electricity price multiplier, hour-weighted mean %.4f" % annual_mean(pp))
    print(fmt(pp))
