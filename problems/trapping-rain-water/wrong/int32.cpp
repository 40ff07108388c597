// expect: wrong_answer
// Sums the water in a 32-bit int: it overflows on tall, wide basins.
#include <bits/stdc++.h>
using namespace std;

int main() {
    int n;
    cin >> n;
    vector<int> heights(n);
    for (auto& height : heights) cin >> height;
    int left = 0, right = n - 1, left_max = 0, right_max = 0, water = 0;
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
