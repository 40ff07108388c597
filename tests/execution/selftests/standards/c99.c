/* Prints OK only when compiled as ISO C99: VLAs, designated initialisers, compound literals,
   long long, <stdbool.h>, <inttypes.h>, declarations in for loops, // comments. */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>

#if !defined(__STDC_VERSION__) || __STDC_VERSION__ != 199901L
#error "not C99"
#endif

struct point {
    int x, y;
};

static int sum(int n, const int values[n]) {
    int total = 0;
    for (int i = 0; i < n; i++) total += values[i];
    return total;
}

int main(void) {
    int n = 4;
    int values[n];  // a variable-length array
    for (int i = 0; i < n; i++) values[i] = i + 1;
    struct point p = {.y = 2, .x = 1};
    struct point *q = &(struct point){3, 4};
    long long big = 1LL << 40;
    int64_t exact = INT64_C(1) << 40;
    bool fine = sum(n, values) == 10 && p.x + p.y + q->x + q->y == 10 && big == exact;
    if (!fine) return 1;
    printf("OK\n");
    return 0;
}
