/*
 * model.h — the in-memory description of one cluster instance.
 *
 * The loader (load_*.c) fills a Model from libconfig files; everything downstream (the
 * MILP builder, reports, MACC, Monte Carlo) reads only this struct and never touches
 * libconfig. Ids are resolved to indices; per-period values are arrays of length
 * nperiods; per-slice values are arrays of length nslices (slices flattened in day order).
 *
 * Ownership: a Model owns every pointer inside it. Free it with model_free().
 * Units: money in EUR of the instance's `currency` base; energy and material in the unit
 * of the commodity; emissions in t CO2e; years as calendar years.
 */
#ifndef TICO_MODEL_H
#define TICO_MODEL_H

#include <stdbool.h>
#include <stddef.h>

/* Where a setting came from, for messages: FILE:LINE. file points into Model.files. */
typedef struct {
    const char *file;
    int line;
} SrcLoc;

typedef enum { BAL_SLICE, BAL_ANNUAL, BAL_NONE } Balance;
typedef enum { TECH_ROUTE, TECH_PROCESS, TECH_STORAGE } TechKind;
typedef enum { MKT_IMPORT, MKT_EXPORT } MarketDir;

typedef struct {
    char *id;
    char *unit;
    Balance balance;
    bool dispose;          /* supply may exceed use */
    bool network;          /* plants reach the pool only through a spur */
    double spur_cost;      /* EUR per km (network only) */
    int spur_lifetime;     /* years (network only) */
    SrcLoc loc;
} Commodity;

/* One input or output coefficient: amount of commodity per unit of activity. */
typedef struct {
    int commodity;
    double amount;
} Flow;

typedef struct {
    char *id;
    char *name;
    char *sector;
    TechKind kind;
    int available_from;    /* first year it can be built; 0 = always */
    int lifetime;          /* years */
    double *capex;         /* [T] EUR per unit of annual capacity, for a build in period t */
    double *fixed_om;      /* [T] EUR per unit of capacity per year, in period t */
    double *var_om;        /* [T] EUR per unit of activity (storage: per unit discharged) */
    Flow *inputs;
    int ninputs;
    Flow *outputs;
    int noutputs;
    double em_fossil, em_process, em_biogenic, em_other;  /* t CO2e per unit activity */
    double capture_rate;   /* share of fossil+process+biogenic captured, 0 <= rate < 1 */
    int capture_commodity; /* -1 when no capture */
    double availability;   /* max annual capacity factor */
    double jobs;           /* operating FTE per unit of capacity in operation */
    double construction_jobs; /* job-years per MEUR of capex */
    double gva;            /* EUR of gross value added per unit of activity */
    double grant_share;    /* share of the capex a public grant pays (a transfer; grants.csv) */
    char *source;
    /* route */
    int product;           /* commodity index, -1 unless route */
    /* process */
    double *profile;       /* [S] capacity factor per slice, or NULL (then availability) */
    double *growth;        /* [ngrowth] capacity multiplier per year of age of a module (age 0 = the
                            * year it is built), the last value holding after the list; NULL = 1
                            * at every age (build_growth(), build.c) */
    int ngrowth;
    /* storage */
    int stores;            /* commodity index, -1 unless storage */
    double efficiency_in, efficiency_out, power_ratio;
    SrcLoc loc;
} Technology;

typedef struct {
    char *id;
    int commodity;
    MarketDir direction;
    double *price;         /* [T] EUR per unit (negative export price = fee) */
    double *price_profile; /* [S] multiplier per slice */
    double *limit;         /* [T] units per year; < 0 means no limit */
    double co2;            /* the largest of co2_t (0: the market carries no CO2); kept for readers
                            * of one value; the accounting uses co2_t */
    double *co2_t;         /* [T] t CO2e per unit imported in period t (SPEC §3.4) */
    int co2_scope;         /* 2 = bought energy (default), 3 = embedded in bought materials */
    SrcLoc loc;
} Market;

