#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int rows, cols;
    cin >> rows >> cols;
    vector<string> grid(rows);
    for (auto& row : grid) cin >> row;
    int islands = 0;
    vector<pair<int, int>> stack;
    for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
            if (grid[r][c] != '1') continue;
            islands++;
            grid[r][c] = '0';
            stack.assign(1, {r, c});
            while (!stack.empty()) {
                auto [y, x] = stack.back();
                stack.pop_back();
                const int dy[] = {-1, 1, 0, 0}, dx[] = {0, 0, -1, 1};
                for (int d = 0; d < 4; d++) {
                    int ny = y + dy[d], nx = x + dx[d];
                    if (ny >= 0 && ny < rows && nx >= 0 && nx < cols && grid[ny][nx] == '1') {
                        grid[ny][nx] = '0';
                        stack.emplace_back(ny, nx);
                    }
                }
            }
        }
    }
    cout << islands << '\n';
    return 0;
}
