/* Prints OK only when compiled as C17 (the default standard): C11's features, and
   __STDC_VERSION__ 201710L. */
#include <stdalign.h>
#include <stdio.h>

#if !defined(__STDC_VERSION__) || __STDC_VERSION__ != 201710L
#error "not C17"
#endif

_Static_assert(alignof(long long) >= 4, "long long is aligned");

#define KIND(x) _Generic((x), int: "int", double: "double", default: "other")

int main(void) {
    struct {
        int tag;
        union {
            int i;
            float f;
        };
    } t = {.tag = 1, .i = 7};
    if (t.i != 7) return 1;
    printf("OK %s %s\n", KIND(1), KIND(1.0));
    return 0;
}
