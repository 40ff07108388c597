// Prints OK only when compiled as C++23 (-std=c++23): if consteval, std::expected,
// std::to_underlying, the size_t literal suffix.
#include <expected>
#include <iostream>
#include <utility>

#if __cplusplus <= 202002L
#error "not C++23"
#endif

enum class colour : int { red = 1, green = 2 };

constexpr int where() {
    if consteval {
        return 1;
    } else {
        return 2;
    }
}

std::expected<int, const char *> parse(bool ok) {
    if (ok) return 42;
    return std::unexpected("bad");
}

int main() {
    constexpr int at_compile_time = where();
    auto size = 3uz;
    bool fine = at_compile_time == 1 && parse(true).value() == 42 && !parse(false) &&
                std::to_underlying(colour::green) == 2 && size == 3;
    if (!fine) return 1;
    std::cout << "OK\n";
    return 0;
}
