#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n, q;
    cin >> n >> q;
    vector<long long> values(n);
    for (auto& value : values) cin >> value;
    for (int i = 0; i < q; i++) {
        long long target;
        cin >> target;
        auto first = lower_bound(values.begin(), values.end(), target);
        if (first == values.end() || *first != target) {
            cout << "-1 -1\n";
            continue;
        }
        auto last = upper_bound(values.begin(), values.end(), target);
        cout << (first - values.begin()) << ' ' << (last - values.begin() - 1) << '\n';
    }
    return 0;
}
