// Prints OK and the Unicode line of its own source only if C++ reads all of stdin, adds up its
// numbers and handles Unicode in, through and out.
#include <clocale>
#include <cstdlib>
#include <iostream>
#include <string>

int main() {
    const std::string expected = "héllo wörld ✓ 世界 🎉";
    std::ios::sync_with_stdio(false);
    if (std::setlocale(LC_ALL, "") == nullptr) {
        std::cout << "FAIL locale\n";
        return 1;
    }
    long long count = 0, total = 0;
    std::cin >> count;
    for (long long i = 0; i < count; i++) {
        long long value;
        if (!(std::cin >> value)) {
            std::cout << "FAIL number\n";
            return 1;
        }
        total += value;
    }
    if (total != count * (count + 1) / 2) {
        std::cout << "FAIL sum " << total << "\n";
        return 1;
    }
    std::string word;
    std::getline(std::cin >> std::ws, word);
    if (word != expected || std::mbstowcs(nullptr, word.c_str(), 0) != 18 || !std::cin.eof()) {
        std::cout << "FAIL unicode\n";
        return 1;
    }
    std::cout << "OK " << expected << "\n";
    return 0;
}
