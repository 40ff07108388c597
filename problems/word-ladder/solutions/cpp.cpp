#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    string begin, end;
    int n;
    cin >> begin >> end >> n;
    unordered_set<string> vocabulary;
    for (int i = 0; i < n; i++) {
        string word;
        cin >> word;
        vocabulary.insert(word);
    }
    if (!vocabulary.count(end)) {
        cout << 0 << '\n';
        return 0;
    }
    vocabulary.insert(begin);
    unordered_map<string, vector<string>> buckets;
    for (const string& word : vocabulary) {
        for (size_t i = 0; i < word.size(); i++) {
            string pattern = word;
            pattern[i] = '*';
            buckets[pattern].push_back(word);
        }
    }
    unordered_map<string, int> distance{{begin, 1}};
    deque<string> queue{begin};
    while (!queue.empty()) {
        string word = queue.front();
        queue.pop_front();
        if (word == end) {
            cout << distance[word] << '\n';
            return 0;
        }
        for (size_t i = 0; i < word.size(); i++) {
            string pattern = word;
            pattern[i] = '*';
            auto it = buckets.find(pattern);
            if (it == buckets.end()) continue;
            for (const string& next : it->second) {
                if (!distance.count(next)) {
                    distance[next] = distance[word] + 1;
                    queue.push_back(next);
                }
            }
            buckets.erase(it);
        }
    }
    cout << 0 << '\n';
    return 0;
}
