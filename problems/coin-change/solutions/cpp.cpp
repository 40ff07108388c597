#include <bits/stdc++.h>
using namespace std;

int main() {
    int n, amount;
    cin >> n >> amount;
    vector<int> coins(n);
    for (auto& coin : coins) cin >> coin;
    const int unreachable = amount + 1;
    vector<int> fewest(amount + 1, unreachable);
    fewest[0] = 0;
    for (int coin : coins) {
        for (int total = coin; total <= amount; total++) {
            fewest[total] = min(fewest[total], fewest[total - coin] + 1);
        }
    }
    cout << (fewest[amount] == unreachable ? -1 : fewest[amount]) << '\n';
    return 0;
}
