/* Prints OK and the Unicode line of its own source only if C reads all of stdin, adds up its
   numbers and handles Unicode in, through and out. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char expected[] = "héllo wörld ✓ 世界 🎉";

int main(void) {
    long count, value, total = 0;
    char word[256];
    if (setlocale(LC_ALL, "") == NULL) {
        puts("FAIL locale");
        return 1;
    }
    if (scanf("%ld", &count) != 1) {
        puts("FAIL count");
        return 1;
    }
    for (long i = 0; i < count; i++) {
        if (scanf("%ld", &value) != 1) {
            puts("FAIL number");
            return 1;
        }
        total += value;
    }
    if (total != count * (count + 1) / 2) {
        printf("FAIL sum %ld\n", total);
        return 1;
    }
    if (scanf(" %255[^\n]", word) != 1 || getchar() != EOF) {
        puts("FAIL last line");
        return 1;
    }
    if (strcmp(word, expected) != 0 || mbstowcs(NULL, word, 0) != 18) {
        puts("FAIL unicode");
        return 1;
    }
    printf("OK %s\n", expected);
    return 0;
}
