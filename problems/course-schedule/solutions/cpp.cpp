#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n, m;
    cin >> n >> m;
    vector<vector<int>> unlocks(n);
    vector<int> missing(n, 0);
    for (int i = 0; i < m; i++) {
        int course, before;
        cin >> course >> before;
        unlocks[before].push_back(course);
        missing[course]++;
    }
    priority_queue<int, vector<int>, greater<int>> ready;
    for (int course = 0; course < n; course++) if (missing[course] == 0) ready.push(course);
    vector<int> order;
    while (!ready.empty()) {
        int course = ready.top();
        ready.pop();
        order.push_back(course);
        for (int next : unlocks[course]) if (--missing[next] == 0) ready.push(next);
    }
    if ((int)order.size() != n) {
        cout << "IMPOSSIBLE\n";
        return 0;
    }
    for (int i = 0; i < n; i++) cout << order[i] << (i + 1 < n ? ' ' : '\n');
    return 0;
}
