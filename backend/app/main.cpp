#include "Cli.h"

#include <iostream>

int main(int argc, char **argv)
{
    return podbay::helper::runCli(podbay::helper::argsFrom(argc, argv), std::cout, std::cerr);
}
