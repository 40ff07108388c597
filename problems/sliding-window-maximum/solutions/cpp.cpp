#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n, k;
    cin >> n >> k;
    vector<long long> values(n);
    for (auto& value : values) cin >> value;
    deque<int> window;
    string out;
    for (int i = 0; i < n; i++) {
        while (!window.empty() && values[window.back()] <= values[i]) window.pop_back();
        window.push_back(i);
        if (window.front() <= i - k) window.pop_front();
        if (i >= k - 1) {
            if (i > k - 1) out += ' ';
            out += to_string(values[window.front()]);
        }
    }
    cout << out << '\n';
    return 0;
}