typedef struct {
    char *id;
    int commodity;
    double *amount;        /* [T] units per year */
    double *profile;       /* [S] share per slice, sums to 1 */
    SrcLoc loc;
} Demand;

typedef struct {
    int route;             /* index into Plant.routes */
    int units;
    int year;
    int period;            /* the period holding year */
} Committed;

typedef struct {
    char *id;
    char *name;
    char *sector;          /* for reports: given, else the sector of its routes */
    int product;           /* commodity index */
    int units;             /* N_p identical lines */
    double unit_capacity;  /* Q_p product units per year per line */
    /* Routes the plant can run: the candidates first, then (if it is not a candidate)
     * the existing route, which can operate but cannot be built. */
    int *routes;           /* technology indices */
    bool *buildable;       /* [nroutes] candidate (may be built) */
    int nroutes;
    int existing_route;    /* index into routes, -1 if none */
    int existing_units;
    int *retire;           /* [existing_units] year each existing line retires */
    double *production;    /* [T] required output per period, units/yr */
    double *spur_km;       /* [ncommodities] km to the hub; < 0 = no spur given */
    Committed *committed;
    int ncommitted;
    bool ets;
    SrcLoc loc;
} Plant;

typedef struct {
    char *id;
    char *name;
    int tech;              /* technology index (process or storage) */
    double module;         /* capacity of one module: annual activity, or energy for storage */
    int existing;          /* modules */
    int retire;            /* year existing modules retire; 0 = never */
    int max_modules;       /* < 0 = no limit */
    bool ets;
    /* `counts`: what one module is in things an analyst counts (50 dwellings, 1 bus, 10 ha),
     * for reports only (counts.csv, summary.txt); the model does not use them */
    int ncounts;
    char **count_what;     /* [ncounts] "dwellings", "buses", ... */
    double *count_per;     /* [ncounts] per module, > 0 */
    SrcLoc loc;
} Asset;

/* A measure of assets for the measure MACC (`measures`, docs/instance.md): its assets, each
 * with the modules built and in use from the measure's start. */
typedef struct {
    char *id;
    char *name;
    int nassets;
    int *asset;            /* [nassets] asset indices */
    int *modules;          /* [nassets] modules built from the start */
    double use;            /* share of those modules' full use forced in every slice, 0..1 */
    SrcLoc loc;
} AssetMeasure;

/* A representative day of the year: its slices are consecutive in Model.slices. */
typedef struct {
    char *name;
    double occurrences;    /* days per year it stands for */
    int first_slice, nslices;
} Day;

typedef struct {
    char *name;            /* "day_slice", e.g. "winter_night" */
    int day;
    double hours;          /* hours in the representative day */
    double annual_hours;   /* h_s = occurrences x hours */
    double share;          /* phi_s = h_s / 8760 */
    int next;              /* next slice in the same day, cyclic */
} Slice;

/* Optional input-output table for indirect jobs and GDP (SPEC §6.3). */
typedef struct {
    int nsectors;
    char **sectors;
    double *A;             /* [n x n] row-major: A[i*n+j] = input from i per EUR output of j */
    double *jobs;          /* [n] FTE per MEUR of output */
    double *value_added;   /* [n] EUR of value added per EUR of output */
    int sector_construction, sector_equipment, sector_energy, sector_om; /* -1 if absent */
    /* share of each spending category bought from producers of the table's economy (the
     * rest is imported and leaves it): construction, equipment, energy, om; default 1 */
    double domestic[4];
    double *domestic_energy; /* [C] per energy carrier, when energy was given per commodity; else NULL */
    char *source;
    bool present;
} Economics;

typedef struct {
    double *carbon_price;  /* [T] EUR/t CO2e */
    double *cap;           /* [T] t CO2e/yr; NULL when no cap; < 0 entry = no cap that period */
    bool cap_scope2;       /* cap_scope >= 2 (the older key; kept for its readers) */
    int cap_scope;         /* 1 = net scope 1 (default), 2 = scope 1+2, 3 = scope 1+2+3; for cap and budget */
    double budget;         /* t CO2e over the horizon; < 0 = none */
} Policy;

