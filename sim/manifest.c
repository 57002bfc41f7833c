/* SPDX-License-Identifier: MIT */
/* manifest: manifest.json (see tco/manifest.h). */
#include "tco/manifest.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <openssl/evp.h>

#include "tco/diag.h"
#include "tco/xalloc.h"

bool tco_manifest_sha256_file(const char *path, char hex[65])
{
    hex[0] = '\0';
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return false;
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    if (!ctx)
        tco_out_of_memory("a SHA-256 context");
    bool ok = EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) == 1;
    unsigned char buf[65536];
    size_t n;
    while (ok && (n = fread(buf, 1, sizeof buf, fp)) > 0)
        ok = EVP_DigestUpdate(ctx, buf, n) == 1;
    ok = ok && !ferror(fp);
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    ok = ok && EVP_DigestFinal_ex(ctx, md, &len) == 1 && len == 32;
    EVP_MD_CTX_free(ctx);
    fclose(fp);
    if (!ok)
        return false;
    for (unsigned i = 0; i < len; i++)
        snprintf(hex + 2 * i, 3, "%02x", md[i]);
    return true;
}

/* A text as a JSON string that is always valid UTF-8 (a file name may not be). */
static json_t *text(const char *s)
{
    char *u = tco_diag_utf8(s);
    json_t *j = json_string(u);
    free(u);
    return j;
}

int tco_manifest_write(FILE *out, const tco_manifest *m)
{
    json_t *doc = json_object();
    json_object_set_new(doc, "tool", json_string("tcosim"));
    json_object_set_new(doc, "version", json_string(m->version));
    json_t *command = json_array();
    for (int i = 0; i < m->argc; i++)
        json_array_append_new(command, text(m->argv[i]));
    json_object_set_new(doc, "command", command);
    if (m->simulated) {
        char seed[32];
        snprintf(seed, sizeof seed, "%llu", (unsigned long long)m->seed); /* exact: a string */
        json_object_set_new(doc, "seed", json_string(seed));
        json_object_set_new(doc, "trials", json_integer((json_int_t)m->trials));
    } else {
        json_object_set_new(doc, "seed", json_null());
        json_object_set_new(doc, "trials", json_null());
    }
    json_t *inputs = json_array();
    for (size_t i = 0; i < m->n_inputs; i++) {
        json_t *in = json_object();
        json_object_set_new(in, "path", text(m->inputs[i].path));
        json_object_set_new(in, "kind", json_string(m->inputs[i].kind));
        char hex[65];
        json_object_set_new(in, "sha256", tco_manifest_sha256_file(m->inputs[i].path, hex)
                                              ? json_string(hex)
                                              : json_null());
        json_array_append_new(inputs, in);
    }
    json_object_set_new(doc, "inputs", inputs);
    json_t *outputs = json_array();
    for (size_t i = 0; i < m->n_outputs; i++)
        json_array_append_new(outputs, json_string(m->outputs[i]));
    json_object_set_new(doc, "outputs", outputs);
    json_object_set_new(doc, "currency", m->currency ? text(m->currency) : json_null());
    json_object_set_new(doc, "discounted", json_boolean(m->discounted));
    errno = 0;
    int rc = json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(doc);
    if (rc == 0 && fputc('\n', out) == EOF)
        rc = -1;
    return rc == 0 && !ferror(out) ? 0 : -1;
}
