#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n;
    cin >> n;
    vector<pair<long long, long long>> intervals(n);
    for (auto& [start, end] : intervals) cin >> start >> end;
    sort(intervals.begin(), intervals.end());
    vector<pair<long long, long long>> merged;
    for (auto [start, end] : intervals) {
        if (!merged.empty() && start <= merged.back().second) {
            merged.back().second = max(merged.back().second, end);
        } else {
            merged.emplace_back(start, end);
        }
    }
    for (auto [start, end] : merged) cout << start << ' ' << end << '\n';
    return 0;
}
