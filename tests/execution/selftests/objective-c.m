// Prints OK and the Unicode line of its own source only if Objective-C (its runtime's message
// sends) reads all of stdin, adds up its numbers and passes Unicode (UTF-8 bytes) through.
#import <objc/runtime.h>
#include <stdio.h>
#include <string.h>

static const char expected[] = "héllo wörld ✓ 世界 🎉";

@interface Tally {
    Class isa;
    long total;
    long count;
}
+ (id)tally;
- (void)add:(long)value;
- (long)total;
- (long)count;
@end

@implementation Tally
+ (id)tally {
    return class_createInstance(self, 0);
}
- (void)add:(long)value {
    total += value;
    count++;
}
- (long)total {
    return total;
}
- (long)count {
    return count;
}
@end

int main(void) {
    long n, i, value, points = 0;
    const unsigned char *p;
    char word[256];
    Tally *tally = [Tally tally];
    if (scanf("%ld", &n) != 1) {
        puts("FAIL count");
        return 1;
    }
    for (i = 0; i < n; i++) {
        if (scanf("%ld", &value) != 1) {
            puts("FAIL number");
            return 1;
        }
        [tally add:value];
    }
    if ([tally total] != n * (n + 1) / 2 || [tally count] != n) {
        printf("FAIL sum %ld\n", [tally total]);
        return 1;
    }
    if (scanf(" %255[^\n]", word) != 1 || getchar() != EOF) {
        puts("FAIL last line");
        return 1;
    }
    for (p = (const unsigned char *)word; *p; p++) {
        if ((*p & 0xC0) != 0x80) points++;  // UTF-8 code points: all but continuation bytes
    }
    if (strcmp(word, expected) != 0 || points != 18) {
        puts("FAIL unicode");
        return 1;
    }
    printf("OK %s\n", expected);
    return 0;
}
