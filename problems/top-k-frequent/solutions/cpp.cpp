#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n, k;
    cin >> n >> k;
    unordered_map<long long, int> counts;
    for (int i = 0; i < n; i++) {
        long long value;
        cin >> value;
        counts[value]++;
    }
    vector<pair<int, long long>> ranked;  // (-count, value)
    for (auto [value, count] : counts) ranked.emplace_back(-count, value);
    sort(ranked.begin(), ranked.end());
    for (int i = 0; i < k; i++) cout << ranked[i].second << (i + 1 < k ? ' ' : '\n');
    return 0;
}
