// Prints OK only when compiled as C++14: generic lambdas, return type deduction, binary
// literals, digit separators, std::make_unique, relaxed constexpr.
#include <iostream>
#include <memory>

#if __cplusplus != 201402L
#error "not C++14"
#endif

auto twice(int x) { return 2 * x; }

constexpr int factorial(int n) {
    int result = 1;
    for (int i = 2; i <= n; i++) result *= i;
    return result;
}

int main() {
    auto add = [](auto a, auto b) { return a + b; };
    auto owned = std::make_unique<int>(0b1010);
    static_assert(factorial(5) == 120, "relaxed constexpr");
    bool fine = add(1, 2) == 3 && add(1.5, 1.5) == 3.0 && twice(*owned) == 20 &&
                1'000'000 == 1000000;
    if (!fine) return 1;
    std::cout << "OK\n";
    return 0;
}
