#!/usr/bin/env python3
"""urban_measures.py — cost per tonne and abatement of each urban measure (issue 17) from
models/urban.cfg and a solve of instances/dunkirk_urban.cfg.

    ./tico solve -o /tmp/u instances/dunkirk_urban.cfg
    python3 instances/urban_measures.py /tmp/u [YEAR]

Levelised cost per unit of service, at the instance's discount rate (7 %), in the period YEAR
(default 2030): CRF(7 %, life) x capex + fixed O&M + var O&M + inputs x price, where prices
are the solve's marginal prices (prices.csv, averaged over the slices) and the road-fuel import
price of dunkirk_urban.cfg (85 EUR/MWh). EUR/t = (cost of the measure - cost of its reference) /
(emissions of the reference - emissions of the measure); scope 1 and scope 2 of bought
electricity are both left out of the difference except for the fuel burned in the vehicle or
boiler (the grid factor is ~0 from 2050 and 0.0217 t/MWh in 2030). Abatement: the measure's
activity in the solve (assets.csv) x that emission difference. Removals: t/yr removed; a
growth curve (trees) weighs each year of age's removals by its factor, discounted like the
annuities.
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
RHO = 0.07
ROAD_FUEL = 85.0


def crf(life):
    return RHO * (1 + RHO) ** life / ((1 + RHO) ** life - 1)


def catalogue(path):
    text = open(path).read()
    text = text[text.index("technologies = ("):]
    techs = {}
    for m in re.finditer(r'\{ id = "(\w+)";(.*?)source = ', text, re.S):
        body = m.group(2)

        def num(key):
            g = re.search(r'\b' + key + r' = ([0-9.eE+-]+);', body)
            return float(g.group(1)) if g else 0.0

        def group(key):
            g = re.search(r'\b' + key + r' = \{([^}]*)\}', body)
            return {k: float(v) for k, v in re.findall(r'(\w+) = ([0-9.eE+-]+);', g.group(1))} if g else {}

        gr = re.search(r'\bgrowth = \[([^\]]*)\]', body, re.S)
        growth = None
        if gr:
            values = re.sub(r'#[^\n]*', '', gr.group(1))  # the list's comments ("ages 0-13")
            growth = [float(v) for v in values.replace(',', ' ').split()]
        techs[m.group(1)] = dict(life=int(num('lifetime')), capex=num('capex'), fom=num('fixed_om'),
                                 vom=num('var_om'), inputs=group('inputs'), em=group('emissions'),
                                 capture=group('capture'), growth=growth)
    return techs


def prices(folder, year):
    acc = {}
    with open(os.path.join(folder, 'prices.csv')) as f:
        for r in csv.DictReader(f):
            if int(r['period']) == year and r['price']:
                acc.setdefault(r['commodity'], []).append(float(r['price']))
    p = {k: sum(v) / len(v) for k, v in acc.items()}
    p['road_fuel'] = ROAD_FUEL
    return p


def activity(folder, year):
    a = {}
    with open(os.path.join(folder, 'assets.csv')) as f:
        for r in csv.DictReader(f):
            if int(r['period']) == year:
                a[r['technology']] = a.get(r['technology'], 0.0) + float(r['activity'])
    return a


def unit_cost(t, p, skip=()):
    """EUR per unit of activity at full use of capacity; inputs in `skip` are not priced."""
    c = crf(t['life']) * t['capex'] + t['fom'] + t['vom']
    for k, v in t['inputs'].items():
        if k not in skip:
            c += v * p.get(k, 0.0)
    return c


def emis(t):
    e = t['em']
    rate = t['capture'].get('rate', 0.0)
    return (e.get('fossil', 0) + e.get('process', 0)) * (1 - rate) - e.get('biogenic', 0) * rate + e.get('other', 0)


def main():
    folder = sys.argv[1]
    year = int(sys.argv[2]) if len(sys.argv) > 2 else 2030
    T = catalogue(os.path.join(HERE, '..', 'models', 'urban.cfg'))
    p = prices(folder, year)
    act = activity(folder, year)
    access = ('bike_access', 'bus_access', 'vacant_floor_area')
    rows = []

    def measure(name, tech, ref, extra=0.0, act_key=None):
        c = unit_cost(T[tech], p, access) + extra
        cr = unit_cost(T[ref], p, access)
        de = emis(T[ref]) - emis(T[tech])
        a = act.get(act_key or tech, 0.0)
        rows.append((name, ref, c - cr, de, (c - cr) / de if de else float('nan'), a * de))

    corridor = crf(T['cycle_corridor']['life']) * T['cycle_corridor']['capex'] + T['cycle_corridor']['fom']
    measure('Bus (diesel) instead of solo car', 'commute_bus_diesel', 'commute_car_petrol')
    measure('Bus (electric) instead of diesel bus', 'commute_bus_electric', 'commute_bus_diesel')
    measure('Bus (hydrogen) instead of diesel bus', 'commute_bus_h2', 'commute_bus_diesel')
    measure('Car-sharing instead of solo car', 'commute_carpool', 'commute_car_petrol')
    measure('Electric car instead of petrol car', 'commute_car_ev', 'commute_car_petrol')
    measure('E-bike + cycle corridor instead of solo car', 'commute_ebike', 'commute_car_petrol', extra=corridor)
    # renovation: cost per MWh saved against the gas it saves (the boiler is still needed)
    for tech, name, key in (('renovation_deep', 'Deep renovation (gas-heated dwelling)', 'renovation_deep_dunkirk'),
                            ('renovation_light', 'Light renovation (gas-heated dwelling)', 'renovation_light_dunkirk')):
        t = T[tech]
        c = crf(t['life']) * t['capex']
        saved = T['home_gas_boiler']['inputs']['natural_gas'] * p['natural_gas'] + T['home_gas_boiler']['vom']
        de = emis(T['home_gas_boiler'])
        rows.append((name, 'home_gas_boiler (gas only)', c - saved, de, (c - saved) / de, act.get(key, 0.0) * de))
    # network heat for the returned dwellings instead of individual gas boilers
    g, s = T['home_gas_boiler'], T['home_dh_substation']
    peak = 2.2  # capacity per MWh a year of demand (models/urban.cfg)
    cg = (crf(g['life']) * g['capex'] + g['fom']) * peak + g['inputs']['natural_gas'] * p['natural_gas']
    cs = crf(s['life']) * s['capex'] * peak + p.get('heat', 0.0)
    rows.append(('Heat-network connection instead of gas boiler', 'home_gas_boiler', cs - cg, emis(g),
                 (cs - cg) / emis(g), act.get('home_dh_substation', 0.0) * emis(g)))
    for tech, name in (('afforestation', 'Tree planting (removal)'), ('hedge_planting', 'Hedges (removal)')):
        t = T[tech]
        c = crf(t['life']) * t['capex'] + t['fom']
        r = -emis(t)
        if t['growth']:
            # a growth curve: the removals of a year of age a weigh g(a), discounted like the
            # annuities: r x sum_a g(a) / (1 + rho)^(a+1) / sum_a 1 / (1 + rho)^(a+1)
            g = t['growth']
            w = [1 / (1 + RHO) ** (a + 1) for a in range(t['life'])]
            r *= sum(g[min(a, len(g) - 1)] * w[a] for a in range(t['life'])) / sum(w)
        rows.append((name, 'nothing', c, r, c / r, act.get(tech, 0.0) * -emis(t)))

    print(f'| measure | reference | extra cost per unit | t CO2 per unit | EUR/t | abatement in the solve, {year} (t/yr) |')
    print('|---|---|---|---|---|---|')
    for name, ref, dc, de, eur_t, ab in rows:
        print(f'| {name} | {ref} | {dc:.4g} | {de:.4g} | {eur_t:.0f} | {ab:.0f} |')
    print(f'\nprices used ({year}, solve marginal prices averaged over slices): ' +
          ', '.join(f'{k} {p[k]:.2f}' for k in ('electricity', 'hydrogen', 'heat', 'natural_gas', 'road_fuel') if k in p))


if __name__ == '__main__':
    main()
