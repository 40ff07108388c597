#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n;
    cin >> n;
    vector<long long> heights(n);
    for (auto& height : heights) cin >> height;
    int left = 0, right = n - 1;
    long long left_max = 0, right_max = 0, water = 0;
    while (left < right) {
        if (heights[left] < heights[right]) {
            left_max = max(left_max, heights[left]);
            water += left_max - heights[left++];
        } else {
            right_max = max(right_max, heights[right]);
            water += right_max - heights[right--];
        }
    }
    cout << water << '\n';
    return 0;
}
