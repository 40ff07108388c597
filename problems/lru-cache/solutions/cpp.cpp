#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    size_t capacity;
    int count;
    cin >> capacity >> count;
    list<pair<long long, long long>> order;  // most recent first
    unordered_map<long long, list<pair<long long, long long>>::iterator> where;
    string op;
    for (int i = 0; i < count; i++) {
        long long key;
        cin >> op >> key;
        auto it = where.find(key);
        if (op == "get") {
            if (it == where.end()) {
                cout << -1 << '\n';
            } else {
                order.splice(order.begin(), order, it->second);
                cout << it->second->second << '\n';
            }
            continue;
        }
        long long value;
        cin >> value;
        if (it != where.end()) {
            it->second->second = value;
            order.splice(order.begin(), order, it->second);
            continue;
        }
        order.emplace_front(key, value);
        where[key] = order.begin();
        if (order.size() > capacity) {
            where.erase(order.back().first);
            order.pop_back();
        }
    }
    return 0;
}
