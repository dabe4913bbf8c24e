/*
 * load_src.c — files, @include and --set overrides for the loader (see load_src.h).
 *
 * libconfig's own @include is textual and resolves names against one include folder, so
 * two catalogue files that each hold `technologies = (...)` could not both be included.
 * We therefore take @include lines out ourselves (replacing each by an empty line, so that
 * line numbers stay right), parse every file as its own tree, and let the loader merge
 * the trees' top-level lists in load order.
 */
#include "load_src.h"
#include "diag.h"
#include "xalloc.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Marks settings that came from --set (the hook is user data in libconfig). */
static char override_tag;


/* Lexically normalise a path: drop "./" segments and fold "dir/.." pairs. */
static char *normalise(const char *path)
{
    size_t n = strlen(path);
    char *tmp = xstrdup(path);
    char **seg = xmalloc((n + 1) * sizeof *seg);
    int ns = 0;
    bool abs = path[0] == '/';
    for (char *tok = strtok(tmp, "/"); tok; tok = strtok(NULL, "/")) {
        if (strcmp(tok, ".") == 0)
            continue;
        if (strcmp(tok, "..") == 0 && ns > 0 && strcmp(seg[ns - 1], "..") != 0) {
            ns--;
            continue;
        }
        seg[ns++] = tok;
    }
    char *out = xmalloc(n + 3);
    size_t k = 0;
    if (abs)
        out[k++] = '/';
    for (int i = 0; i < ns; i++) {
        size_t l = strlen(seg[i]);
        memcpy(out + k, seg[i], l);
        k += l;
        if (i + 1 < ns)
            out[k++] = '/';
    }
    if (k == 0)
        out[k++] = '.';
    out[k] = '\0';
    free(seg);
    free(tmp);
    return out;
}

/* The path of an included name, relative to the folder of the including file. */
static char *include_path(const char *including, const char *name)
{
    if (name[0] == '/')
        return normalise(name);
    const char *slash = strrchr(including, '/');
    size_t dl = slash ? (size_t)(slash - including) + 1 : 0;
    char *joined = xasprintf("%.*s%s", (int)dl, including, name);
    char *r = normalise(joined);
    free(joined);
    return r;
}

/* The largest file the loader reads (an instance or an included catalogue): a guard
 * against @include "/dev/zero"-like mistakes, far above any real instance (Dunkirk with
 * its catalogue is under 1 MiB). */
#define MAX_FILE_BYTES ((size_t)64 << 20)

/*
 * Read a whole regular file. On failure returns NULL and sets *why to the reason (a static
 * string). The file is opened non-blocking, so that a FIFO is refused at once instead of
 * waiting for a writer, and checked with fstat on the opened descriptor (no race).
 */
static char *read_whole(const char *path, size_t *size, const char **why)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        *why = strerror(errno);
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        *why = strerror(errno);
        close(fd);
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        *why = S_ISDIR(st.st_mode)    ? "it is a folder, not a regular file"
               : S_ISFIFO(st.st_mode) ? "it is a FIFO (named pipe), not a regular file"
               : S_ISCHR(st.st_mode)  ? "it is a character device, not a regular file"
               : S_ISBLK(st.st_mode)  ? "it is a block device, not a regular file"
               : S_ISSOCK(st.st_mode) ? "it is a socket, not a regular file"
                                      : "it is not a regular file";
        close(fd);
        return NULL;
    }
    if ((uintmax_t)st.st_size > MAX_FILE_BYTES) {
        *why = "the file is larger than 64 MiB; an instance or catalogue is far smaller";
        close(fd);
        return NULL;
    }
    /* Read up to one byte past the limit, in case the file grew since fstat. */
    size_t cap = (size_t)st.st_size + 1, n = 0;
    char *buf = xmalloc(cap + 1);
    for (;;) {
        if (n == cap) {
            if (cap > MAX_FILE_BYTES) {
                *why = "the file is larger than 64 MiB; an instance or catalogue is far smaller";
                free(buf);
                close(fd);
                return NULL;
            }
            cap = cap * 2 > MAX_FILE_BYTES + 1 ? MAX_FILE_BYTES + 1 : cap * 2;
            buf = xrealloc(buf, cap + 1);
        }
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            *why = strerror(errno);
            free(buf);
            close(fd);
            return NULL;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    close(fd);
    buf[n] = '\0';
    *size = n;
    return buf;
}

