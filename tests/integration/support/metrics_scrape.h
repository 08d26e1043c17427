// Reading a real server's /metrics as a scraper would.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace refnet::testing {

// GET http://127.0.0.1:PORT/PATH; the whole response, headers included
// (empty when nothing answers).
std::string HttpGet(int port, const std::string& path);

// The samples of a scrape's text: "name{labels}" → value, labels as exposed.
std::map<std::string, double> Samples(const std::string& text);

// The value of the one sample named `name` whose labels include every one
// of `labels` (`key="value"` each); -1 when there is none.
double Value(const std::map<std::string, double>& samples, const std::string& name,
             const std::vector<std::string>& labels = {});

}  // namespace refnet::testing
