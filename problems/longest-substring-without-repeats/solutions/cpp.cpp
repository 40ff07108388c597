#include <bits/stdc++.h>
using namespace std;

int main() {
    string text;
    cin >> text;
    array<int, 256> last;
    last.fill(-1);
    int start = 0, best = 0;
    for (int i = 0; i < (int)text.size(); i++) {
        unsigned char c = text[i];
        if (last[c] >= start) start = last[c] + 1;
        last[c] = i;
        best = max(best, i - start + 1);
    }
    cout << best << '\n';
    return 0;
}