static int add_file(Sources *S, char *path, char *bytes, size_t size)
{
    if (S->n == S->cap) {
        S->cap = S->cap ? 2 * S->cap : 8;
        S->path = xrealloc(S->path, (size_t)S->cap * sizeof *S->path);
        S->bytes = xrealloc(S->bytes, (size_t)S->cap * sizeof *S->bytes);
        S->size = xrealloc(S->size, (size_t)S->cap * sizeof *S->size);
        S->cfg = xrealloc(S->cfg, (size_t)S->cap * sizeof *S->cfg);
        S->ok = xrealloc(S->ok, (size_t)S->cap * sizeof *S->ok);
    }
    int k = S->n++;
    S->path[k] = path;
    S->bytes[k] = bytes;
    S->size[k] = size;
    S->cfg[k] = xmalloc(sizeof *S->cfg[k]);
    config_init(S->cfg[k]);
    S->ok[k] = false;
    return k;
}

/*
 * Find the @include lines of text, blank them in place, and return their names and lines.
 * Tracks strings, comments and bracket depth so that only real directives are taken;
 * a directive inside a setting is reported (it would splice text into a value).
 */
typedef struct {
    char *name;
    int line;
} IncludeLine;

static int take_includes(char *text, const char *file, IncludeLine **out, Diag *d)
{
    int n = 0, cap = 0, depth = 0, line = 1;
    bool at_line_start = true;
    IncludeLine *inc = NULL;
    char *p = text;
    while (*p) {
        if (at_line_start) {
            char *q = p;
            while (*q == ' ' || *q == '\t')
                q++;
            if (strncmp(q, "@include", 8) == 0) {
                char *e = strchr(q, '\n');
                size_t len = e ? (size_t)(e - q) : strlen(q);
                char *l1 = memchr(q, '"', len);
                char *l2 = l1 ? memchr(l1 + 1, '"', len - (size_t)(l1 + 1 - q)) : NULL;
                if (!l1 || !l2) {
                    diag_add(d, file, line, "@include", "expected @include \"FILE\" with the file name in double quotes");
                } else if (depth > 0) {
                    diag_add(d, file, line, "@include",
                             "@include is only supported at the top level of a file, not inside a setting");
                } else {
                    if (n == cap) {
                        cap = cap ? 2 * cap : 4;
                        inc = xrealloc(inc, (size_t)cap * sizeof *inc);
                    }
                    inc[n].name = xasprintf("%.*s", (int)(l2 - l1 - 1), l1 + 1);
                    inc[n].line = line;
                    n++;
                }
                memset(q, ' ', len);
                p = q + len;
                at_line_start = false;
                continue;
            }
        }
        at_line_start = false;
        char c = *p;
        if (c == '\n') {
            line++;
            at_line_start = true;
            p++;
        } else if (c == '#' || (c == '/' && p[1] == '/')) {
            while (*p && *p != '\n')
                p++;
        } else if (c == '/' && p[1] == '*') {
            p += 2;
            while (*p && !(p[0] == '*' && p[1] == '/')) {
                if (*p == '\n')
                    line++;
                p++;
            }
            if (*p)
                p += 2;
        } else if (c == '"') {
            p++;
            while (*p && *p != '"' && *p != '\n') {
                if (*p == '\\' && p[1])
                    p++;
                p++;
            }
            if (*p == '"')
                p++;
        } else {
            if (c == '(' || c == '[' || c == '{')
                depth++;
            else if ((c == ')' || c == ']' || c == '}') && depth > 0)
                depth--;
            p++;
        }
    }
    *out = inc;
    return n;
}