/* "1", "1+2", "1+2+3": the words of a cap_scope (SPEC §3.7). */
static inline const char *model_scope_name(int scope)
{
    return scope >= 3 ? "1+2+3" : scope == 2 ? "1+2" : "1";
}

typedef struct {
    double mip_gap;
    double time_limit;     /* seconds; <= 0 = none */
} SolverOpts;

/* Uncertain parameters for `tico mc` (SPEC §7, load_uncertainty.c): each is a multiplier on
 * base values of the Model, drawn once per scenario (the same in every period). */
typedef enum { UNC_PRICE, UNC_CAPEX, UNC_CARBON } UncKind;
typedef enum { UNC_NORMAL, UNC_LOGNORMAL, UNC_UNIFORM, UNC_TRIANGULAR } UncDist;

typedef struct {
    char *id;
    UncKind kind;          /* price: every market price (import and export) of its commodities;
                            * capex: the capex of its technologies; carbon: policy.carbon_price */
    int *targets;          /* price: commodity indices; capex: technology indices; carbon: NULL */
    int ntargets;
    UncDist dist;
    double mean, sd;       /* normal, lognormal: mean and standard deviation of the multiplier */
    double low, mode, high;/* uniform: low, high; triangular: low, mode, high */
    char *source;          /* where the range comes from; "" when not given */
    SrcLoc loc;
} UncParam;

typedef struct {
    bool present;          /* the instance has an `uncertainty` section */
    int samples;           /* scenarios; 0 = not given */
    long long seed;        /* < 0 = not given */
    UncParam *params;
    int nparams;
} Uncertainty;

typedef struct {
    /* cluster */
    char *name;
    char *country;
    char *currency;
    /* time */
    int nperiods;
    int *years;            /* [T] start year of each period */
    int *length;           /* [T] L_t years */
    int base_year;
    double discount_rate;
    int ndays;
    Day *days;
    int nslices;
    Slice *slices;
    /* entities */
    int ncommodities;
    Commodity *commodities;
    int ntechs;
    Technology *techs;
    int nmarkets;
    Market *markets;
    int ndemands;
    Demand *demands;
    int nplants;
    Plant *plants;
    int nassets;
    Asset *assets;
    int nmeasures;
    AssetMeasure *measures;
    Policy policy;
    SolverOpts solver;
    Economics economics;
    /* provenance: files read, in load order (instance first), with their SHA-256 */
    int nfiles;
    char **files;
    char (*file_sha256)[65];
    char *input_sha256;    /* SHA-256 over all files' bytes in load order */
    Uncertainty uncertainty; /* `tico mc` only; present = false when the section is absent */
} Model;

void model_free(Model *m);
/* Frees what an Asset owns (id, name, counts), not the Asset itself. */
void model_asset_clear(Asset *a);

/* Index lookups by id; -1 when absent. */
int model_commodity(const Model *m, const char *id);
int model_tech(const Model *m, const char *id);
int model_plant(const Model *m, const char *id);
int model_asset(const Model *m, const char *id);

/* Time (SPEC §3.1, §4). Years are counted inclusively: period t covers
 * years[t] .. years[t] + length[t] - 1. */
int model_horizon_end(const Model *m);                 /* Y_end */
double model_year_discount(const Model *m, int year);  /* d(k) */
double model_period_factor(const Model *m, int t);     /* DF_t */
double model_crf(double rho, int lifetime);            /* CRF(rho, l) */
double model_capital_factor(const Model *m, int t, int lifetime); /* CF(t, l) */
int model_period_of_year(const Model *m, int year);    /* -1 if outside the horizon */

/* Existing lines of plant p still available in period t (y_t < retire_k). */
int model_existing_lines(const Model *m, int p, int t);
/* Existing modules of asset i available in period t. */
int model_existing_modules(const Model *m, int i, int t);

#endif
