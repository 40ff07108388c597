#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n;
    cin >> n;
    unordered_map<string, vector<string>> groups;
    for (int i = 0; i < n; i++) {
        string word;
        cin >> word;
        string key = word;
        sort(key.begin(), key.end());
        groups[key].push_back(word);
    }
    for (auto& [key, words] : groups) {
        sort(words.begin(), words.end());
        for (size_t i = 0; i < words.size(); i++) cout << words[i] << (i + 1 < words.size() ? ' ' : '\n');
    }
    return 0;
}