/*
 * libconfig arrays [ ... ] must hold one scalar type, so [0, 4.0e6] is a syntax error
 * ("mismatched element type in array"), against SPEC §3: an integer is accepted wherever a
 * number is expected. Lists ( ... ) have no such rule, and every reader of the loader takes
 * either, so brackets outside strings and comments become parentheses. The length of the
 * text and its line breaks do not change, so line numbers stay right.
 */
static void arrays_to_lists(char *p)
{
    while (*p) {
        if (*p == '#' || (p[0] == '/' && p[1] == '/')) {
            while (*p && *p != '\n')
                p++;
        } else if (p[0] == '/' && p[1] == '*') {
            p += 2;
            while (*p && !(p[0] == '*' && p[1] == '/'))
                p++;
            if (*p)
                p += 2;
        } else if (*p == '"') {
            p++;
            while (*p && *p != '"') {
                if (*p == '\\' && p[1])
                    p++;
                p++;
            }
            if (*p)
                p++;
        } else {
            if (*p == '[')
                *p = '(';
            else if (*p == ']')
                *p = ')';
            p++;
        }
    }
}

/* Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF. */
long src_utf8_bad_offset(const char *text)
{
    const unsigned char *s = (const unsigned char *)text, *p = s;
    while (*p) {
        unsigned c = *p;
        int n;
        uint32_t cp, min;
        if (c < 0x80) {
            p++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            n = 1, cp = c & 0x1F, min = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            n = 2, cp = c & 0x0F, min = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            n = 3, cp = c & 0x07, min = 0x10000;
        } else {
            return p - s;
        }
        for (int k = 1; k <= n; k++) {
            if ((p[k] & 0xC0) != 0x80)
                return p - s;
            cp = (cp << 6) | (p[k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return p - s;
        p += n + 1;
    }
    return -1;
}

static bool on_stack(const Sources *S, const int *stack, int ns, const char *path)
{
    for (int i = 0; i < ns; i++)
        if (strcmp(S->path[stack[i]], path) == 0)
            return true;
    return false;
}

static bool read_one(Sources *S, char *path, const char *from_file, int from_line,
                     int *stack, int ns, Diag *d)
{
    for (int k = 0; k < S->n; k++) {
        if (strcmp(S->path[k], path) == 0) {
            if (on_stack(S, stack, ns, path))
                diag_add(d, from_file, from_line, "@include", "'%s' includes itself (an include cycle)", path);
            else
                diag_add(d, from_file, from_line, "@include", "'%s' is already included; include each file once", path);
            free(path);
            return false;
        }
    }
    long bad = src_utf8_bad_offset(path);
    if (bad >= 0) {
        /* the name reaches solution.json (input files), which must parse */
        if (from_file)
            diag_add(d, from_file, from_line, "@include",
                     "the file path '%s' is not valid UTF-8: byte %ld (0x%02x, counting from 0); rename the file",
                     path, bad, (unsigned)(unsigned char)path[bad]);
        else
            diag_add(d, path, 0, NULL, "the file path is not valid UTF-8: byte %ld (0x%02x, counting from 0); "
                     "rename the file", bad, (unsigned)(unsigned char)path[bad]);
        free(path);
        return false;
    }
    size_t size;
    const char *reason = NULL;
    char *bytes = read_whole(path, &size, &reason);
    if (!bytes) {
        if (from_file)
            diag_add(d, from_file, from_line, "@include", "cannot read '%s': %s", path, reason);
        else
            diag_add(d, path, 0, NULL, "cannot read the instance: %s", reason);
        free(path);
        return false;
    }
    int k = add_file(S, path, bytes, size);
    if (ns >= 64) {
        diag_add(d, from_file, from_line, "@include", "includes nested more than 64 deep");
        return false;
    }
    stack[ns++] = k;

    /* Parse a copy with the directives blanked; keep the original bytes for the hash. */
    char *text = xmalloc(size + 1);
    memcpy(text, bytes, size + 1);
    if (memchr(bytes, '\0', size)) {
        diag_add(d, S->path[k], 0, NULL, "the file holds a NUL byte; expected a text file");
        free(text);
        return false;
    }
    IncludeLine *inc;
    int before = d->n;
    int ninc = take_includes(text, S->path[k], &inc, d);
    bool good = d->n == before;
    arrays_to_lists(text);
    config_set_auto_convert(S->cfg[k], 0);
    if (config_read_string(S->cfg[k], text) == CONFIG_TRUE) {
        S->ok[k] = true;
    } else {
        const char *why = config_error_text(S->cfg[k]);
        bool plain = !why || strcmp(why, "syntax error") == 0;
        diag_add(d, S->path[k], config_error_line(S->cfg[k]), NULL,
                 "syntax error%s%s; check this line and the one before for a missing or extra '=', ';', ',', "
                 "quote or bracket", plain ? "" : ": ", plain ? "" : why);
        good = false;
    }
    free(text);
    for (int i = 0; i < ninc; i++) {
        char *ip = include_path(S->path[k], inc[i].name);
        if (!read_one(S, ip, S->path[k], inc[i].line, stack, ns, d))
            good = false;
        free(inc[i].name);
    }
    free(inc);
    return good;
}

bool src_read(Sources *S, const char *path, Diag *d)
{
    int stack[64];
    return read_one(S, normalise(path), NULL, 0, stack, 0, d);
}

void src_where(const Sources *S, const config_setting_t *s, const char **file, int *line)
{
    for (const config_setting_t *q = s; q; q = config_setting_parent(q)) {
        if (config_setting_get_hook(q) == &override_tag) {
            *file = "--set";
            *line = 0;
            return;
        }
    }
    const config_setting_t *root = s;
    while (config_setting_parent(root))
        root = config_setting_parent(root);
    for (int k = 0; k < S->n; k++) {
        if (S->ok[k] && config_root_setting(S->cfg[k]) == root) {
            *file = S->path[k];
            *line = config_setting_source_line(s);
            return;
        }
    }
    *file = "-";
    *line = 0;
}

void src_free(Sources *S)
{
    for (int k = 0; k < S->n; k++) {
        free(S->path[k]);
        free(S->bytes[k]);
        config_destroy(S->cfg[k]);
        free(S->cfg[k]);
    }
    free(S->path);
    free(S->bytes);
    free(S->size);
    free(S->cfg);
    free(S->ok);
    memset(S, 0, sizeof *S);
}

/* ---- --set overrides ------------------------------------------------------------- */

/* Deep-copy value setting v into parent (a group: under name; a list or array: appended). */
static config_setting_t *copy_setting(config_setting_t *parent, const char *name, const config_setting_t *v)
{
    int type = config_setting_type(v);
    config_setting_t *n = config_setting_add(parent, name, type);
    if (!n)
        return NULL;
    config_setting_set_hook(n, &override_tag);
    switch (type) {
    case CONFIG_TYPE_INT:
        config_setting_set_int(n, config_setting_get_int(v));
        break;
    case CONFIG_TYPE_INT64:
        config_setting_set_int64(n, config_setting_get_int64(v));
        break;
    case CONFIG_TYPE_FLOAT:
        config_setting_set_float(n, config_setting_get_float(v));
        break;
    case CONFIG_TYPE_BOOL:
        config_setting_set_bool(n, config_setting_get_bool(v));
        break;
    case CONFIG_TYPE_STRING:
        config_setting_set_string(n, config_setting_get_string(v));
        break;
    default:
        for (int i = 0; i < config_setting_length(v); i++) {
            const config_setting_t *e = config_setting_get_elem(v, (unsigned)i);
            if (!copy_setting(n, type == CONFIG_TYPE_GROUP ? config_setting_name(e) : NULL, e))
                return NULL;
        }
    }
    return n;
}

/* Element of a list by [N] or by its id. */
static config_setting_t *list_elem(config_setting_t *list, const char *seg)
{
    int len = config_setting_length(list);
    if (seg[0] == '[') {
        char *end;
        long i = strtol(seg + 1, &end, 10);
        if (end == seg + 1 || strcmp(end, "]") != 0 || i < 0 || i >= len)
            return NULL;
        return config_setting_get_elem(list, (unsigned)i);
    }
    for (int i = 0; i < len; i++) {
        config_setting_t *e = config_setting_get_elem(list, (unsigned)i);
        const char *id;
        if (config_setting_is_group(e) && config_setting_lookup_string(e, "id", &id) && strcmp(id, seg) == 0)
            return e;
    }
    return NULL;
}

/* Walk segs[from..n-2] below s; NULL if some segment does not resolve. */
static config_setting_t *walk(config_setting_t *s, char **segs, int from, int n)
{
    for (int i = from; s && i < n - 1; i++) {
        if (config_setting_is_group(s))
            s = config_setting_get_member(s, segs[i]);
        else if (config_setting_is_list(s) || config_setting_is_array(s))
            s = list_elem(s, segs[i]);
        else
            s = NULL;
    }
    return s;
}

static bool valid_name(const char *s)
{
    if (!isalpha((unsigned char)s[0]) && s[0] != '*')
        return false;
    for (const char *p = s; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '_' && *p != '-' && *p != '*')
            return false;
    return true;
}

/* PATH with list elements written as NAME[N] or NAME[ID] (plants[0], plants[am_dunkerque]),
 * rewritten as the dotted form the walk reads (plants.[0], plants.am_dunkerque). Caller frees. */
static char *dotted_path(const char *path)
{
    size_t n = strlen(path);
    char *r = xmalloc(2 * n + 1), *q = r;
    for (const char *p = path; *p; p++) {
        if (*p == '[') {
            const char *e = strchr(p, ']');
            bool digits = e && e > p + 1;
            for (const char *c = p + 1; e && c < e; c++)
                digits = digits && isdigit((unsigned char)*c);
            if (q > r && q[-1] != '.')
                *q++ = '.';
            if (e && !digits) { /* [ID]: the element whose id is ID */
                memcpy(q, p + 1, (size_t)(e - p - 1));
                q += e - p - 1;
                p = e;
                continue;
            }
        }
        *q++ = *p;
    }
    *q = '\0';
    return r;
}

/* Why segs[0..n-2] lead nowhere when segs[0] names a list: the first element that is not
 * there, with the nearest id ("did you mean") or the valid indices. True when it said so. */
static bool explain_missing(Sources *S, char **segs, int n, const Override *o, Diag *d)
{
    for (int k = 0; k < S->n; k++) {
        if (!S->ok[k])
            continue;
        config_setting_t *s = config_setting_get_member(config_root_setting(S->cfg[k]), segs[0]);
        for (int i = 1; s && i < n - 1; i++) {
            config_setting_t *next = config_setting_is_group(s) ? config_setting_get_member(s, segs[i])
                                     : config_setting_is_list(s) ? list_elem(s, segs[i])
                                                                 : NULL;
            if (next) {
                s = next;
                continue;
            }
            if (!config_setting_is_list(s))
                return false;
            int len = config_setting_length(s);
            if (segs[i][0] == '[') {
                diag_add(d, "--set", 0, o->path, "no element %s: the %s list of %s has %d element%s, [0] to [%d] "
                         "(or name the element by its id)", segs[i], segs[i - 1], S->path[k], len, len == 1 ? "" : "s",
                         len - 1);
                return true;
            }
            const char *best = NULL;
            int bestd = diag_typo_limit(segs[i]) + 1;
            for (int e = 0; e < len; e++) {
                const char *id;
                config_setting_t *el = config_setting_get_elem(s, (unsigned)e);
                if (!config_setting_is_group(el) || !config_setting_lookup_string(el, "id", &id))
                    continue;
                int dd = diag_edit_distance(segs[i], id);
                if (dd < bestd) {
                    bestd = dd;
                    best = id;
                }
            }
            if (best)
                diag_add(d, "--set", 0, o->path, "%s has no element with id '%s'; did you mean '%s'?", segs[i - 1],
                         segs[i], best);
            else
                diag_add(d, "--set", 0, o->path, "%s has no element with id '%s' (name an element by its id or by "
                         "[N])", segs[i - 1], segs[i]);
            return true;
        }
    }
    return false;
}

static void apply_one(Sources *S, const Override *o, Diag *d)
{
    char *buf = dotted_path(o->path);
    char *segs[64];
    int n = 0;
    for (char *t = strtok(buf, "."); t && n < 64; t = strtok(NULL, "."))
        segs[n++] = t;
    if (n == 0 || !valid_name(segs[n - 1]) || !valid_name(segs[0])) {
        diag_add(d, "--set", 0, o->path,
                 "expected PATH=VALUE with PATH like policy.carbon_price or plants.am_dunkerque.production "
                 "(the last part must be a setting name)");
        free(buf);
        return;
    }

    config_t vcfg;
    config_init(&vcfg);
    char *text = xasprintf("v = %s;", o->value);
    arrays_to_lists(text);
    if (config_read_string(&vcfg, text) != CONFIG_TRUE) {
        diag_add(d, "--set", 0, o->path, "cannot read the value '%s' (%s); expected a libconfig value, e.g. 150, [100, 150] or \"text\"",
                 o->value, config_error_text(&vcfg));
        goto out;
    }
    config_setting_t *v = config_lookup(&vcfg, "v");

    /* The first file whose tree holds the first segment, else the instance. */
    config_setting_t *parent = NULL;
    for (int k = 0; k < S->n && !parent; k++) {
        if (!S->ok[k])
            continue;
        config_setting_t *root = config_root_setting(S->cfg[k]);
        if (!config_setting_get_member(root, segs[0]))
            continue;
        parent = walk(root, segs, 0, n);
        if (!parent && n > 1 && config_setting_is_list(config_setting_get_member(root, segs[0])))
            continue; /* a list element may be in another file's list */
        break;
    }
    if (!parent && n > 2 && explain_missing(S, segs, n, o, d))
        goto out;
    if (!parent && S->n > 0 && S->ok[0]) {
        /* Create missing groups in the instance (e.g. --set policy.cap=... without policy). */
        config_setting_t *s = config_root_setting(S->cfg[0]);
        for (int i = 0; i < n - 1 && s; i++) {
            config_setting_t *c = config_setting_is_group(s) ? config_setting_get_member(s, segs[i]) : NULL;
            if (!c && config_setting_is_group(s) && valid_name(segs[i]))
                c = config_setting_add(s, segs[i], CONFIG_TYPE_GROUP);
            else if (!c)
                c = walk(s, segs, i, i + 2);
            s = c;
        }
        parent = s;
    }
    if (!parent || !config_setting_is_group(parent)) {
        diag_add(d, "--set", 0, o->path, "no such setting: the path does not lead to a group of the instance");
        goto out;
    }
    if (config_setting_get_member(parent, segs[n - 1]))
        config_setting_remove(parent, segs[n - 1]);
    if (!copy_setting(parent, segs[n - 1], v))
        diag_add(d, "--set", 0, o->path, "cannot set this value here");
out:
    free(text);
    config_destroy(&vcfg);
    free(buf);
}

void src_apply_overrides(Sources *S, const Override *ov, int nov, Diag *d)
{
    for (int i = 0; i < nov; i++)
        apply_one(S, &ov[i], d);
}
