// Prints OK only when compiled as C++17: structured bindings, std::optional, std::variant,
// std::string_view, if constexpr, fold expressions, class template argument deduction.
#include <iostream>
#include <map>
#include <numeric>
#include <optional>
#include <string_view>
#include <variant>

#if __cplusplus != 201703L
#error "not C++17"
#endif

template <typename... Ts>
auto sum(Ts... values) {
    return (values + ...);
}

template <typename T>
int kind(T) {
    if constexpr (sizeof(T) == 1) return 1;
    else return 2;
}

int main() {
    std::map<std::string_view, int> ages{{"ada", 36}};
    auto [name, age] = *ages.begin();
    std::optional<int> maybe = std::nullopt;
    std::variant<int, double> number = 2.5;
    std::pair deduced{1, 2.0};
    bool fine = name == "ada" && age == 36 && !maybe && std::get<double>(number) == 2.5 &&
                sum(1, 2, 3) == 6 && kind('a') == 1 && kind(1) == 2 && std::gcd(12, 18) == 6 &&
                deduced.second == 2.0;
    if (!fine) return 1;
    std::cout << "OK\n";
    return 0;
}
