// Prints OK only when compiled as C++20 (the default standard): concepts, ranges, std::span,
// the three-way comparison, designated initialisers, consteval.
#include <compare>
#include <concepts>
#include <iostream>
#include <ranges>
#include <span>
#include <vector>

#if __cplusplus != 202002L
#error "not C++20"
#endif

template <std::integral T>
T twice(T x) {
    return 2 * x;
}

consteval int cube(int x) { return x * x * x; }

struct version {
    int major;
    int minor;
    auto operator<=>(const version &) const = default;
};

int sum(std::span<const int> values) {
    int total = 0;
    for (int v : values) total += v;
    return total;
}

int main() {
    std::vector<int> values{1, 2, 3, 4, 5, 6};
    auto evens = values | std::views::filter([](int v) { return v % 2 == 0; });
    int even_total = 0;
    for (int v : evens) even_total += v;
    version old{.major = 1, .minor = 2};
    version current{.major = 1, .minor = 10};
    bool fine = twice(21) == 42 && cube(3) == 27 && old < current && sum(values) == 21 &&
                even_total == 12;
    if (!fine) return 1;
    std::cout << "OK\n";
    return 0;
}
