/* Prints OK only when compiled as ISO C11: _Static_assert, _Generic, _Alignof, _Noreturn,
   anonymous structs and unions, u8 string literals. */
#include <stdalign.h>
#include <stdio.h>
#include <stdlib.h>

#if !defined(__STDC_VERSION__) || __STDC_VERSION__ != 201112L
#error "not C11"
#endif

_Static_assert(sizeof(int) >= 4, "int has at least 32 bits");

#define KIND(x) _Generic((x), int: "int", double: "double", default: "other")

struct tagged {
    int tag;
    union {
        int i;
        float f;
    };
};

static _Noreturn void fail(void) { exit(1); }

int main(void) {
    struct tagged t = {.tag = 1, .i = 7};
    const char *text = u8"✓";
    if (t.i != 7 || alignof(double) < 4 || text[0] != '\xe2') fail();
    printf("OK %s %s\n", KIND(1), KIND(1.0));
    return 0;
}
