#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n;
    cin >> n;
    priority_queue<long long> low;
    priority_queue<long long, vector<long long>, greater<long long>> high;
    for (int i = 0; i < n; i++) {
        long long value;
        cin >> value;
        if (!low.empty() && value > low.top()) high.push(value);
        else low.push(value);
        if (low.size() > high.size() + 1) {
            high.push(low.top());
            low.pop();
        } else if (high.size() > low.size()) {
            low.push(high.top());
            high.pop();
        }
        if (low.size() > high.size()) {
            cout << low.top() << '\n';
        } else {
            long long total = low.top() + high.top();
            if (total % 2 == 0) cout << total / 2 << '\n';
            else cout << fixed << setprecision(1) << total / 2.0 << '\n';
        }
    }
    return 0;
}
