// The floor of `retrace-benchmark`: the least a program can do to read a history with Debian's simdjson
// (load the file, parse it into a DOM, count the elements of `events`). `retrace analyze` is measured as a
// ratio of this.
#include <cstdio>

#include <simdjson.h>

int main(int argc, char **argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: simdjson-floor FILE\n");
        return 2;
    }
    simdjson::padded_string json;
    if (auto error = simdjson::padded_string::load(argv[1]).get(json)) {
        std::fprintf(stderr, "simdjson-floor: %s\n", simdjson::error_message(error));
        return 1;
    }
    simdjson::dom::parser parser;
    simdjson::dom::array events;
    if (auto error = parser.parse(json)["events"].get_array().get(events)) {
        std::fprintf(stderr, "simdjson-floor: %s\n", simdjson::error_message(error));
        return 1;
    }
    std::printf("%zu\n", events.size());
    return 0;
}
