#include <iostream>
#include <string>

int main() {
    std::string line;
    while (std::getline(std::cin, line)) {
    }
    std::cout << "out" << std::endl;
    std::cerr << "err" << std::endl;
    return 42;
}
