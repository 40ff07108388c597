#include <bits/stdc++.h>
using namespace std;

static bool valid(const string& text) {
    string stack;
    for (char c : text) {
        if (c == '(' || c == '[' || c == '{') {
            stack.push_back(c);
            continue;
        }
        char want = c == ')' ? '(' : c == ']' ? '[' : '{';
        if (stack.empty() || stack.back() != want) return false;
        stack.pop_back();
    }
    return stack.empty();
}

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int count;
    cin >> count;
    string text;
    for (int i = 0; i < count; i++) {
        cin >> text;
        cout << (valid(text) ? "true" : "false") << '\n';
    }
    return 0;
}
