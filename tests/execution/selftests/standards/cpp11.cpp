// Prints OK only when compiled as C++11: auto, lambdas, range-for, nullptr, constexpr,
// variadic templates, std::unordered_map, move semantics, std::array.
#include <array>
#include <iostream>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>

#if __cplusplus != 201103L
#error "not C++11"
#endif

constexpr int square(int x) { return x * x; }

template <typename... Ts>
int count(Ts...) {
    return sizeof...(Ts);
}

int main() {
    std::unordered_map<std::string, int> ages{{"ada", 36}, {"alan", 41}};
    std::array<int, 3> values{{1, 2, 3}};
    int total = 0;
    for (auto v : values) total += v;
    auto add = [&total](int v) { total += v; };
    add(square(2));
    std::string moved = std::move(std::string("moved"));
    std::unique_ptr<int> owned(new int(5));
    int *none = nullptr;
    bool fine = total == 10 && ages.at("alan") == 41 && count(1, 'a', 2.0) == 3 &&
                moved == "moved" && *owned == 5 && none == nullptr;
    if (!fine) return 1;
    std::cout << "OK\n";
    return 0;
}
