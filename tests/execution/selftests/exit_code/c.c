#include <stdio.h>

int main(void) {
    while (getchar() != EOF) {
    }
    puts("out");
    fputs("err\n", stderr);
    return 42;
}
